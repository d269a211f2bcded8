import type { LiveEventMap, LiveEventType } from '@common/api/events.ts'
import type { Db } from '../db/schema.ts'
import type { Ctx } from '../http/context.ts'
import type { Audience } from './audience.ts'
import { insertEvent } from './event-log.repository.ts'

export interface NewEvent<T extends LiveEventType> {
  type: T
  /** The record the event belongs to, as `<kind>:<id>` (e.g. `position:…`): its timeline. */
  stream: string
  payload: LiveEventMap[T]
  audience?: Audience
}

/**
 * Appends an event with the command's transaction. Consoles see it only after commit, when the
 * log follower reads it; call it inside `runCommand`, which signals the commit.
 */
export async function appendEvent<T extends LiveEventType>(
  db: Db,
  ctx: Ctx,
  event: NewEvent<T>,
): Promise<void> {
  await insertEvent(db, {
    stream: event.stream,
    type: event.type,
    payload: JSON.stringify(event.payload),
    actor_user_id: ctx.actor?.userId ?? null,
    actor_position_id: ctx.actor?.positionId ?? null,
    audience_roles: event.audience?.roles ?? null,
    audience_agency_ids: event.audience?.agencyIds ?? null,
    audience_position_id: event.audience?.positionId ?? null,
  })
}
