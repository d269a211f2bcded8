import type { Bolo } from '@common/api/bolos.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { BoloRow } from './incidents.table.ts'

/** A BOLO with whether it is still in force at `now`. */
export function presentBolo(row: BoloRow, now: Date): Bolo {
  return {
    id: row.id,
    kind: row.kind,
    plate: row.plate,
    plateState: row.plate_state,
    vehicle: row.vehicle,
    person: row.person,
    details: row.details,
    incidentId: row.incident_id,
    status: row.cancelled_at ? 'cancelled' : row.expires_at <= now ? 'expired' : 'active',
    createdAt: iso(row.created_at),
    createdByUserId: row.created_by_user_id,
    expiresAt: iso(row.expires_at),
    cancelledAt: isoOrNull(row.cancelled_at),
    cancelledByUserId: row.cancelled_by_user_id,
    cancelReason: row.cancel_reason,
  }
}
