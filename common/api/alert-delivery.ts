import { z } from 'zod'
import { DELIVERY_STATUSES } from './alerts.ts'
import { Id, Timestamp } from './schemas.ts'

/** What the text and voice provider reports about a message it took. */
export const RECEIPT_STATUSES = ['delivered', 'failed', 'busy', 'no_answer'] as const
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number]

export const ProviderReceiptBody = z.object({
  /** The provider's id of the message, as it answered when it took it. */
  id: z.string().trim().min(1, 'the provider message id').max(200),
  status: z.enum(RECEIPT_STATUSES),
  at: Timestamp.optional(),
})
export type ProviderReceiptBody = z.infer<typeof ProviderReceiptBody>

export const ProviderReceiptResult = z.object({
  deliveryId: Id,
  status: z.enum(DELIVERY_STATUSES),
})
export type ProviderReceiptResult = z.infer<typeof ProviderReceiptResult>
