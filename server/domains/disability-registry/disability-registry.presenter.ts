import type {
  CallDisabilityIndicator,
  DisabilityIndicator,
  DisabilityRequest,
  ResidentDisabilityRequest,
} from '@common/api/disability-registry.ts'
import type { DisabilityIndicatorRow, DisabilityRequestRow } from './disability-registry.table.ts'

const iso = (at: Date | null) => (at ? at.toISOString() : null)

/** What the resident sees of their own request: never who decided it. */
export function presentResidentRequest(row: DisabilityRequestRow): ResidentDisabilityRequest {
  return {
    id: row.id,
    personName: row.person_name,
    address: row.address,
    kinds: row.kinds,
    note: row.note,
    contactPhone: row.contact_phone,
    status: row.status,
    returnReason: row.return_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: iso(row.decided_at),
  }
}

export function presentRequest(row: DisabilityRequestRow): DisabilityRequest {
  return {
    ...presentResidentRequest(row),
    source: row.source,
    town: row.town,
    residentAccountId: row.resident_account_id,
    enteredByUserId: row.entered_by_user_id,
    decidedByUserId: row.decided_by_user_id,
    indicatorId: row.indicator_id,
  }
}

/** Due when not re-verified within `reverifyDays` of `now`; an inactive one is never due. */
export function isReverificationDue(
  row: DisabilityIndicatorRow,
  now: Date,
  reverifyDays: number,
): boolean {
  return row.is_active && now.getTime() - row.last_verified_at.getTime() > reverifyDays * 86_400_000
}

export function presentIndicator(
  row: DisabilityIndicatorRow,
  now: Date,
  reverifyDays: number,
): DisabilityIndicator {
  return {
    id: row.id,
    requestId: row.request_id,
    personName: row.person_name,
    contactPhone: row.contact_phone,
    locationText: row.location_text,
    town: row.town,
    addressKey: row.address_key,
    unitKey: row.unit_key,
    kinds: row.kinds,
    note: row.note,
    overrideReason: row.override_reason,
    active: row.is_active,
    deactivatedAt: iso(row.deactivated_at),
    deactivatedReason: row.deactivated_reason,
    createdAt: row.created_at.toISOString(),
    lastVerifiedAt: row.last_verified_at.toISOString(),
    reverificationDue: isReverificationDue(row, now, reverifyDays),
  }
}

/** What the call taker needs, and nothing of the registry's bookkeeping. */
export function presentCallIndicator(row: DisabilityIndicatorRow): CallDisabilityIndicator {
  return {
    id: row.id,
    personName: row.person_name,
    locationText: row.location_text,
    kinds: row.kinds,
    note: row.note,
    contactPhone: row.contact_phone,
  }
}
