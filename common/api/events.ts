import type { PositionState } from '../domain/positions.ts'
import type { Role } from '../domain/roles.ts'
import type { AgencyKind } from '../domain/agencies.ts'

/**
 * Every event type in the log and its payload. Server writers and console handlers are both
 * type-checked against this map. Names are `<domain>.<past tense>`.
 */
export interface LiveEventMap {
  'position.created': { positionId: string; code: string; name: string }
  'position.signed_on': { positionId: string; code: string; userId: string; username: string }
  'position.signed_off': { positionId: string; code: string; userId: string; reason: string }
  'position.state_changed': {
    positionId: string
    code: string
    state: PositionState
    previousState: PositionState
    reason: string | null
  }
  'user.created': { userId: string; username: string; roles: Role[] }
  'user.updated': { userId: string; username: string; changed: string[] }
  'agency.created': { agencyId: string; code: string; kind: AgencyKind; town: string }
  'agency.updated': { agencyId: string; code: string; changed: string[] }
}
export type LiveEventType = keyof LiveEventMap

/**
 * An event as a console receives it. `position` is an opaque cursor in the log: send it back in
 * an ack, or as `after` when reconnecting, to resume with no gap and no duplicate.
 */
export interface LiveEvent<T extends LiveEventType = LiveEventType> {
  position: string
  type: T
  stream: string
  payload: LiveEventMap[T]
  at: string
  actorUserId: string | null
  actorPositionId: string | null
}

/** Messages a console sends on /api/live. */
export type LiveClientMessage = { type: 'ack'; position: string }

/** Messages the server sends on /api/live. */
export type LiveServerMessage =
  | { type: 'hello'; resumeFrom: string }
  /** Catch-up is done: from here on events arrive as they commit. */
  | { type: 'live'; position: string }
  | { type: 'event'; event: LiveEvent }
  | { type: 'error'; code: string; message: string }

/** The position before the first event of the log. */
export const LOG_START = '0-0'
