import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { AuditOutcome } from '@common/domain/audit.ts'

export interface AuditLogTable {
  /** bigserial: read as a string by the driver. */
  id: ColumnType<string, never, never>
  tx: ColumnType<string, never, never>
  at: Date
  component: string
  event_type: string
  outcome: AuditOutcome
  user_id: string | null
  username: string | null
  position_id: string | null
  subject_type: string | null
  subject_id: string | null
  details: ColumnType<Record<string, unknown>, string, never>
  request_id: string | null
  row_hash: string
}
export type AuditRow = Selectable<AuditLogTable>
export type NewAuditRow = Insertable<AuditLogTable>

export interface AuditChainTable {
  seq: string
  audit_id: string
  prev_hash: string
  chain_hash: string
  sealed_at: Generated<Date>
}
export type AuditChainRow = Selectable<AuditChainTable>
