import type { Db } from '../../db/schema.ts'
import type { CreatePositionBody, Position, SetPositionStateBody } from '@common/api/staff.ts'
import { runCommand } from '../../commands/run-command.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as positions from './positions.repository.ts'
import { requireActor } from './sessions.service.ts'
import { presentPosition } from './staff.presenter.ts'

const COMPONENT = 'staff'

/** The floor: every position, its agent state and who sits at it (the supervisor's view). */
export async function listPositions(ctx: Ctx): Promise<Position[]> {
  return (await positions.listPositionRows(ctx.db)).map(presentPosition)
}

export async function createPosition(ctx: Ctx, body: CreatePositionBody): Promise<Position> {
  return runCommand(ctx, async (trx) => {
    if (await positions.findPositionByCode(trx, body.code)) {
      throw new AppError('position_code_taken', `code: ${body.code} is taken`, 'code')
    }
    const row = await positions.insertPosition(trx, body)
    appendEvent(trx, ctx, {
      type: 'position.created',
      stream: `position:${row.id}`,
      payload: { positionId: row.id, code: row.code, name: row.name },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'position.created',
      subject: { type: 'position', id: row.id },
      details: { ...body },
    })
    return presentPosition({ ...row, username: null })
  })
}

/**
 * Sets the agent state of the caller's own position (ready, not ready, break). Only a ready
 * position is offered calls; the supervisor sees each change with its reason.
 */
export async function setPositionState(ctx: Ctx, body: SetPositionStateBody): Promise<Position> {
  const actor = requireActor(ctx)
  return runCommand(ctx, async (trx) => {
    const row = actor.positionId
      ? await positions.lockPositionById(trx, actor.positionId)
      : undefined
    if (!row || row.user_id !== actor.userId) {
      throw new AppError(
        'position_not_found',
        'you are not signed on at a position: log on with one',
      )
    }
    const now = ctx.now()
    await positions.seatPosition(trx, row.id, { userId: actor.userId, state: body.state, at: now })
    const reason = body.reason ?? null
    appendEvent(trx, ctx, {
      type: 'position.state_changed',
      stream: `position:${row.id}`,
      payload: {
        positionId: row.id,
        code: row.code,
        state: body.state,
        previousState: row.state,
        reason,
      },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'position.state_changed',
      subject: { type: 'position', id: row.id },
      details: { from: row.state, to: body.state, reason },
    })
    return presentPosition({
      ...row,
      state: body.state,
      state_changed_at: now,
      username: actor.username,
    })
  })
}

/** A position by its code, with who sits at it, read with the caller's transaction. */
export async function findPositionByCode(
  db: Db,
  code: string,
): Promise<{ id: string; code: string; userId: string | null } | undefined> {
  const row = await positions.findPositionByCode(db, code)
  return row && { id: row.id, code: row.code, userId: row.user_id }
}
