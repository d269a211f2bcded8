import type { IdempotencyKeysTable } from '../commands/idempotency.table.ts'
import type { AuditChainTable, AuditLogTable } from '../domains/audit/audit.table.ts'
import type { SessionsTable } from '../domains/staff/sessions.table.ts'
import type { AgenciesTable, PositionsTable, UsersTable } from '../domains/staff/staff.table.ts'
import type { EventsTable, LiveConsumersTable } from '../events/events.table.ts'
import type { Kysely, Transaction } from 'kysely'

/** Every table, assembled from the `*.table.ts` files of the domains that own them. */
export interface Database {
  agencies: AgenciesTable
  users: UsersTable
  positions: PositionsTable
  sessions: SessionsTable
  events: EventsTable
  live_consumers: LiveConsumersTable
  idempotency_keys: IdempotencyKeysTable
  audit_log: AuditLogTable
  audit_chain: AuditChainTable
}

/** What repository functions take first: the database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>
export type Trx = Transaction<Database>
