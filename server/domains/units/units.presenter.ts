import type { Station, Unit } from '@common/api/units.ts'
import { iso } from '../../http/present.ts'
import type { UnitBoardRow } from './units.repository.ts'
import type { StationRow } from './units.table.ts'

export function presentUnit(row: UnitBoardRow, now: Date): Unit {
  return {
    id: row.id,
    code: row.code,
    agencyId: row.agency_id,
    agencyCode: row.agency_code,
    stationId: row.station_id,
    stationCode: row.station_code,
    unitType: row.unit_type,
    capabilities: row.capabilities,
    status: row.status,
    statusChangedAt: iso(row.status_changed_at),
    outOfServiceReason: row.out_of_service_reason,
    incidentId: row.incident_id,
    incidentNumber: row.incident_number,
    stackedIncidentIds: row.stacked_incident_ids,
    fix:
      row.fix_at && row.fix_lat !== null && row.fix_lon !== null
        ? {
            lat: row.fix_lat,
            lon: row.fix_lon,
            heading: row.fix_heading,
            speedKmh: row.fix_speed_kmh,
            at: iso(row.fix_at),
            // The age is what tells a dispatcher whether to trust the dot on the map.
            ageSeconds: Math.max(0, Math.round((now.getTime() - row.fix_at.getTime()) / 1000)),
          }
        : null,
  }
}

export function presentStation(row: StationRow): Station {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    agencyId: row.agency_id,
    town: row.town,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
  }
}
