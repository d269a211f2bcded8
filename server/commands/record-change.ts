import type { LiveEventMap, LiveEventType } from '@common/api/events.ts'
import type { Trx } from '../db/schema.ts'
import { recordAudit } from '../domains/audit/index.ts'
import { appendEvent } from '../events/event-log.ts'
import type { Ctx } from '../http/context.ts'

export interface Change<T extends LiveEventType> {
  component: string
  /** The record changed; its stream in the log is `<type>:<id>`. */
  subject: { type: string; id: string }
  /** Another record the change is about, ordered with its events (see `NewEvent`). */
  relatedStream?: string
  type: T
  payload: LiveEventMap[T]
  /** What the audit row says beyond who, when and where. */
  details: Record<string, unknown>
  /** When the audit names the act more precisely than the event (`note_corrected`). */
  auditType?: string
}

/**
 * The two records a change leaves, with the command's transaction: the event (the record's
 * timeline and the consoles' feed) and the audit row.
 */
export async function recordChange<T extends LiveEventType>(
  trx: Trx,
  ctx: Ctx,
  change: Change<T>,
): Promise<void> {
  appendEvent(trx, ctx, {
    type: change.type,
    stream: `${change.subject.type}:${change.subject.id}`,
    ...(change.relatedStream ? { relatedStream: change.relatedStream } : {}),
    payload: change.payload,
  })
  await recordAudit(trx, ctx, {
    component: change.component,
    eventType: change.auditType ?? change.type,
    subject: change.subject,
    details: change.details,
  })
}
