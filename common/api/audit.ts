import { z } from 'zod'
import { AUDIT_OUTCOMES } from '../domain/audit.ts'
import { Id, Timestamp } from './schemas.ts'

/** GET /api/audit */
export const ListAuditQuery = z.object({
  userId: Id.optional(),
  component: z.string().max(64).optional(),
  eventType: z.string().max(96).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  since: Timestamp.optional(),
  until: Timestamp.optional(),
  /** Rows with an id below this one: the next page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListAuditQuery = z.infer<typeof ListAuditQuery>

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  component: z.string(),
  eventType: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  positionId: z.uuid().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

/** POST /api/audit/purge: delete rows older than `before`; refused inside the retention period. */
export const PurgeAuditBody = z.object({ before: Timestamp })
export type PurgeAuditBody = z.infer<typeof PurgeAuditBody>
