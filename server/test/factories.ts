import { randomBytes } from 'node:crypto'
import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import type { Incident } from '@common/api/incidents.ts'
import type { CreateAgencyBody } from '@common/api/staff.ts'
import type { PositionKind } from '@common/domain/positions.ts'
import type { IncidentStatus } from '@common/domain/incidents.ts'
import type { Role } from '@common/domain/roles.ts'
import type { UnitStatus, UnitType } from '@common/domain/units.ts'
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

/**
 * A call offered by the phone system (`offer` is the POST /api/calls body), answered by the call
 * taker and made into an incident of `natureCode`.
 */
export async function incidentFromCall(
  phone: StaffSession,
  calltaker: StaffSession,
  offer: Record<string, unknown>,
  natureCode: string,
): Promise<{ call: CallView; incident: Incident }> {
  const call = (await phone.request('POST', '/api/calls', offer)).json<CallView>()
  await calltaker.request('POST', `/api/calls/${call.id}/answer`, {})
  const opened = await calltaker.request('POST', `/api/calls/${call.id}/incident`, { natureCode })
  return { call, incident: opened.json<CallWithIncident>().incident }
}

export function auditRows(t: TestPlatform, eventType: string) {
  return t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('event_type', '=', eventType)
    .orderBy('id')
    .execute()
}

/** A fire or police station of an agency (the agency is built when not given). */
export async function buildStation(
  t: TestPlatform,
  overrides: { agencyId?: string; town?: string; lat?: number; lon?: number } = {},
) {
  const agencyId = overrides.agencyId ?? (await buildAgency(t, { kind: 'fire' })).id
  return t.db
    .insertInto('stations')
    .values({
      code: `S${unique().toUpperCase()}`,
      name: 'Test Station',
      agency_id: agencyId,
      town: overrides.town ?? 'Worcester',
      address: '1 Test St, Worcester',
      lat: overrides.lat ?? 42.2626,
      lon: overrides.lon ?? -71.8023,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A unit, available in quarters unless told; its agency is built when not given. */
export async function buildUnit(
  t: TestPlatform,
  overrides: {
    agencyId?: string
    stationId?: string | null
    unitType?: UnitType
    status?: UnitStatus
    code?: string
    capabilities?: string[]
  } = {},
) {
  const unitType = overrides.unitType ?? 'engine'
  const kind = ['patrol', 'police_supervisor', 'k9', 'detective'].includes(unitType)
    ? 'police'
    : 'fire'
  const agencyId = overrides.agencyId ?? (await buildAgency(t, { kind })).id
  return t.db
    .insertInto('units')
    .values({
      code: overrides.code ?? `U${unique().toUpperCase()}`,
      agency_id: agencyId,
      station_id: overrides.stationId ?? null,
      unit_type: unitType,
      capabilities: overrides.capabilities ?? [],
      status: overrides.status ?? 'in_quarters',
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** An open incident inserted directly (for tests about what surrounds incidents). */
export async function buildIncident(
  t: TestPlatform,
  overrides: {
    agencyId?: string
    natureCode?: string
    priority?: number
    status?: IncidentStatus
    locationText?: string
    addressKey?: string | null
    town?: string
    lat?: number | null
    lon?: number | null
    createdAt?: Date
  } = {},
) {
  const agencyId = overrides.agencyId ?? (await buildAgency(t)).id
  return t.db
    .insertInto('incidents')
    .values({
      number: `TEST-${unique().toUpperCase()}`,
      agency_id: agencyId,
      kind: 'emergency',
      nature_code: overrides.natureCode ?? 'SUSPICIOUS',
      priority: overrides.priority ?? 3,
      status: overrides.status ?? 'pending',
      location_text: overrides.locationText ?? '1 Main St, Worcester',
      address_key:
        overrides.addressKey === undefined ? '1 MAIN ST|WORCESTER' : overrides.addressKey,
      town: overrides.town ?? 'Worcester',
      lat: overrides.lat === undefined ? 42.2626 : overrides.lat,
      lon: overrides.lon === undefined ? -71.8023 : overrides.lon,
      ...(overrides.createdAt ? { created_at: overrides.createdAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
