import type { Fee, RequesterType } from '@common/api/records-requests.ts'
import type { RecordsRequestSettings } from '../../config.ts'

export interface FeeInput {
  settings: RecordsRequestSettings['fee']
  requesterType: RequesterType
  /** Hours of work entered by the clerk (hourly model); null until entered. */
  hours: number | null
  paidCents: number
  /** The response deadline was missed (M.G.L. c.66 §10(e)): no fee may be charged. */
  deadlineMissed: boolean
}

/**
 * The fee for one call: the flat fee, or the hours beyond the free ones at the hourly rate.
 * Investigators pay nothing unless the center charges them; nobody pays once the response
 * deadline was missed.
 */
export function computeFee(input: FeeInput): Fee {
  const { settings } = input
  const amountCents =
    settings.model === 'flat'
      ? settings.flatCents
      : Math.round(Math.max(0, (input.hours ?? 0) - settings.freeHours) * settings.hourlyCents)
  const waived =
    input.requesterType === 'investigator' && !settings.chargeInvestigators
      ? 'investigator'
      : input.deadlineMissed
        ? 'deadline_missed'
        : null
  return {
    model: settings.model,
    amountCents,
    hours: input.hours,
    waived,
    paidCents: input.paidCents,
    dueCents: waived ? 0 : Math.max(0, amountCents - input.paidCents),
  }
}

/**
 * Whether the fee is known and nothing is owed. In the hourly model the fee is not known until
 * the clerk enters the hours (unless it is waived anyway).
 */
export function feeSettled(fee: Fee): boolean {
  if (fee.waived) return true
  if (fee.model === 'hourly' && fee.hours === null) return false
  return fee.dueCents === 0
}
