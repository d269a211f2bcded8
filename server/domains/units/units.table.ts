import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AssignmentState } from '@common/domain/incidents.ts'
import type { UnitStatus, UnitType } from '@common/domain/units.ts'

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface StationsTable {
  id: Generated<string>
  code: string
  name: string
  agency_id: string
  town: string
  address: string
  lat: number
  lon: number
}
export type StationRow = Selectable<StationsTable>
export type NewStationRow = Insertable<StationsTable>

export interface UnitsTable {
  id: Generated<string>
  code: string
  agency_id: string
  station_id: string | null
  unit_type: UnitType
  capabilities: ColumnType<string[], string[] | undefined, string[]>
  status: ColumnType<UnitStatus, UnitStatus | undefined, UnitStatus>
  status_changed_at: Stamp
  timer_started_at: Stamp
  out_of_service_reason: string | null
  incident_id: string | null
  fix_lat: number | null
  fix_lon: number | null
  fix_heading: number | null
  fix_speed_kmh: number | null
  fix_at: Date | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}
export type UnitRow = Selectable<UnitsTable>
export type NewUnitRow = Insertable<UnitsTable>
export type UnitUpdate = Updateable<UnitsTable>

export interface UnitTimerSettingsTable {
  status: UnitStatus
  agency_kind: '*' | 'police' | 'fire' | 'ems'
  warn_seconds: number
  alert_seconds: number
  label: string
}

export interface UnitTimerAlertsTable {
  id: Generated<string>
  unit_id: string
  status: UnitStatus
  timer_started_at: Date
  level: 'warn' | 'alert'
  raised_at: Date
  acknowledged_at: Date | null
  acknowledged_by_user_id: string | null
  /** What the timer crossed, as set when it was raised (0005_unit_timers.sql). */
  threshold_seconds: number
  label: string
}
export type UnitTimerAlertRow = Selectable<UnitTimerAlertsTable>

export interface UnitEmergenciesTable {
  id: Generated<string>
  unit_id: string
  incident_id: string | null
  lat: number | null
  lon: number | null
  started_at: Date
  started_by_user_id: string | null
  acknowledged_at: Date | null
  acknowledged_by_user_id: string | null
  stopped_at: Date | null
  stopped_by_user_id: string | null
  stop_reason: string | null
}
export type UnitEmergencyRow = Selectable<UnitEmergenciesTable>

export interface UnitAssignmentsTable {
  id: Generated<string>
  unit_id: string
  incident_id: string
  incident_number: string
  state: AssignmentState
  assigned_at: Date
  activated_at: Date | null
  cleared_at: Date | null
  assigned_by_user_id: string | null
  cleared_by_user_id: string | null
  clear_reason: string | null
}
export type UnitAssignmentRow = Selectable<UnitAssignmentsTable>
