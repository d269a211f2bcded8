import type { ColumnType } from 'kysely'

export interface IdempotencyKeysTable {
  user_id: string
  key: string
  request_hash: string
  result: ColumnType<unknown, string, never>
  created_at: ColumnType<Date, never, never>
}
