import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CallAttachment, CallLine, CallStatus, LocationSource } from '@common/domain/calls.ts'
import type { CivicAddress } from '@common/api/locations.ts'

type Json<T> = ColumnType<T, string, string>

export interface CallsTable {
  id: Generated<string>
  external_id: string | null
  line: CallLine
  ani: string | null
  caller_name: string | null
  class_of_service: string | null
  trunk: string | null
  queue: string | null
  status: ColumnType<CallStatus, CallStatus | undefined, CallStatus>
  arrived_at: Date
  answered_at: Date | null
  answered_by_position_id: string | null
  answered_by_user_id: string | null
  transferred_at: Date | null
  transferred_to: string | null
  released_at: Date | null
  incident_id: string | null
  attached_as: CallAttachment | null
  incident_linked_at: Date | null
  disposition: string | null
  closed_at: Date | null
  closed_by_user_id: string | null
}
export type CallRow = Selectable<CallsTable>
export type NewCallRow = Insertable<CallsTable>
export type CallUpdate = Updateable<CallsTable>

export interface CallLocationsTable {
  id: Generated<string>
  call_id: string
  source: LocationSource
  location_text: string | null
  address: Json<CivicAddress | null> | null
  address_key: string | null
  town: string | null
  lat: number | null
  lon: number | null
  uncertainty_m: number | null
  confidence_pct: number | null
  received_at: Date
  is_primary: ColumnType<boolean, boolean | undefined, boolean>
  promoted_at: Date | null
  promoted_by_user_id: string | null
}
export type CallLocationRow = Selectable<CallLocationsTable>
export type NewCallLocationRow = Insertable<CallLocationsTable>

export interface CallDuplicateDismissalsTable {
  call_id: string
  incident_id: string
  reason: string | null
  dismissed_at: Date
  dismissed_by_user_id: string | null
}

export interface CallDeliveriesTable {
  call_id: string
  protocol: 'sip'
  transport: string
  sip_call_id: string
  emergency_call_id: string | null
  emergency_incident_id: string | null
  service: string | null
  raw_message: Buffer
  additional_data: Json<unknown[]>
  problems: Json<string[]>
  node_id: string
  received_at: Date
}
export type CallDeliveryRow = Selectable<CallDeliveriesTable>
export type NewCallDeliveryRow = Insertable<CallDeliveriesTable>

export interface CallTextsTable {
  id: Generated<string>
  call_id: string
  direction: 'from_caller' | 'to_caller'
  channel: 'sip_message' | 'tty'
  body: string
  sent_by_user_id: string | null
  at: Date
}
export type CallTextRow = Selectable<CallTextsTable>
