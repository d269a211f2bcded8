import { z } from 'zod'
import { normalizePhone } from '../domain/phone.ts'
import { NewPassword } from './schemas.ts'

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('an e-mail address'))
  .pipe(z.string().max(254))

/** A phone number as a resident types it; the API keeps it in E.164. */
export const PhoneNumber = z
  .string()
  .max(32)
  .transform((text, context) => {
    const number = normalizePhone(text)
    if (number) return number
    context.addIssue({ code: 'custom', message: 'a phone number with its area code' })
    return z.NEVER
  })

/** POST /api/portal/account: a resident signs up; the answer logs them on. */
export const SignUpBody = z.object({
  email: Email,
  password: NewPassword,
  displayName: z.string().trim().min(1).max(120),
})
export type SignUpBody = z.infer<typeof SignUpBody>

/** POST /api/portal/session */
export const ResidentLogOnBody = z.object({
  email: Email,
  password: z.string().min(1).max(256),
})
export type ResidentLogOnBody = z.infer<typeof ResidentLogOnBody>

export const ResidentSessionView = z.object({
  account: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
  /** Send back in the `x-csrf-token` header on every change. */
  csrfToken: z.string(),
})
export type ResidentSessionView = z.infer<typeof ResidentSessionView>

export const CONFIRMATION_CHANNELS = ['sms', 'voice'] as const

/** POST /api/portal/phones: add a number; a code is sent to confirm it. */
export const AddPhoneBody = z.object({
  number: PhoneNumber,
  label: z.string().trim().min(1).max(40).optional(),
  /** How the code reaches the phone: a text message, or a voice call for a landline. */
  channel: z.enum(CONFIRMATION_CHANNELS).default('sms'),
})
export type AddPhoneBody = z.infer<typeof AddPhoneBody>

/** POST /api/portal/phones/:id/confirm */
export const ConfirmPhoneBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code'),
})
export type ConfirmPhoneBody = z.infer<typeof ConfirmPhoneBody>

/** POST /api/portal/phones/:id/resend */
export const ResendCodeBody = z.object({ channel: z.enum(CONFIRMATION_CHANNELS).optional() })
export type ResendCodeBody = z.infer<typeof ResendCodeBody>

export const ResidentPhone = z.object({
  id: z.uuid(),
  number: z.string(),
  label: z.string().nullable(),
  confirmed: z.boolean(),
  confirmedAt: z.string().nullable(),
  /** While a code is pending: when it lapses, and the tries left. */
  codeExpiresAt: z.string().nullable(),
  triesLeft: z.number().int().nullable(),
})
export type ResidentPhone = z.infer<typeof ResidentPhone>

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed', 'held'] as const

/** GET /api/outbox */
export const ListOutboxQuery = z.object({
  recipient: z.string().max(254).optional(),
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListOutboxQuery = z.infer<typeof ListOutboxQuery>

export const OutboxMessage = z.object({
  id: z.uuid(),
  channel: z.enum(['sms', 'voice', 'email']),
  recipient: z.string(),
  body: z.string(),
  purpose: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
})
export type OutboxMessage = z.infer<typeof OutboxMessage>
