import type { Actor } from '../../http/context.ts'
import type { CallRow } from '../calls/index.ts'

export type CallProfileAccess =
  { allowed: true } | { allowed: false; reason: 'not_answered' | 'other_position' | 'call_closed' }

/**
 * Whether this member of staff may read the safety profile on this call, now: only at the
 * position that answered it, while it is open or closed less than `graceMinutes` ago (Smart911:
 * call-taker access is tied to the call and expires). A 911 call is assumed: the caller checks.
 */
export function canViewCallProfile(
  actor: Actor,
  call: Pick<CallRow, 'answered_by_position_id' | 'closed_at'>,
  now: Date,
  graceMinutes: number,
): CallProfileAccess {
  if (!call.answered_by_position_id) return { allowed: false, reason: 'not_answered' }
  if (!actor.positionId || actor.positionId !== call.answered_by_position_id) {
    return { allowed: false, reason: 'other_position' }
  }
  if (call.closed_at && now.getTime() >= call.closed_at.getTime() + graceMinutes * 60_000) {
    return { allowed: false, reason: 'call_closed' }
  }
  return { allowed: true }
}
