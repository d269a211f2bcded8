import type { Call, CallLocation } from '@common/api/calls.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { CallLocationRow, CallRow } from './calls.table.ts'

export function presentCall(row: CallRow, locations: CallLocationRow[]): Call {
  return {
    id: row.id,
    externalId: row.external_id,
    line: row.line,
    ani: row.ani,
    callerName: row.caller_name,
    classOfService: row.class_of_service,
    trunk: row.trunk,
    queue: row.queue,
    status: row.status,
    arrivedAt: iso(row.arrived_at),
    answeredAt: isoOrNull(row.answered_at),
    answeredByPositionId: row.answered_by_position_id,
    transferredAt: isoOrNull(row.transferred_at),
    transferredTo: row.transferred_to,
    releasedAt: isoOrNull(row.released_at),
    abandoned: row.released_at !== null && row.answered_at === null,
    incidentId: row.incident_id,
    attachedAs: row.attached_as,
    incidentLinkedAt: isoOrNull(row.incident_linked_at),
    disposition: row.disposition,
    closedAt: isoOrNull(row.closed_at),
    locations: locations.filter((l) => l.call_id === row.id).map(presentCallLocation),
  }
}

export function presentCallLocation(row: CallLocationRow): CallLocation {
  return {
    id: row.id,
    source: row.source,
    text: row.location_text,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    uncertaintyM: row.uncertainty_m,
    confidencePct: row.confidence_pct,
    receivedAt: iso(row.received_at),
    isPrimary: row.is_primary,
    promotedAt: isoOrNull(row.promoted_at),
  }
}
