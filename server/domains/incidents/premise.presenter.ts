import type { PremiseCaution, PriorIncident } from '@common/api/premises.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { PremiseCautionRow } from './incidents.table.ts'
import type { PriorIncidentRow } from './premise-cautions.repository.ts'

/** A caution with whether it is still in force at `now`. */
export function presentPremiseCaution(row: PremiseCautionRow, now: Date): PremiseCaution {
  return {
    id: row.id,
    addressKey: row.address_key,
    locationText: row.location_text,
    town: row.town,
    kind: row.kind,
    text: row.text,
    status: row.removed_at
      ? 'removed'
      : row.expires_at && row.expires_at <= now
        ? 'expired'
        : 'active',
    expiresAt: isoOrNull(row.expires_at),
    createdAt: iso(row.created_at),
    createdByUserId: row.created_by_user_id,
    removedAt: isoOrNull(row.removed_at),
    removedByUserId: row.removed_by_user_id,
  }
}

export function presentPriorIncident(row: PriorIncidentRow): PriorIncident {
  return {
    id: row.id,
    number: row.number,
    natureCode: row.nature_code,
    priority: row.priority,
    status: row.status,
    createdAt: iso(row.created_at),
    disposition: row.disposition,
  }
}
