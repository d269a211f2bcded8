import type { LiveEventMap, LiveEventType } from '@common/api/events.ts'
import type { Trx } from '../db/schema.ts'
import type { Ctx } from '../http/context.ts'
import type { Audience } from './audience.ts'
import { insertTransactionEvents } from './event-log.repository.ts'
import type { PendingEvent } from './events.table.ts'

export interface NewEvent<T extends LiveEventType> {
  type: T
  /** The record the event belongs to, as `<kind>:<id>` (e.g. `position:…`): its timeline. */
  stream: string
  /** Another record the event is about (`unit:…` for a unit sent to an incident): the event is
   * ordered after that record's earlier events, and its later events after this one. */
  relatedStream?: string
  payload: LiveEventMap[T]
  audience?: Audience
}

/** Each running command's events, written together when its work is done. */
const pending = new WeakMap<Trx, PendingEvent[]>()

/** Opens a command's event buffer: `runCommand` does this for every transaction it runs. */
export function beginEvents(trx: Trx): void {
  pending.set(trx, [])
}

/**
 * Appends an event to the command's transaction. Consoles see it only after commit, when the log
 * follower reads it. Call it inside `runCommand`, which writes the events and signals the commit.
 */
export function appendEvent<T extends LiveEventType>(trx: Trx, ctx: Ctx, event: NewEvent<T>): void {
  const events = pending.get(trx)
  if (!events) throw new Error(`event ${event.type} appended outside runCommand`)
  events.push({
    stream: event.stream,
    related_stream: event.relatedStream ?? null,
    type: event.type,
    payload: event.payload,
    actor_user_id: ctx.actor?.userId ?? null,
    actor_position_id: ctx.actor?.positionId ?? null,
    audience_roles: event.audience?.roles ?? null,
    audience_agency_ids: event.audience?.agencyIds ?? null,
    audience_position_id: event.audience?.positionId ?? null,
  })
}

/**
 * Writes the command's events, last of its work, while it still holds its records' locks: their
 * order key then sorts them after every earlier event of those records (see
 * `insertTransactionEvents`), so a console replaying one unit or incident sees its changes in
 * the order they were committed.
 */
export async function writeEvents(trx: Trx): Promise<void> {
  const events = pending.get(trx) ?? []
  pending.delete(trx)
  await insertTransactionEvents(trx, events)
}
