import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CivicAddress } from '@common/api/locations.ts'
import type {
  BoloKind,
  CautionKind,
  Discipline,
  IncidentKind,
  IncidentStatus,
} from '@common/domain/incidents.ts'
import type { UnitType } from '@common/domain/units.ts'

type Json<T> = ColumnType<T, string, string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

export interface NatureCodesTable {
  code: string
  description: string
  discipline: Discipline
  default_priority: number
  apco_type: string
  is_active: ColumnType<boolean, boolean | undefined, boolean>
}
export type NatureCodeRow = Selectable<NatureCodesTable>

export interface ResponsePlansTable {
  id: Generated<string>
  nature_code: string
  town: string | null
  alarm_level: number
  unit_type: UnitType
  unit_count: number
}
export type ResponsePlanRow = Selectable<ResponsePlansTable>

export interface DispositionsTable {
  code: string
  label: string
  applies_to: ('call' | 'incident')[]
  is_active: ColumnType<boolean, boolean | undefined, boolean>
}
export type DispositionRow = Selectable<DispositionsTable>

export interface IncidentNumberCountersTable {
  agency_id: string
  year: number
  last_value: number
}

export interface IncidentsTable {
  id: Generated<string>
  number: string
  agency_id: string
  kind: IncidentKind
  nature_code: string
  priority: number
  status: ColumnType<IncidentStatus, IncidentStatus | undefined, IncidentStatus>
  alarm_level: ColumnType<number, number | undefined, number>
  location_text: string
  address: Json<CivicAddress | null> | null
  address_key: string | null
  town: string | null
  lat: number | null
  lon: number | null
  is_location_verified: ColumnType<boolean, boolean | undefined, boolean>
  location_override_reason: string | null
  /** The first-due station of the incident's discipline, from the response zone it lies in. */
  first_due_station_code: ColumnType<string | null, string | null | undefined, string | null>
  location_followed_up_at: Date | null
  location_followed_up_by: string | null
  disposition: string | null
  created_at: CreatedAt
  created_by_user_id: string | null
  created_by_position_id: string | null
  first_dispatched_at: Date | null
  closed_at: Date | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
export type IncidentRow = Selectable<IncidentsTable>
export type NewIncidentRow = Insertable<IncidentsTable>
export type IncidentUpdate = Updateable<IncidentsTable>

export interface IncidentNotesTable {
  id: Generated<string>
  incident_id: string
  text: string
  supersedes_note_id: string | null
  author_user_id: string | null
  author_position_id: string | null
  created_at: CreatedAt
}
export type IncidentNoteRow = Selectable<IncidentNotesTable>

export interface PremiseCautionsTable {
  id: Generated<string>
  address_key: string
  location_text: string
  town: string | null
  kind: CautionKind
  text: string
  expires_at: Date | null
  created_at: CreatedAt
  created_by_user_id: string | null
  removed_at: Date | null
  removed_by_user_id: string | null
}
export type PremiseCautionRow = Selectable<PremiseCautionsTable>

export interface BolosTable {
  id: Generated<string>
  kind: BoloKind
  plate: string | null
  plate_state: string | null
  vehicle: string | null
  person: string | null
  details: string
  incident_id: string | null
  created_at: CreatedAt
  created_by_user_id: string | null
  expires_at: Date
  cancelled_at: Date | null
  cancelled_by_user_id: string | null
  cancel_reason: string | null
}
export type BoloRow = Selectable<BolosTable>
