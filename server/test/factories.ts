import { randomBytes } from 'node:crypto'
import type { CreateAgencyBody } from '@common/api/staff.ts'
import type { PositionKind } from '@common/domain/positions.ts'
import type { Role } from '@common/domain/roles.ts'
import { hashPassword } from '../domains/staff/passwords.ts'
import { logOn, type StaffSession, type TestPlatform } from './harness.ts'

const unique = () => randomBytes(4).toString('hex')

/** Factories insert real rows, building their parents; pass only what the test cares about. */
export async function buildAgency(t: TestPlatform, overrides: Partial<CreateAgencyBody> = {}) {
  return t.db
    .insertInto('agencies')
    .values({
      code: `A${unique().toUpperCase()}`,
      name: 'Test Police Department',
      kind: 'police',
      town: 'Worcester',
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function buildPosition(
  t: TestPlatform,
  overrides: { code?: string; kind?: PositionKind } = {},
) {
  return t.db
    .insertInto('positions')
    .values({
      code: overrides.code ?? `P${unique().toUpperCase()}`,
      name: 'Test position',
      kind: overrides.kind ?? 'call_taking',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export const TEST_PASSWORD = 'correct horse battery staple'

export async function buildUser(
  t: TestPlatform,
  overrides: {
    roles?: Role[]
    username?: string
    agencyId?: string | null
    password?: string
  } = {},
) {
  return t.db
    .insertInto('users')
    .values({
      username: overrides.username ?? `user-${unique()}`,
      display_name: 'Test User',
      password_hash: await hashPassword(overrides.password ?? TEST_PASSWORD),
      roles: overrides.roles ?? ['call_taker'],
      agency_id: overrides.agencyId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A user with these roles, logged on (at a new position when `atPosition`). */
export async function staffWith(
  t: TestPlatform,
  roles: Role[],
  options: { atPosition?: boolean; agencyId?: string | null } = {},
): Promise<StaffSession & { username: string; positionId: string | null }> {
  const user = await buildUser(t, { roles, agencyId: options.agencyId ?? null })
  const position = options.atPosition ? await buildPosition(t) : null
  const session = await logOn(t, user.username, TEST_PASSWORD, position?.code)
  return { ...session, username: user.username, positionId: position?.id ?? null }
}

export function auditRows(t: TestPlatform, eventType: string) {
  return t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('event_type', '=', eventType)
    .orderBy('id')
    .execute()
}
