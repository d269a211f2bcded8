import type { CreateUserBody, UpdateUserBody, User } from '@common/api/staff.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { findAgencyById } from './agencies.repository.ts'
import { hashPassword } from './passwords.ts'
import { endSessionsOfUser } from './sessions.service.ts'
import { presentUser } from './staff.presenter.ts'
import type { UserUpdate } from './staff.table.ts'
import * as users from './users.repository.ts'

const COMPONENT = 'staff'
const ADMIN_AUDIENCE = { roles: ['administrator', 'supervisor'] as const }

export async function listUsers(ctx: Ctx): Promise<User[]> {
  return (await users.listUserRows(ctx.db)).map(presentUser)
}

/** Whether any staff account exists: the demo center loads only into an empty database. */
export async function hasStaff(ctx: Ctx): Promise<boolean> {
  return (await users.countUsers(ctx.db)) > 0
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await users.findUserById(ctx.db, id)
  if (!row) throw new AppError('user_not_found', `no user ${id}`)
  return presentUser(row)
}

/** Administrators create staff accounts. The password is stored only as an argon2id hash. */
export async function createUser(ctx: Ctx, body: CreateUserBody): Promise<User> {
  const passwordHash = await hashPassword(body.password)
  return runCommand(ctx, async (trx) => {
    if (await users.usernameExists(trx, body.username)) {
      throw new AppError('username_taken', `username: ${body.username} is taken`, 'username')
    }
    await requireAgency(trx, body.agencyId)
    const row = await users.insertUser(trx, {
      username: body.username,
      display_name: body.displayName,
      password_hash: passwordHash,
      roles: body.roles,
      agency_id: body.agencyId,
    })
    appendEvent(trx, ctx, {
      type: 'user.created',
      stream: `user:${row.id}`,
      payload: { userId: row.id, username: row.username, roles: row.roles },
      audience: { roles: [...ADMIN_AUDIENCE.roles] },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'user.created',
      subject: { type: 'user', id: row.id },
      details: { username: row.username, roles: row.roles, agencyId: row.agency_id },
    })
    return presentUser(row)
  })
}

/**
 * Administrators change roles, agency, activity and passwords, and clear lock-outs. Deactivating
 * a user or resetting their password ends their open sessions.
 */
export async function updateUser(ctx: Ctx, id: string, body: UpdateUserBody): Promise<User> {
  const passwordHash = body.password ? await hashPassword(body.password) : null
  return runCommand(ctx, async (trx) => {
    const before = await users.lockUserById(trx, id)
    if (!before) throw new AppError('user_not_found', `no user ${id}`)
    if (body.agencyId !== undefined) await requireAgency(trx, body.agencyId)
    const update: UserUpdate = { updated_at: ctx.now() }
    if (body.displayName !== undefined) update.display_name = body.displayName
    if (body.roles !== undefined) update.roles = body.roles
    if (body.agencyId !== undefined) update.agency_id = body.agencyId
    if (body.isActive !== undefined) update.is_active = body.isActive
    if (passwordHash) update.password_hash = passwordHash
    if (body.unlock) {
      update.locked_until = null
      update.failed_logons = 0
    }
    const row = await users.updateUser(trx, id, update)
    if (body.isActive === false || passwordHash) {
      await endSessionsOfUser(
        trx,
        ctx,
        id,
        body.isActive === false ? 'user_deactivated' : 'password_reset',
      )
    }
    const changed = Object.keys(body)
      .filter((key) => key !== 'password')
      .concat(passwordHash ? ['password'] : [])
    appendEvent(trx, ctx, {
      type: 'user.updated',
      stream: `user:${id}`,
      payload: { userId: id, username: row.username, changed },
      audience: { roles: [...ADMIN_AUDIENCE.roles] },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'user.updated',
      subject: { type: 'user', id },
      details: {
        changed,
        roles: { before: before.roles, after: row.roles },
        agencyId: { before: before.agency_id, after: row.agency_id },
        isActive: { before: before.is_active, after: row.is_active },
      },
    })
    return presentUser(row)
  })
}

async function requireAgency(trx: Trx, agencyId: string | null): Promise<void> {
  if (agencyId && !(await findAgencyById(trx, agencyId))) {
    throw new AppError('agency_not_found', `agencyId: no agency ${agencyId}`, 'agencyId')
  }
}
