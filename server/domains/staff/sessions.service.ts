import type { LogOnBody, SessionView } from '@common/api/sessions.ts'
import type { Role } from '@common/domain/roles.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Actor, Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { verifyPassword } from './passwords.ts'
import * as positions from './positions.repository.ts'
import { newToken, sessionIdOf } from './session-token.ts'
import * as sessions from './sessions.repository.ts'
import { presentSession } from './staff.presenter.ts'
import * as users from './users.repository.ts'

const COMPONENT = 'sessions'
/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_EVERY_MS = 30_000

/**
 * Logs a member of staff on, optionally at a position. Every attempt is audited, the failures
 * too. After `lockout.attempts` wrong passwords in a row the account is locked for
 * `lockout.minutes`; a wrong username and a wrong password look (and take) the same.
 */
export async function logOn(
  ctx: Ctx,
  body: LogOnBody,
): Promise<{ token: string; view: SessionView }> {
  const outcome = await runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const user = await users.lockUserByUsername(trx, body.username)
    const fail = async (
      reason: string,
      error: AppError,
      outcome: 'failure' | 'denied' = 'failure',
    ) => {
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'session.log_on',
        outcome,
        user: { id: user?.id ?? null, username: body.username },
        details: { reason, position: body.position ?? null },
      })
      return { error }
    }
    if (user?.locked_until && user.locked_until > now) {
      return fail('account_locked', lockedError(user.locked_until), 'denied')
    }
    const passwordOk = await verifyPassword(user?.password_hash ?? null, body.password)
    if (!user || !passwordOk || !user.is_active) {
      if (user && !passwordOk) {
        const failures = user.failed_logons + 1
        const locks = failures >= ctx.config.lockout.attempts
        const lockedUntil = locks
          ? new Date(now.getTime() + ctx.config.lockout.minutes * 60_000)
          : null
        await users.updateUser(trx, user.id, {
          failed_logons: locks ? 0 : failures,
          locked_until: lockedUntil,
          updated_at: now,
        })
        if (lockedUntil) {
          await recordAudit(trx, ctx, {
            component: COMPONENT,
            eventType: 'account.locked',
            user: { id: user.id, username: user.username },
            subject: { type: 'user', id: user.id },
            details: { failures, until: lockedUntil.toISOString() },
          })
          return fail('bad_password', lockedError(lockedUntil))
        }
      }
      const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'inactive'
      return fail(reason, new AppError('invalid_credentials', 'username or password is wrong'))
    }
    const position = body.position
      ? await positions.lockPositionByCode(trx, body.position)
      : undefined
    if (body.position && !position) {
      return fail(
        'unknown_position',
        new AppError('position_not_found', `position: no position ${body.position}`, 'position'),
      )
    }
    if (position?.user_id && position.user_id !== user.id) {
      return fail(
        'position_occupied',
        new AppError(
          'position_occupied',
          `position: ${position.code} is staffed by someone else`,
          'position',
        ),
      )
    }
    if (user.failed_logons > 0 || user.locked_until) {
      await users.updateUser(trx, user.id, {
        failed_logons: 0,
        locked_until: null,
        updated_at: now,
      })
    }
    const token = newToken()
    const csrfToken = newToken()
    const sessionId = sessionIdOf(token)
    await sessions.insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      position_id: position?.id ?? null,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
    })
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: user.roles,
      agencyId: user.agency_id,
      positionId: position?.id ?? null,
      positionCode: position?.code ?? null,
      sessionId,
    }
    const seated = { ...ctx, actor }
    if (position) await signOn(trx, seated, position, now)
    await recordAudit(trx, seated, {
      component: COMPONENT,
      eventType: 'session.log_on',
      details: { position: position?.code ?? null },
    })
    const view = presentSession(
      actor,
      position ? { id: position.id, code: position.code, name: position.name } : null,
      csrfToken,
      ctx.config.idleTimeoutMinutes,
    )
    return { token, view }
  })
  if ('error' in outcome) throw outcome.error
  return outcome
}

function lockedError(until: Date): AppError {
  return new AppError(
    'account_locked',
    `too many failed log-ons: locked until ${until.toISOString()}`,
  )
}

/** Seats the user at the position (leaving any other one they held) and announces it. */
async function signOn(
  trx: Trx,
  ctx: Ctx & { actor: Actor },
  position: { id: string; code: string },
  now: Date,
): Promise<void> {
  const previous = await positions.lockPositionOfUser(trx, ctx.actor.userId)
  if (previous && previous.id !== position.id) {
    await releasePosition(trx, ctx, previous, 'moved to another position', now)
  }
  await positions.seatPosition(trx, position.id, {
    userId: ctx.actor.userId,
    state: 'not_ready',
    at: now,
  })
  appendEvent(trx, ctx, {
    type: 'position.signed_on',
    stream: `position:${position.id}`,
    payload: {
      positionId: position.id,
      code: position.code,
      userId: ctx.actor.userId,
      username: ctx.actor.username,
    },
  })
}

async function releasePosition(
  trx: Trx,
  ctx: Ctx,
  position: { id: string; code: string; user_id: string | null },
  reason: string,
  now: Date,
): Promise<void> {
  if (!position.user_id) return
  await positions.seatPosition(trx, position.id, { userId: null, state: 'signed_off', at: now })
  appendEvent(trx, ctx, {
    type: 'position.signed_off',
    stream: `position:${position.id}`,
    payload: { positionId: position.id, code: position.code, userId: position.user_id, reason },
  })
}

/** Ends the caller's session and frees their position. */
export async function logOff(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx)
  await runCommand(ctx, async (trx) => {
    await endSessionAndSeat(trx, ctx, actor.sessionId, actor.userId, 'logged_off')
    await recordAudit(trx, ctx, { component: COMPONENT, eventType: 'session.log_off' })
  })
}

async function endSessionAndSeat(
  trx: Trx,
  ctx: Ctx,
  sessionId: string,
  userId: string,
  reason: string,
) {
  const now = ctx.now()
  await sessions.endSession(trx, sessionId, now, reason)
  const position = await positions.lockPositionOfUser(trx, userId)
  if (position) await releasePosition(trx, ctx, position, reason, now)
}

/**
 * Ends every open session of a user (deactivated, password reset): their consoles are closed
 * at the next check and their position freed.
 */
export async function endSessionsOfUser(
  trx: Trx,
  ctx: Ctx,
  userId: string,
  reason: string,
): Promise<void> {
  const now = ctx.now()
  await sessions.endSessionsOfUser(trx, userId, now, reason)
  const position = await positions.lockPositionOfUser(trx, userId)
  if (position) await releasePosition(trx, ctx, position, reason, now)
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | {
      kind: 'active'
      actor: Actor
      csrfToken: string
      position: { id: string; code: string; name: string } | null
    }

/**
 * Finds the session behind a cookie's token. A session idle longer than the idle time-out is
 * ended (audited, position freed) and reported as expired.
 */
export async function resolveSession(ctx: Ctx, token: string): Promise<SessionLookup> {
  const row = await sessions.findSessionWithUser(ctx.db, sessionIdOf(token))
  if (!row || row.ended_at) return { kind: 'none' }
  const now = ctx.now()
  const actor: Actor = {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    agencyId: row.agency_id,
    positionId: row.position_id,
    positionCode: row.position_code,
    sessionId: row.id,
  }
  const idleMs = ctx.config.idleTimeoutMinutes * 60_000
  if (!row.is_active || now.getTime() - row.last_seen_at.getTime() > idleMs) {
    const reason = row.is_active ? 'idle_timeout' : 'user_deactivated'
    const expiredCtx = { ...ctx, actor }
    await runCommand(expiredCtx, async (trx) => {
      await endSessionAndSeat(trx, expiredCtx, row.id, row.user_id, reason)
      await recordAudit(trx, expiredCtx, {
        component: COMPONENT,
        eventType: 'session.expired',
        details: { reason },
      })
    })
    return { kind: 'expired' }
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await sessions.touchSession(ctx.db, row.id, now)
  }
  const position =
    row.position_id && row.position_code && row.position_name
      ? { id: row.position_id, code: row.position_code, name: row.position_name }
      : null
  return { kind: 'active', actor, csrfToken: row.csrf_token, position }
}

/** Which of these sessions are still open and not idle; the live stream closes the others. */
export async function listOpenSessions(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  const idleSince = new Date(ctx.now().getTime() - ctx.config.idleTimeoutMinutes * 60_000)
  return new Set(await sessions.listOpenSessionIds(ctx.db, ids, idleSince))
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('not_authenticated', 'log on first')
  return ctx.actor
}
