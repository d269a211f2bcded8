import type { ColumnType, Insertable, Selectable } from 'kysely'

export interface SessionsTable {
  id: string
  user_id: string
  position_id: string | null
  csrf_token: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>
  ended_at: Date | null
  end_reason: string | null
}
export type SessionRow = Selectable<SessionsTable>
export type NewSessionRow = Insertable<SessionsTable>
