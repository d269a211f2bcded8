import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AgencyKind } from '@common/domain/agencies.ts'
import type { PositionKind, PositionState } from '@common/domain/positions.ts'
import type { Role } from '@common/domain/roles.ts'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>

export interface AgenciesTable {
  id: Generated<string>
  code: string
  name: string
  kind: AgencyKind
  town: string
  is_active: Generated<boolean>
  created_at: CreatedAt
  updated_at: UpdatedAt
}
export type AgencyRow = Selectable<AgenciesTable>
export type NewAgencyRow = Insertable<AgenciesTable>
export type AgencyUpdate = Updateable<AgenciesTable>

export interface UsersTable {
  id: Generated<string>
  username: string
  display_name: string
  password_hash: string
  roles: Role[]
  agency_id: string | null
  is_active: Generated<boolean>
  failed_logons: Generated<number>
  locked_until: Date | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}
export type UserRow = Selectable<UsersTable>
export type NewUserRow = Insertable<UsersTable>
export type UserUpdate = Updateable<UsersTable>

export interface PositionsTable {
  id: Generated<string>
  code: string
  name: string
  kind: PositionKind
  state: Generated<PositionState>
  state_changed_at: UpdatedAt
  user_id: string | null
  created_at: CreatedAt
}
export type PositionRow = Selectable<PositionsTable>
export type NewPositionRow = Insertable<PositionsTable>
