import type { UnitEmergency } from '@common/api/unit-emergencies.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { UnitEmergencyView } from './unit-emergencies.repository.ts'

export function presentUnitEmergency(row: UnitEmergencyView): UnitEmergency {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    agencyId: row.agency_id,
    incidentId: row.incident_id,
    lat: row.lat,
    lon: row.lon,
    startedAt: iso(row.started_at),
    startedByUserId: row.started_by_user_id,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedByUserId: row.acknowledged_by_user_id,
    stoppedAt: isoOrNull(row.stopped_at),
    stoppedByUserId: row.stopped_by_user_id,
    stopReason: row.stop_reason,
  }
}
