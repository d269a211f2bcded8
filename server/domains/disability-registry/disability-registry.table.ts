import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { DisabilityKind, DisabilityRequestStatus } from '@common/api/disability-registry.ts'
import type { CivicAddress } from '@common/api/locations.ts'

type Json<T> = ColumnType<T, string, string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

export interface DisabilityRequestsTable {
  id: Generated<string>
  source: 'portal' | 'paper'
  resident_account_id: string | null
  entered_by_user_id: string | null
  person_name: string
  address: Json<CivicAddress>
  town: string
  town_key: string
  kinds: DisabilityKind[]
  note: string
  contact_phone: string
  status: ColumnType<DisabilityRequestStatus, DisabilityRequestStatus | undefined>
  return_reason: string | null
  decided_at: Date | null
  decided_by_user_id: string | null
  indicator_id: string | null
  created_at: CreatedAt
}
export type DisabilityRequestRow = Selectable<DisabilityRequestsTable>
export type NewDisabilityRequestRow = Insertable<DisabilityRequestsTable>
export type DisabilityRequestUpdate = Updateable<DisabilityRequestsTable>

export interface DisabilityIndicatorsTable {
  id: Generated<string>
  request_id: string | null
  person_name: string
  contact_phone: string
  address: Json<CivicAddress>
  location_text: string
  town: string
  town_key: string
  address_key: string
  unit_key: string
  kinds: DisabilityKind[]
  note: string
  override_reason: string | null
  is_active: ColumnType<boolean, boolean | undefined, boolean>
  deactivated_at: Date | null
  deactivated_reason: string | null
  deactivated_by_user_id: string | null
  created_at: CreatedAt
  created_by_user_id: string | null
  last_verified_at: Date
  last_verified_by_user_id: string | null
}
export type DisabilityIndicatorRow = Selectable<DisabilityIndicatorsTable>
export type NewDisabilityIndicatorRow = Insertable<DisabilityIndicatorsTable>
export type DisabilityIndicatorUpdate = Updateable<DisabilityIndicatorsTable>
