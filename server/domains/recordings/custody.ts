import type { CustodyAction } from '@common/api/recordings.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { recordAudit } from '../audit/index.ts'
import { insertCustody } from './recordings.repository.ts'

export const COMPONENT = 'recordings'

/** Who a custody line names when the caller does not say: the user, the resident, or the system. */
export function custodyActor(ctx: Ctx): string {
  if (ctx.actor) return ctx.actor.username
  if (ctx.resident) return `resident ${ctx.resident.email}`
  return 'system'
}

/**
 * One line of a recording's chain of custody and its audit row, in the caller's transaction:
 * both exist exactly when the act does.
 */
export async function recordCustody(
  trx: Db,
  ctx: Ctx,
  entry: {
    recordingId: string
    action: CustodyAction
    details?: Record<string, unknown>
    actor?: { label: string; residentAccountId?: string | null }
    /** The audit event; `recording.<action>` unless said. */
    eventType?: string
  },
): Promise<void> {
  const details = entry.details ?? {}
  await insertCustody(trx, {
    recording_id: entry.recordingId,
    action: entry.action,
    at: ctx.now(),
    user_id: ctx.actor?.userId ?? null,
    resident_account_id: entry.actor?.residentAccountId ?? ctx.resident?.accountId ?? null,
    actor: entry.actor?.label ?? custodyActor(ctx),
    details: JSON.stringify(details),
  })
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: entry.eventType ?? `recording.${entry.action}`,
    subject: { type: 'recording', id: entry.recordingId },
    details,
  })
}
