import type { ResidentLogOnBody, ResidentSessionView, SignUpBody } from '@common/api/residents.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx, Resident } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { hashPassword, newToken, sessionIdOf, verifyPassword } from '../staff/index.ts'
import * as residents from './residents.repository.ts'

const COMPONENT = 'residents'
const TOUCH_EVERY_MS = 30_000

export const RESIDENT_COOKIE = 'ecc_resident'

/** A resident's session: the cookie's token and what the portal is told. */
export interface ResidentLogOn {
  token: string
  view: ResidentSessionView
}

/**
 * Opens a resident account (argon2id) and logs it on. An e-mail already registered is refused
 * with the same 409 whoever asks; nothing else about that account is told.
 */
export async function signUp(ctx: Ctx, body: SignUpBody): Promise<ResidentLogOn> {
  const passwordHash = await hashPassword(body.password)
  return runCommand(ctx, async (trx) => {
    const account = await residents.insertAccount(trx, {
      email: body.email,
      display_name: body.displayName,
      password_hash: passwordHash,
    })
    if (!account) {
      throw new AppError(
        'email_taken',
        'email: an account with this e-mail exists: log on',
        'email',
      )
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.signed_up',
      subject: { type: 'resident_account', id: account.id },
    })
    return openSession(trx, ctx, account)
  })
}

/** Logs a resident on; wrong tries lock the account as they do staff accounts. Audited. */
export async function logOnResident(ctx: Ctx, body: ResidentLogOnBody): Promise<ResidentLogOn> {
  const outcome = await runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const account = await residents.lockAccountByEmail(trx, body.email)
    const fail = async (reason: string, error: AppError) => {
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'resident.log_on',
        outcome: 'failure',
        subject: account ? { type: 'resident_account', id: account.id } : undefined,
        details: { reason },
      })
      return { error }
    }
    if (account?.locked_until && account.locked_until > now) {
      return fail('account_locked', lockedError(account.locked_until))
    }
    const passwordOk = await verifyPassword(account?.password_hash ?? null, body.password)
    if (!account || !passwordOk || !account.is_active) {
      if (account && !passwordOk) {
        const failures = account.failed_logons + 1
        const locks = failures >= ctx.config.lockout.attempts
        const lockedUntil = locks
          ? new Date(now.getTime() + ctx.config.lockout.minutes * 60_000)
          : null
        await residents.updateAccountLockout(trx, account.id, {
          failed_logons: locks ? 0 : failures,
          locked_until: lockedUntil,
        })
        if (lockedUntil) return fail('bad_password', lockedError(lockedUntil))
      }
      const reason = !account ? 'unknown_email' : !passwordOk ? 'bad_password' : 'inactive'
      return fail(reason, new AppError('invalid_credentials', 'e-mail or password is wrong'))
    }
    if (account.failed_logons > 0 || account.locked_until) {
      await residents.updateAccountLockout(trx, account.id, {
        failed_logons: 0,
        locked_until: null,
      })
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.log_on',
      subject: { type: 'resident_account', id: account.id },
    })
    return { session: await openSession(trx, ctx, account) }
  })
  if ('error' in outcome) throw outcome.error
  return outcome.session
}

async function openSession(
  trx: Parameters<typeof residents.insertSession>[0],
  ctx: Ctx,
  account: { id: string; email: string; display_name: string },
): Promise<ResidentLogOn> {
  const token = newToken()
  const csrfToken = newToken()
  const now = ctx.now()
  await residents.insertSession(trx, {
    id: sessionIdOf(token),
    account_id: account.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
  })
  return {
    token,
    view: {
      account: { id: account.id, email: account.email, displayName: account.display_name },
      csrfToken,
    },
  }
}

export async function logOffResident(ctx: Ctx): Promise<void> {
  const resident = requireResident(ctx)
  await runCommand(ctx, async (trx) => {
    await residents.endSession(trx, resident.sessionId, ctx.now(), 'logged_off')
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.log_off',
      subject: { type: 'resident_account', id: resident.accountId },
    })
  })
}

export type ResidentSessionLookup =
  { kind: 'none' } | { kind: 'expired' } | { kind: 'active'; resident: Resident; csrfToken: string }

/** The resident session behind a cookie; one idle past the time-out is ended. */
export async function resolveResidentSession(
  ctx: Ctx,
  token: string,
): Promise<ResidentSessionLookup> {
  const row = await residents.findSessionWithAccount(ctx.db, sessionIdOf(token))
  if (!row || row.ended_at) return { kind: 'none' }
  const now = ctx.now()
  if (!row.is_active || now.getTime() - row.last_seen_at.getTime() > ctx.config.residentIdleMs) {
    await residents.endSession(ctx.db, row.id, now, row.is_active ? 'idle_timeout' : 'inactive')
    return { kind: 'expired' }
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await residents.touchSession(ctx.db, row.id, now)
  }
  return {
    kind: 'active',
    resident: {
      accountId: row.account_id,
      email: row.email,
      displayName: row.display_name,
      sessionId: row.id,
    },
    csrfToken: row.csrf_token,
  }
}

export function requireResident(ctx: Ctx): Resident {
  if (!ctx.resident) throw new AppError('not_authenticated', 'log on to the portal first')
  return ctx.resident
}

export function presentResidentSession(resident: Resident, csrfToken: string): ResidentSessionView {
  return {
    account: { id: resident.accountId, email: resident.email, displayName: resident.displayName },
    csrfToken,
  }
}

function lockedError(until: Date): AppError {
  return new AppError(
    'account_locked',
    `too many failed log-ons: locked until ${until.toISOString()}`,
  )
}
