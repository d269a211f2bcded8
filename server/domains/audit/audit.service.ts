import type { ListAuditQuery } from '@common/api/audit.ts'
import type { AuditOutcome } from '@common/domain/audit.ts'
import type { Db } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import type { Ctx } from '../../http/context.ts'
import { hashAuditContent, type AuditContent } from './audit-hash.ts'
import { sealAuditChain } from './audit-chain.ts'
import * as repo from './audit.repository.ts'
import type { AuditRow } from './audit.table.ts'

export interface AuditEntry {
  /** The part of the platform: `sessions`, `staff`, `audit`, `cad`… */
  component: string
  /** What happened: `session.logged_on`, `user.created`, `access.denied`… */
  eventType: string
  outcome?: AuditOutcome
  subject?: { type: string; id: string }
  details?: Record<string, unknown>
  /** Who, when there is no session yet (a log-on attempt). Defaults to the request's actor. */
  user?: { id: string | null; username: string | null; positionId?: string | null }
}

/**
 * Writes one audit row with the caller's transaction, so the row exists exactly when the action
 * it describes does. If the write fails, the action fails with it.
 */
export async function recordAudit(db: Db, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const content: AuditContent = {
    at: ctx.now(),
    component: entry.component,
    eventType: entry.eventType,
    outcome: entry.outcome ?? 'success',
    userId: entry.user ? entry.user.id : (ctx.actor?.userId ?? null),
    username: entry.user ? entry.user.username : (ctx.actor?.username ?? null),
    positionId: entry.user ? (entry.user.positionId ?? null) : (ctx.actor?.positionId ?? null),
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    details: entry.details ?? {},
    requestId: ctx.requestId,
  }
  await repo.insertAuditRow(db, {
    at: content.at,
    component: content.component,
    event_type: content.eventType,
    outcome: content.outcome as AuditOutcome,
    user_id: content.userId,
    username: content.username,
    position_id: content.positionId,
    subject_type: content.subjectType,
    subject_id: content.subjectId,
    details: JSON.stringify(content.details),
    request_id: content.requestId,
    row_hash: hashAuditContent(content),
  })
}

/**
 * Records a refusal in a transaction of its own (the refused action's transaction is rolled
 * back, and the denial must survive it), then throws `error`.
 */
export async function refuseAndAudit(ctx: Ctx, entry: AuditEntry, error: AppError): Promise<never> {
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      outcome: 'denied',
      ...entry,
      details: { ...entry.details, reason: error.code },
    }),
  )
  throw error
}

/** Supervisors and administrators read the audit log; the read itself is audited. */
export async function listAudit(ctx: Ctx, query: ListAuditQuery): Promise<AuditRow[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await repo.listAuditRows(trx, query)
    await recordAudit(trx, ctx, {
      component: 'audit',
      eventType: 'audit.read',
      details: { filter: { ...query }, rows: rows.length },
    })
    return rows
  })
}

/**
 * Deletes audit rows older than `before`. Anything inside the retention period (a setting,
 * 365 days at least) is refused, and the refusal is audited. The purge writes its own row,
 * carrying the last chain hash it removed, so the chain keeps a verifiable anchor.
 */
export async function purgeAudit(ctx: Ctx, before: Date): Promise<{ deleted: number }> {
  const retentionDays = ctx.config.auditRetentionDays
  const oldestDeletable = new Date(ctx.now().getTime() - retentionDays * 86_400_000)
  if (before > oldestDeletable) {
    return refuseAndAudit(
      ctx,
      {
        component: 'audit',
        eventType: 'audit.purge',
        details: { before: before.toISOString(), retentionDays },
      },
      new AppError(
        'audit_retention',
        `before: audit rows are kept ${retentionDays} days; the latest allowed is ${oldestDeletable.toISOString()}`,
        'before',
      ),
    )
  }
  // Rows go only once they are in the chain, so the purge can record the last link it removes.
  await sealAuditChain(ctx.db, { wait: true })
  return ctx.db.transaction().execute(async (trx) => {
    const { count, lastChainHash } = await repo.deleteAuditRowsBefore(trx, before, retentionDays)
    await recordAudit(trx, ctx, {
      component: 'audit',
      eventType: 'audit.purge',
      details: { before: before.toISOString(), deleted: count, lastChainHash, retentionDays },
    })
    return { deleted: count }
  })
}
