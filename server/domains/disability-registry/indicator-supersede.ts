import { normalName } from '@common/domain/address.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { recordAudit } from '../audit/index.ts'
import * as repo from './disability-registry.repository.ts'
import type { DisabilityIndicatorRow } from './disability-registry.table.ts'

/**
 * Why the new indicator replaces an old one of the same person, or null when it does not. The
 * same person is the same name with the same phone (a move, a new unit) or at the same unit (a
 * changed phone). Two people of one household share a phone and an address: both stay.
 */
export function supersedeReason(
  old: DisabilityIndicatorRow,
  fresh: DisabilityIndicatorRow,
): string | null {
  if (old.id === fresh.id || normalName(old.person_name) !== normalName(fresh.person_name)) {
    return null
  }
  const samePhone = old.contact_phone === fresh.contact_phone
  const sameUnit = old.address_key === fresh.address_key && old.unit_key === fresh.unit_key
  if (!samePhone && !sameUnit) return null
  if (old.address_key !== fresh.address_key) return `moved to ${fresh.location_text}`
  if (!sameUnit) return `moved to another unit: ${fresh.location_text}`
  if (!samePhone) return 'contact phone changed'
  return 'replaced by a newer request'
}

/** Deactivates (never deletes) the indicators the new one replaces, each audited. */
export async function supersedeIndicators(
  trx: Trx,
  ctx: Ctx,
  fresh: DisabilityIndicatorRow,
): Promise<void> {
  const candidates = await repo.lockActiveIndicatorsOf(trx, {
    contactPhone: fresh.contact_phone,
    addressKey: fresh.address_key,
    unitKey: fresh.unit_key,
  })
  for (const old of candidates) {
    const reason = supersedeReason(old, fresh)
    if (!reason) continue
    await repo.updateIndicator(trx, old.id, {
      is_active: false,
      deactivated_at: ctx.now(),
      deactivated_reason: `${reason} (indicator ${fresh.id})`,
      deactivated_by_user_id: ctx.actor?.userId ?? null,
    })
    await recordAudit(trx, ctx, {
      component: 'disability_registry',
      eventType: 'disability_indicator.deactivated',
      subject: { type: 'disability_indicator', id: old.id },
      details: { reason, replacedBy: fresh.id, town: old.town },
    })
  }
}
