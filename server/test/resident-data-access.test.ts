import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { DisabilityRequest } from '@common/api/disability-registry.ts'
import type { SafetyProfile } from '@common/api/safety-profiles.ts'
import type { Role } from '@common/domain/roles.ts'
import type { LightMyRequestResponse } from 'fastify'
import { disabilityRegistryRoutes } from '../domains/disability-registry/index.ts'
import { writeAddressLayers } from '../domains/geography/address-fixture.db.ts'
import { addressFixture } from '../domains/geography/address-fixture.ts'
import { messagingRoutes } from '../domains/messaging/index.ts'
import { residentRoutes } from '../domains/residents/index.ts'
import { safetyProfileRoutes } from '../domains/safety-profiles/index.ts'
import { PNG_BYTES } from '../domains/safety-profiles/safety-profile-fixtures.ts'
import { auditRows, buildAgency, staffWith } from './factories.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from './harness.ts'
import { openConsole, type TestConsole } from './live-client.ts'
import { buildResident, confirmedPhone, type ResidentSession } from './residents.ts'

/**
 * The access matrix of the resident-data domains: every route, asked by everyone who could ask
 * (nobody, the resident who owns the data, another resident, each staff role, the call taker
 * who answered the call and one who did not, the coordinator of another town). It checks who
 * gets through, that nothing confidential reaches anyone else (not in an answer, not on the live
 * stream), and that every refusal is written to the audit log.
 */
const MEMBER = 'Zephyrine Quill'
const CONDITION = 'MATRIX-CONDITION-MARKER'
const NOTE = 'MATRIX-INDICATOR-MARKER'
const MARKERS = [MEMBER, CONDITION, NOTE]

type Who =
  | 'nobody'
  | 'owner'
  | 'other_resident'
  | 'answering_call_taker'
  | 'other_call_taker'
  | 'dispatcher'
  | 'supervisor'
  | 'records_clerk'
  | 'coordinator'
  | 'other_town_coordinator'
  | 'alert_operator'
  | 'administrator'
  | 'integration'

const STAFF_ROLES: Partial<Record<Who, Role>> = {
  other_call_taker: 'call_taker',
  dispatcher: 'dispatcher',
  supervisor: 'supervisor',
  records_clerk: 'records_clerk',
  alert_operator: 'alert_operator',
  administrator: 'administrator',
  integration: 'integration',
}
const EVERYONE = [
  'nobody',
  'owner',
  'other_resident',
  'answering_call_taker',
  'other_call_taker',
  'dispatcher',
  'supervisor',
  'records_clerk',
  'coordinator',
  'other_town_coordinator',
  'alert_operator',
  'administrator',
  'integration',
] as const satisfies readonly Who[]

const RESIDENTS: Who[] = ['owner', 'other_resident']
const FLOOR: Who[] = ['answering_call_taker', 'other_call_taker', 'dispatcher', 'supervisor']
const COORDINATORS: Who[] = ['coordinator', 'other_town_coordinator']

/**
 * The specification: who may pass each route's gate, and who may read its confidential content.
 * Written out here, not derived from the routes, so that a route opened wider fails the test.
 */
interface Expectation {
  passes: Who[]
  /** Who may see the markers in the answer (a subset of `passes`). */
  reads: Who[]
}
const SPEC: Record<string, Expectation> = {
  'POST /api/portal/account': { passes: [...EVERYONE], reads: [] },
  'POST /api/portal/session': { passes: [...EVERYONE], reads: [] },
  'GET /api/portal/session': { passes: RESIDENTS, reads: [] },
  'DELETE /api/portal/session': { passes: RESIDENTS, reads: [] },
  'GET /api/portal/phones': { passes: RESIDENTS, reads: [] },
  'POST /api/portal/phones': { passes: RESIDENTS, reads: [] },
  'POST /api/portal/phones/:id/confirm': { passes: RESIDENTS, reads: [] },
  'POST /api/portal/phones/:id/resend': { passes: RESIDENTS, reads: [] },
  'DELETE /api/portal/phones/:id': { passes: RESIDENTS, reads: [] },
  'GET /api/outbox': { passes: ['administrator'], reads: [] },
  'GET /api/portal/safety-profile': { passes: RESIDENTS, reads: ['owner'] },
  'PUT /api/portal/safety-profile': { passes: RESIDENTS, reads: ['owner'] },
  'POST /api/portal/safety-profile/confirm': { passes: RESIDENTS, reads: ['owner'] },
  'POST /api/portal/safety-profile/members/:memberId/photo': {
    passes: RESIDENTS,
    reads: ['owner'],
  },
  'GET /api/portal/safety-profile/members/:memberId/photo': { passes: RESIDENTS, reads: ['owner'] },
  'GET /api/calls/:id/safety-profile': { passes: FLOOR, reads: ['answering_call_taker'] },
  'GET /api/calls/:id/safety-profile/members/:memberId/photo': { passes: FLOOR, reads: [] },
  'GET /api/portal/disability-requests': { passes: RESIDENTS, reads: ['owner'] },
  'POST /api/portal/disability-requests': { passes: RESIDENTS, reads: ['owner'] },
  'GET /api/disability-requests': { passes: COORDINATORS, reads: ['coordinator'] },
  'POST /api/disability-requests': { passes: COORDINATORS, reads: [] },
  'GET /api/disability-requests/:id': { passes: COORDINATORS, reads: ['coordinator'] },
  'POST /api/disability-requests/:id/return': { passes: COORDINATORS, reads: ['coordinator'] },
  'POST /api/disability-requests/:id/enter': { passes: COORDINATORS, reads: ['coordinator'] },
  'GET /api/disability-indicators': { passes: COORDINATORS, reads: ['coordinator'] },
  'GET /api/disability-indicators/reverification': {
    passes: COORDINATORS,
    reads: ['coordinator'],
  },
  'GET /api/disability-indicators/:id': { passes: COORDINATORS, reads: ['coordinator'] },
  'POST /api/disability-indicators/:id/reverify': { passes: COORDINATORS, reads: ['coordinator'] },
  'POST /api/disability-indicators/:id/deactivate': {
    passes: COORDINATORS,
    reads: ['coordinator'],
  },
  'GET /api/calls/:id/disability-indicators': { passes: FLOOR, reads: ['answering_call_taker'] },
}

let t: TestPlatform
let baseUrl: string
const sessions = new Map<Who, ResidentSession | StaffSession | null>()
const ids: Record<string, string> = {}
let consoles: TestConsole[] = []

before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
  await writeAddressLayers(t.db, addressFixture())
  const worcester = await buildAgency(t, { code: 'WPD', kind: 'police', town: 'Worcester' })
  await buildAgency(t, { code: 'WFD', kind: 'fire', town: 'Worcester' })
  const holden = await buildAgency(t, { code: 'HPD', kind: 'police', town: 'Holden' })

  sessions.set('nobody', null)
  const owner = await buildResident(t, 'Owner Resident')
  sessions.set('owner', owner)
  sessions.set('other_resident', await buildResident(t, 'Other Resident'))
  const answering = await staffWith(t, ['call_taker'], { atPosition: true })
  sessions.set('answering_call_taker', answering)
  for (const [who, role] of Object.entries(STAFF_ROLES)) {
    sessions.set(who as Who, await staffWith(t, [role], { atPosition: role !== 'integration' }))
  }
  const coordinator = await staffWith(t, ['disability_coordinator'], { agencyId: worcester.id })
  sessions.set('coordinator', coordinator)
  sessions.set(
    'other_town_coordinator',
    await staffWith(t, ['disability_coordinator'], { agencyId: holden.id }),
  )

  // Every console on the floor listens while the confidential data is made and read.
  for (const [, session] of sessions) {
    if (session && 'userId' in session) consoles.push(await openConsole(baseUrl, session.cookie))
  }

  const phone = await confirmedPhone(t, owner, '5085550142')
  ids.phoneId = phone.id
  const saved = await owner.request('PUT', '/api/portal/safety-profile', {
    members: [{ name: MEMBER, medicalConditions: [CONDITION] }],
  })
  assert.equal(saved.statusCode, 200, saved.body)
  ids.memberId = saved.json<SafetyProfile>().members[0]!.id
  const photo = await t.platform.app.inject({
    method: 'POST',
    url: `/api/portal/safety-profile/members/${ids.memberId}/photo`,
    headers: {
      cookie: owner.cookie,
      'x-csrf-token': (await owner.request('GET', '/api/portal/session')).json().csrfToken,
      'content-type': 'image/png',
    },
    payload: PNG_BYTES,
  })
  assert.equal(photo.statusCode, 201, photo.body)

  const address = {
    houseNumber: '2',
    street: 'Coppage',
    streetType: 'Dr',
    unit: '3',
    town: 'Worcester',
  }
  const filed = await coordinator.request('POST', '/api/disability-requests', {
    personName: 'Registry Person',
    address,
    kinds: ['tty'],
    note: NOTE,
    contactPhone: '5085550142',
  })
  assert.equal(filed.statusCode, 201, filed.body)
  ids.requestId = filed.json<DisabilityRequest>().id
  const entered = await coordinator.request(
    'POST',
    `/api/disability-requests/${ids.requestId}/enter`,
    {},
  )
  assert.equal(entered.statusCode, 200, entered.body)
  ids.indicatorId = entered.json<DisabilityRequest>().indicatorId!

  const telephony = sessions.get('integration') as StaffSession
  const offered = await telephony.request('POST', '/api/calls', {
    line: '911',
    ani: '5085550142',
    location: { source: 'ali', civic: address },
  })
  assert.equal(offered.statusCode, 201, offered.body)
  ids.callId = offered.json<CallView>().id
  const answered = await answering.request('POST', `/api/calls/${ids.callId}/answer`, {})
  assert.equal(answered.statusCode, 200, answered.body)
})

after(async () => {
  for (const console of consoles) await console.close()
  consoles = []
  await t.close()
})

function urlOf(pattern: string): string {
  return pattern
    .replace('/api/calls/:id', `/api/calls/${ids.callId}`)
    .replace('/api/portal/phones/:id', `/api/portal/phones/${ids.phoneId}`)
    .replace('/api/disability-requests/:id', `/api/disability-requests/${ids.requestId}`)
    .replace('/api/disability-indicators/:id', `/api/disability-indicators/${ids.indicatorId}`)
    .replace(':memberId', ids.memberId!)
}

/** Asks as `who`. Changes carry an empty body: the gate answers before validation does. */
function ask(who: Who, method: string, url: string): Promise<LightMyRequestResponse> {
  const session = sessions.get(who)
  const body = method === 'GET' || method === 'DELETE' ? undefined : {}
  if (!session) return t.request(method, url, body)
  return session.request(method, url, body)
}

const ROUTES = [
  ...residentRoutes,
  ...messagingRoutes,
  ...safetyProfileRoutes,
  ...disabilityRegistryRoutes,
]

describe('access matrix of the resident data', () => {
  it('has a written expectation for every route of these domains', () => {
    const declared = ROUTES.map((r) => `${r.method} ${r.url}`).sort()
    assert.deepEqual(declared, Object.keys(SPEC).sort())
  })

  it('lets through exactly whom the specification names, and refuses with an audit row', async () => {
    // Reads before changes, and deletions last: the matrix must not destroy what it reads.
    // Log-offs last of all: they end the sessions the rest of the matrix asks with.
    const order = (key: string) =>
      key === 'DELETE /api/portal/session'
        ? 3
        : key.startsWith('GET')
          ? 0
          : key.startsWith('DELETE')
            ? 2
            : 1
    for (const key of Object.keys(SPEC).sort((a, b) => order(a) - order(b))) {
      const [method, pattern] = key.split(' ') as [string, string]
      const expectation = SPEC[key]!
      for (const who of EVERYONE) {
        // An empty PUT or a DELETE by the owner would wipe the data the matrix reads.
        if ((method === 'DELETE' || method === 'PUT') && who === 'owner') continue
        const before = (await auditRows(t, 'access.denied')).length
        const response = await ask(who, method, urlOf(pattern))
        const passed = response.statusCode !== 401 && response.statusCode !== 403
        assert.equal(
          passed,
          expectation.passes.includes(who),
          `${key} as ${who}: ${response.statusCode} ${response.body.slice(0, 200)}`,
        )
        if (response.statusCode === 403) {
          const after = (await auditRows(t, 'access.denied')).length
          assert.ok(after > before, `${key} as ${who}: the 403 was not audited`)
        }
        const leaked = MARKERS.filter((marker) => response.body.includes(marker))
        if (!expectation.reads.includes(who)) {
          assert.deepEqual(leaked, [], `${key} as ${who} leaked ${leaked.join(', ')}`)
        }
      }
    }
  })

  it('shows the profile and the indicator to the answering call taker, and audits each display', async () => {
    const answering = sessions.get('answering_call_taker')!
    const profile = await answering.request('GET', `/api/calls/${ids.callId}/safety-profile`)
    assert.match(profile.body, new RegExp(CONDITION))
    const indicators = await answering.request(
      'GET',
      `/api/calls/${ids.callId}/disability-indicators`,
    )
    assert.match(indicators.body, new RegExp(NOTE))
    assert.ok((await auditRows(t, 'safety_profile.displayed')).length > 0)
    assert.ok((await auditRows(t, 'disability_indicator.displayed')).length > 0)
  })

  it('audits the call-time refusals of the other floor positions', async () => {
    const other = sessions.get('other_call_taker')!
    const deniedProfiles = (await auditRows(t, 'safety_profile.denied')).length
    const deniedIndicators = (await auditRows(t, 'disability_indicator.denied')).length
    const profile = await other.request('GET', `/api/calls/${ids.callId}/safety-profile`)
    assert.equal(profile.json().available, true)
    assert.equal(profile.json().profile, null)
    const indicators = await other.request('GET', `/api/calls/${ids.callId}/disability-indicators`)
    assert.deepEqual(indicators.json(), { indicators: [] })
    assert.equal((await auditRows(t, 'safety_profile.denied')).length, deniedProfiles + 1)
    assert.equal((await auditRows(t, 'disability_indicator.denied')).length, deniedIndicators + 1)
  })

  it('never puts any of it on the live stream, to any console', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    for (const console of consoles) {
      const text = JSON.stringify(console.messages)
      for (const marker of MARKERS) assert.equal(text.includes(marker), false, marker)
    }
    assert.ok(
      consoles.some((console) => console.events().some((e) => e.type === 'call.answered')),
      'the consoles were listening',
    )
  })
})
