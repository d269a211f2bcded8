import type { ColumnType, Insertable, Selectable } from 'kysely'

export interface ResidentAccountsTable {
  id: ColumnType<string, string | undefined, never>
  email: string
  display_name: string
  password_hash: string
  is_active: ColumnType<boolean, boolean | undefined, boolean>
  failed_logons: ColumnType<number, number | undefined, number>
  locked_until: Date | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}
export type ResidentAccountRow = Selectable<ResidentAccountsTable>

export interface ResidentSessionsTable {
  id: string
  account_id: string
  csrf_token: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  ended_at: Date | null
  end_reason: string | null
}

export interface ResidentPhonesTable {
  id: ColumnType<string, string | undefined, never>
  account_id: string
  number: string
  label: string | null
  confirmed_at: Date | null
  code_hash: string | null
  code_expires_at: Date | null
  code_attempts: ColumnType<number, number | undefined, number>
  code_channel: 'sms' | 'voice' | null
  removed_at: Date | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}
export type ResidentPhoneRow = Selectable<ResidentPhonesTable>
export type NewResidentPhoneRow = Insertable<ResidentPhonesTable>
