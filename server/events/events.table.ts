import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { Role } from '@common/domain/roles.ts'

export interface EventsTable {
  id: ColumnType<string, never, never>
  tx: ColumnType<string, never, never>
  stream: string
  /** A second record the event concerns; it is ordered with that record's events too. */
  related_stream: string | null
  type: string
  payload: ColumnType<unknown, string, never>
  actor_user_id: string | null
  actor_position_id: string | null
  audience_roles: Role[] | null
  audience_agency_ids: string[] | null
  audience_position_id: string | null
  occurred_at: Generated<Date>
}
export type EventRow = Selectable<EventsTable>
/** An event waiting for its transaction's end (`insertTransactionEvents` writes them all). */
export type PendingEvent = Omit<Insertable<EventsTable>, 'payload'> & { payload: unknown }

export interface LiveConsumersTable {
  consumer_id: string
  user_id: string
  position: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}
