import { normalName } from '@common/domain/address.ts'
import type { Db } from '../../db/schema.ts'
import type { Actor, Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import type { CallRow } from '../calls/index.ts'
import { readAgencies } from '../staff/index.ts'

export function requireStaff(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('not_authenticated', 'log on first')
  return ctx.actor
}

/** The town a coordinator looks after: the town of their agency. */
export interface CoordinatorTown {
  town: string
  key: string
}

/**
 * A coordinator's town is their agency's town. A coordinator with no agency (or an agency with no
 * town) has none, and so sees and enters nothing: the registry is kept town by town.
 */
export async function coordinatorTown(db: Db, actor: Actor): Promise<CoordinatorTown | null> {
  if (!actor.agencyId) return null
  const agency = (await readAgencies(db)).find((a) => a.id === actor.agencyId)
  if (!agency?.town.trim()) return null
  return { town: agency.town, key: normalName(agency.town) }
}

/** Whether a record of `townKey` is the coordinator's to see. */
export function isOwnTown(town: CoordinatorTown | null, townKey: string): boolean {
  return town !== null && town.key === townKey
}

/** Why an indicator may not be shown on this call, or null when it may. */
export type CallDisplayRefusal = 'not_911' | 'not_answered_here' | 'call_closed'

/**
 * An indicator is shown only to the member of staff at the position that ANSWERED the call, only
 * on a 911 call, and only while the call is open: anyone else (a supervisor watching, the
 * dispatcher of the incident, the same call taker after the call) is refused.
 */
export function callDisplayRefusal(call: CallRow, actor: Actor): CallDisplayRefusal | null {
  if (call.line !== '911') return 'not_911'
  if (!actor.positionId || call.answered_by_position_id !== actor.positionId) {
    return 'not_answered_here'
  }
  if (call.closed_at !== null) return 'call_closed'
  return null
}
