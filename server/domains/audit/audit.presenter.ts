import type { AuditEntry } from '@common/api/audit.ts'
import { iso } from '../../http/present.ts'
import type { AuditRow } from './audit.table.ts'

export function presentAuditRow(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: iso(row.at),
    component: row.component,
    eventType: row.event_type,
    outcome: row.outcome,
    userId: row.user_id,
    username: row.username,
    positionId: row.position_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
    requestId: row.request_id,
  }
}
