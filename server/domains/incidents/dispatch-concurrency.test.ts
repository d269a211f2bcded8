/**
 * 32 dispatchers working one floor at once for 30 s (ECC_CONCURRENCY_SECONDS), with choices drawn
 * from a fixed seed (ECC_CONCURRENCY_SEED): assign, stack, clear, status changes (a few out of
 * order, with an override), new incidents. Afterwards the log and the tables are checked offline,
 * and a console that was connected throughout must hold every event it may see, once, in order.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { LiveEvent } from '@common/api/events.ts'
import type { Unit } from '@common/api/units.ts'
import type { Incident } from '@common/api/incidents.ts'
import {
  COMMITTED_STATUSES,
  UNIT_STATUSES,
  UNIT_TRANSITIONS,
  isNormalTransition,
  type UnitStatus,
} from '@common/domain/units.ts'
import { canSee, type Viewer } from '../../events/audience.ts'
import { buildAgency, buildUnit, staffWith } from '../../test/factories.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { openConsole, type TestConsole } from '../../test/live-client.ts'
import { seededRandom, type SeededRandom } from '../../../data/seeded-random.ts'

const DISPATCHERS = 32
const UNITS = 16
const FIRST_INCIDENTS = 8
const SECONDS = Number(process.env.ECC_CONCURRENCY_SECONDS ?? 30)
const SEED = Number(process.env.ECC_CONCURRENCY_SEED ?? 911)

/** Refusals a dispatcher meets when someone else got there first; anything else fails the test. */
const RACE_REFUSALS = new Set([
  'unit_not_available',
  'unit_already_assigned',
  'unit_not_assigned',
  'status_transition_not_allowed',
])

interface Floor {
  agencyId: string
  town: string
  unitIds: string[]
  incidentIds: string[]
}

interface Tally {
  ok: Map<string, number>
  refused: Map<string, number>
  unexpected: string[]
}

let t: TestPlatform
let baseUrl: string
before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

describe('32 dispatchers at once', () => {
  it('never puts a unit on two incidents, never skips a status without override, loses no event', async () => {
    const floor = await buildFloor()
    const dispatchers: StaffSession[] = []
    for (let i = 0; i < DISPATCHERS; i++) {
      dispatchers.push(await staffWith(t, ['dispatcher'], { atPosition: true }))
    }
    const watcher = await staffWith(t, ['dispatcher'])
    const console = await openConsole(baseUrl, watcher.cookie)
    await console.waitFor((messages) => messages.some((m) => m.type === 'live'))
    const hello = console.messages.find((m) => m.type === 'hello')
    assert.ok(hello?.type === 'hello')

    const tally: Tally = { ok: new Map(), refused: new Map(), unexpected: [] }
    const deadline = Date.now() + SECONDS * 1000
    await Promise.all(
      dispatchers.map(async (session, index) => {
        const random = seededRandom(SEED * 1000 + index)
        while (Date.now() < deadline) await act(session, random, floor, tally)
      }),
    )
    process.stdout.write(`# ${describeTally(tally)}\n`)
    assert.deepEqual(tally.unexpected, [], 'every refusal is one a race explains')
    assert.ok((tally.ok.get('dispatch') ?? 0) > 0 && (tally.ok.get('clear') ?? 0) > 0)
    assert.ok((tally.ok.get('stack') ?? 0) > 0 && (tally.ok.get('status') ?? 0) > 0)

    await checkUnitHistories(floor)
    await checkIncidentNumbers(floor)
    await checkConsole(console, hello.resumeFrom, {
      userId: watcher.userId,
      roles: ['dispatcher'],
      agencyId: null,
      positionId: null,
    })
    await console.close()
  })
})

async function buildFloor(): Promise<Floor> {
  const town = `Conc ${randomBytes(3).toString('hex')}`
  const agency = await buildAgency(t, {
    code: `C${randomBytes(3).toString('hex').toUpperCase()}`,
    kind: 'fire',
    town,
  })
  const unitIds: string[] = []
  for (let i = 0; i < UNITS; i++) {
    unitIds.push((await buildUnit(t, { agencyId: agency.id, status: 'available' })).id)
  }
  const floor: Floor = { agencyId: agency.id, town, unitIds, incidentIds: [] }
  const opener = await staffWith(t, ['dispatcher'])
  for (let i = 0; i < FIRST_INCIDENTS; i++) {
    assert.equal((await openIncident(opener, floor, i)).statusCode, 201)
  }
  return floor
}

async function openIncident(session: StaffSession, floor: Floor, n: number) {
  const response = await session.request('POST', '/api/incidents', {
    natureCode: 'FIRE-ALARM',
    agencyId: floor.agencyId,
    location: { text: `${n + 1} Concurrency Way`, point: { lat: 42.26, lon: -71.8 } },
  })
  if (response.statusCode === 201) floor.incidentIds.push(response.json<Incident>().id)
  return response
}

/** One dispatcher's next move, chosen by its seeded random source from what the board shows. */
async function act(session: StaffSession, random: SeededRandom, floor: Floor, tally: Tally) {
  const roll = random.next()
  const unitId = random.pick(floor.unitIds)
  const incidentId = random.pick(floor.incidentIds)
  if (roll < 0.04) {
    return settle(tally, 'open', await openIncident(session, floor, floor.incidentIds.length))
  }
  if (roll < 0.46) {
    const verb = roll < 0.36 ? 'dispatch' : 'stack'
    const response = await session.request('POST', `/api/incidents/${incidentId}/dispatch`, {
      unitIds: [unitId],
      allowStacking: verb === 'stack',
    })
    return settle(tally, verb, response)
  }
  const unit = (await session.request('GET', `/api/units/${unitId}`)).json<Unit>()
  if (roll < 0.66) {
    const on = [unit.incidentId, ...unit.stackedIncidentIds].filter((id) => id !== null)
    const from = on.length > 0 && random.chance(0.9) ? random.pick(on) : incidentId
    const response = await session.request('POST', `/api/incidents/${from}/units/${unitId}/clear`, {
      reason: 'simulated clear',
      status: random.chance(0.5) ? 'available' : 'in_quarters',
      override: random.chance(0.3),
    })
    return settle(tally, 'clear', response)
  }
  const override = random.chance(0.1)
  const choices = override
    ? UNIT_STATUSES.filter((s) => s !== unit.status && s !== 'dispatched')
    : UNIT_TRANSITIONS[unit.status].filter((s) => s !== 'dispatched')
  const status = random.pick(choices)
  const response = await session.request('POST', `/api/units/${unitId}/status`, {
    status,
    override,
    ...(override || status === 'out_of_service' ? { reason: 'simulated' } : {}),
  })
  return settle(tally, 'status', response)
}

function settle(tally: Tally, verb: string, response: { statusCode: number; body: string }) {
  if (response.statusCode < 300) {
    tally.ok.set(verb, (tally.ok.get(verb) ?? 0) + 1)
    return
  }
  const code = (JSON.parse(response.body) as { error?: { code?: string; message?: string } }).error
  // "already on scene": the board showed the old status a moment before someone changed it.
  const alreadyThere = code?.code === 'invalid_input' && /already/.test(code.message ?? '')
  if (response.statusCode === 409 && RACE_REFUSALS.has(code?.code ?? '')) {
    tally.refused.set(code!.code!, (tally.refused.get(code!.code!) ?? 0) + 1)
  } else if (alreadyThere || (response.statusCode === 404 && code?.code === 'unit_not_assigned')) {
    tally.refused.set('raced', (tally.refused.get('raced') ?? 0) + 1)
  } else {
    tally.unexpected.push(`${verb} ${response.statusCode} ${response.body.slice(0, 200)}`)
  }
}

function describeTally(tally: Tally): string {
  const list = (map: Map<string, number>) =>
    [...map].map(([key, count]) => `${key} ${count}`).join(', ')
  return `done: ${list(tally.ok)}; refused: ${list(tally.refused)}`
}

type UnitEvent =
  | { type: 'unit.dispatched'; payload: { incidentId: string; stacked: boolean } }
  | { type: 'unit.cleared'; payload: { incidentId: string } }
  | {
      type: 'unit.status_changed'
      payload: {
        status: UnitStatus
        previousStatus: UnitStatus
        incidentId: string | null
        override: boolean
      }
    }

/**
 * Replays every event about each unit in log order, as a console receives them. They are all
 * written under the unit's row lock, so their sequence numbers follow commits: the log order
 * must keep that order. Each status change starts where the last ended, a skipped step carries
 * an override, a unit is dispatched only when its last active assignment was cleared, and the
 * tables end where the replay ends.
 */
async function checkUnitHistories(floor: Floor): Promise<void> {
  let changes = 0
  for (const unitId of floor.unitIds) {
    const events = await sql<UnitEvent & { id: string }>`
      select id::text as id, type, payload from events
      where (stream = ${`unit:${unitId}`} and type = 'unit.status_changed')
        or (type in ('unit.dispatched', 'unit.cleared') and payload->>'unitId' = ${unitId})
      order by tx, events.id`.execute(t.db)
    const written = events.rows.map((event) => BigInt(event.id))
    assert.deepEqual(
      written,
      [...written].sort((a, b) => (a < b ? -1 : 1)),
      `unit ${unitId}: the log keeps the unit's events in the order they were committed`,
    )
    let status: UnitStatus = 'available'
    let activeOn: string | null = null
    const stacked = new Set<string>()
    for (const event of events.rows) {
      const where = `unit ${unitId} at change ${changes}`
      if (event.type === 'unit.dispatched') {
        if (event.payload.stacked) stacked.add(event.payload.incidentId)
        continue
      }
      if (event.type === 'unit.cleared') {
        if (event.payload.incidentId === activeOn) activeOn = null
        else assert.ok(stacked.delete(event.payload.incidentId), `${where}: cleared from nothing`)
        continue
      }
      const change = event.payload
      changes++
      assert.equal(change.previousStatus, status, `${where}: starts where the last one ended`)
      if (change.status === 'dispatched') {
        assert.equal(activeOn, null, `${where}: dispatched while active on ${activeOn}`)
        assert.ok(change.incidentId, `${where}: a dispatch names its incident`)
        stacked.delete(change.incidentId)
        activeOn = change.incidentId
      } else {
        assert.ok(
          change.override || isNormalTransition(status, change.status),
          `${where}: ${status} to ${change.status} without override`,
        )
        const working = COMMITTED_STATUSES.includes(change.status)
        assert.equal(working ? change.incidentId : null, activeOn, `${where}: wrong incident`)
      }
      status = change.status
    }
    const row = await t.db
      .selectFrom('units')
      .select(['status', 'incident_id'])
      .where('id', '=', unitId)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, { status, incident_id: activeOn }, 'the unit ends where its events end')
    const open = await t.db
      .selectFrom('unit_assignments')
      .select(['incident_id', 'state'])
      .where('unit_id', '=', unitId)
      .where('state', 'in', ['active', 'stacked'])
      .execute()
    assert.deepEqual(
      open.filter((a) => a.state === 'active').map((a) => a.incident_id),
      activeOn ? [activeOn] : [],
    )
    assert.deepEqual(
      open
        .filter((a) => a.state === 'stacked')
        .map((a) => a.incident_id)
        .sort(),
      [...stacked].sort(),
    )
  }
  assert.ok(changes > UNITS, 'the units changed status')
}

async function checkIncidentNumbers(floor: Floor): Promise<void> {
  const rows = await t.db
    .selectFrom('incidents')
    .select('number')
    .where('agency_id', '=', floor.agencyId)
    .execute()
  assert.equal(rows.length, floor.incidentIds.length)
  assert.equal(new Set(rows.map((r) => r.number)).size, rows.length, 'incident numbers are unique')
}

/** The console got exactly the events it may see after it connected, each once, in log order. */
async function checkConsole(console: TestConsole, from: string, viewer: Viewer): Promise<void> {
  const [tx, id] = from.split('-')
  const rows = await sql<{
    position: string
    audience_roles: Viewer['roles'] | null
    audience_agency_ids: string[] | null
    audience_position_id: string | null
  }>`
    select tx::text || '-' || id::text as position, audience_roles, audience_agency_ids,
      audience_position_id
    from events where (tx, id) > (${tx}::xid8, ${id}::bigint)
    order by tx, id`.execute(t.db)
  const expected = rows.rows
    .filter((row) =>
      canSee(viewer, {
        roles: row.audience_roles,
        agencyIds: row.audience_agency_ids,
        positionId: row.audience_position_id,
      }),
    )
    .map((row) => row.position)
  assert.ok(expected.length > DISPATCHERS, `a busy floor writes many events (${expected.length})`)
  const last = expected.at(-1)
  await console.waitFor(
    (messages) => messages.some((m) => m.type === 'event' && m.event.position === last),
    60_000,
  )
  const received = console.events().map((event: LiveEvent) => event.position)
  assert.equal(received.length, expected.length, 'no event lost or sent twice')
  assert.deepEqual(received, expected)
}
