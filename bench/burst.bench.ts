/**
 * A storm on a normal shift. 200 consoles watch while calls come in at the steady rate for 20 s,
 * 20 times that rate for 60 s (5.6 call intakes a second), then the steady rate again. An intake
 * is the floor's work on one call: offer, answer, incident from the call (or attach to the
 * incident it duplicates: every 4th call rings from where an incident was just opened), a note,
 * a unit dispatched, en route and cleared, the call released. Figure: console p99 from offer to
 * the `call.offered` event on each console, in the burst. Baseline: the same p99 at the steady
 * rate in the same run. Target: burst p99 ≤ 2 × steady p99; no error or timeout; every console
 * holds every event it may see once, in log order; every duplicate found, within 1 s.
 */
import pg from 'pg'
import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import type { Unit } from '@common/api/units.ts'
import { canSee } from '../server/events/audience.ts'
import { startPlatformNode, type PlatformNode, type Session } from './lib/platform-node.ts'
import { delay, percentile, seconds, type BenchResult } from './lib/measure.ts'
import { openTimedConsole, type TimedConsole } from './lib/timed-console.ts'

const CONSOLES = 200
const CONSOLES_PER_SESSION = 10
const BURST_PER_SECOND = 5.6
const BURST_FACTOR = 20
const CALL_TAKERS = 8
const DUPLICATE_EVERY = 4
const REQUEST_TIMEOUT_MS = 10_000
const DUPLICATE_LIMIT_MS = 1000
/** How long the consoles get, after the last intake, to receive the log's last event. */
const LOG_END_LIMIT_MS = 30_000
const NATURES = ['FIRE-ALARM', 'SMOKE-INV', 'GAS-LEAK', 'WIRES-DOWN']

type Phase = 'steady' | 'burst'

interface Floor {
  node: PlatformNode
  phone: Session
  takers: Session[]
  dispatcher: Session
  freeUnits: string[]
  /** Addresses far enough apart that only the planned duplicates look like duplicates. */
  places: Place[]
  /** Incidents opened so far, with where they are: a duplicate call rings from the last one. */
  opened: { id: string; place: Place }[]
}

/** An address of the demo region the calls ring from, as ALI delivers it. */
interface Place {
  lat: number
  lon: number
  civic: {
    houseNumber: string
    preDirection?: string
    street: string
    streetType?: string
    postDirection?: string
    town: string
  }
}

interface Tally {
  sentAt: Map<string, { at: number; phase: Phase; duplicate: boolean }>
  offerMs: number[]
  errors: string[]
  timeouts: number
  duplicatesAsked: number
  duplicatesFound: number
  intakes: number
}

export async function burstBench(): Promise<BenchResult> {
  const steady = seconds(20)
  const burst = 3 * steady
  const node = await startPlatformNode()
  try {
    const schedule = [
      ...phase('steady', 0, steady, BURST_PER_SECOND / BURST_FACTOR),
      ...phase('burst', steady, burst, BURST_PER_SECOND),
      ...phase('steady', steady + burst, steady, BURST_PER_SECOND / BURST_FACTOR),
    ]
    const floor = await setUpFloor(node, schedule.length)
    const viewers: Session[] = []
    for (let i = 0; i < CONSOLES / CONSOLES_PER_SESSION; i++) {
      viewers.push(await node.staffAt(`BV${i}`, ['supervisor']))
    }
    const consoles: TimedConsole[] = []
    for (let i = 0; i < CONSOLES; i++) {
      const viewer = viewers[i % viewers.length]!
      consoles.push(await openTimedConsole(node.url, viewer.cookie, offeredAni))
    }
    const tally: Tally = {
      sentAt: new Map(),
      offerMs: [],
      errors: [],
      timeouts: 0,
      duplicatesAsked: 0,
      duplicatesFound: 0,
      intakes: 0,
    }
    const start = performance.now()
    const running: Promise<void>[] = []
    for (const [i, slot] of schedule.entries()) {
      const wait = start + slot.at * 1000 - performance.now()
      if (wait > 0) await delay(wait)
      running.push(intake(floor, tally, i, slot.phase))
    }
    await Promise.all(running)
    await waitForLogEnd(node.databaseUrl, consoles, LOG_END_LIMIT_MS)
    for (const console of consoles) await console.close()
    const lostOrDoubled = await compareWithLog(node.databaseUrl, consoles)
    return report(tally, consoles, lostOrDoubled, { steady, burst })
  } finally {
    await node.stop()
  }
}

/** Marks a console's `call.offered` events by the calling number, unique per intake. */
const offeredAni = (payload: Record<string, unknown>) =>
  Array.isArray(payload.duplicateCandidates) && typeof payload.ani === 'string'
    ? payload.ani
    : undefined

function phase(name: Phase, from: number, length: number, perSecond: number) {
  const count = Math.round(length * perSecond)
  return Array.from({ length: count }, (_, i) => ({ phase: name, at: from + i / perSecond }))
}

async function setUpFloor(node: PlatformNode, intakes: number): Promise<Floor> {
  const phone = await node.staffAt('BTEL', ['integration'])
  const takers: Session[] = []
  for (let i = 0; i < CALL_TAKERS; i++) takers.push(await node.staffAt(`BCT${i}`, ['call_taker']))
  const dispatcher = await node.staffAt('BFD', ['dispatcher'])
  const units = (await node.request(dispatcher, 'GET', '/api/units')) as Unit[]
  const freeUnits = units
    .filter((unit) => unit.status === 'available' || unit.status === 'in_quarters')
    .map((unit) => unit.id)
  const places = await spreadPlaces(node.databaseUrl, intakes)
  return { node, phone, takers, dispatcher, freeUnits, places, opened: [] }
}

const PLACE_SPACING_M = 300

/**
 * Addresses of the demo region's Worcester, at least 300 m apart (the duplicate radius is
 * 250 m), taken in a scattered but fixed order; intake `i` rings from the `i`-th.
 */
async function spreadPlaces(databaseUrl: string, count: number): Promise<Place[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{
      house_number: number
      pre_direction: string | null
      street_name: string
      street_type: string | null
      post_direction: string | null
      town: string
      lat: number
      lon: number
    }>(`select house_number, pre_direction, street_name, street_type, post_direction, town, lat, lon
          from address_points where town = 'Worcester' and unit is null order by id`)
    const places: Place[] = []
    const metresPerDegreeLon = 111_320 * Math.cos((42.27 * Math.PI) / 180)
    for (let k = 0; k < rows.length && places.length < count; k++) {
      const row = rows[(k * 7919) % rows.length]!
      const far = places.every(
        (p) =>
          Math.hypot((p.lat - row.lat) * 111_320, (p.lon - row.lon) * metresPerDegreeLon) >=
          PLACE_SPACING_M,
      )
      if (!far) continue
      places.push({
        lat: row.lat,
        lon: row.lon,
        civic: {
          houseNumber: String(row.house_number),
          ...(row.pre_direction ? { preDirection: row.pre_direction } : {}),
          street: row.street_name,
          ...(row.street_type ? { streetType: row.street_type } : {}),
          ...(row.post_direction ? { postDirection: row.post_direction } : {}),
          town: row.town,
        },
      })
    }
    if (places.length < count) {
      throw new Error(
        `only ${places.length} demo addresses ${PLACE_SPACING_M} m apart; need ${count}`,
      )
    }
    return places
  } finally {
    await client.end()
  }
}

async function intake(floor: Floor, tally: Tally, i: number, phase: Phase): Promise<void> {
  const ask = (session: Session, method: string, path: string, body?: unknown) =>
    withTimeout(floor.node.request(session, method, path, body), tally)
  const taker = floor.takers[i % floor.takers.length]!
  const duplicateOf = i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 ? floor.opened.at(-1) : undefined
  const place = duplicateOf?.place ?? floor.places[i]!
  const ani = `+1508555${String(i).padStart(4, '0')}`
  try {
    const sent = performance.now()
    tally.sentAt.set(ani, { at: sent, phase, duplicate: duplicateOf !== undefined })
    const call = (await ask(floor.phone, 'POST', '/api/calls', {
      externalId: `burst-${i}`,
      line: '911',
      ani,
      classOfService: 'WRLS',
      location: {
        source: 'ali',
        civic: place.civic,
        point: { lat: place.lat, lon: place.lon, uncertaintyM: 30 },
      },
    })) as CallView
    tally.offerMs.push(performance.now() - sent)
    await ask(taker, 'POST', `/api/calls/${call.id}/answer`, {})
    if (duplicateOf) {
      tally.duplicatesAsked++
      if (call.duplicateCandidates.some((c) => c.incidentId === duplicateOf.id)) {
        tally.duplicatesFound++
      }
      await ask(taker, 'POST', `/api/calls/${call.id}/attach`, { incidentId: duplicateOf.id })
    } else {
      await openAndWork(floor, ask, taker, call.id, place, i)
    }
    await ask(taker, 'POST', `/api/calls/${call.id}/release`, {})
    tally.intakes++
  } catch (error) {
    if (!(error instanceof TimeoutError)) tally.errors.push((error as Error).message)
  }
}

type Ask = (session: Session, method: string, path: string, body?: unknown) => Promise<unknown>

async function openAndWork(
  floor: Floor,
  ask: Ask,
  taker: Session,
  callId: string,
  place: Place,
  i: number,
): Promise<void> {
  const { incident } = (await ask(taker, 'POST', `/api/calls/${callId}/incident`, {
    natureCode: NATURES[i % NATURES.length],
  })) as CallWithIncident
  floor.opened.push({ id: incident.id, place })
  await ask(taker, 'POST', `/api/incidents/${incident.id}/notes`, {
    text: `Caller reports ${NATURES[i % NATURES.length]!.toLowerCase()}; intake ${i}`,
  })
  const unitId = floor.freeUnits.shift()
  if (!unitId) return
  await ask(floor.dispatcher, 'POST', `/api/incidents/${incident.id}/dispatch`, {
    unitIds: [unitId],
  })
  await ask(floor.dispatcher, 'POST', `/api/units/${unitId}/status`, { status: 'en_route' })
  await ask(floor.dispatcher, 'POST', `/api/incidents/${incident.id}/units/${unitId}/clear`, {
    reason: 'cancelled en route',
  })
  floor.freeUnits.push(unitId)
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, tally: Tally): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      tally.timeouts++
      reject(new TimeoutError(`no answer within ${REQUEST_TIMEOUT_MS} ms`))
    }, REQUEST_TIMEOUT_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

interface SupervisorLog {
  /** Positions (`tx-id`) of the events a supervisor may see, in log order. */
  positions: string[]
  types: Map<string, string>
}

/** The log as a supervisor's console should receive it. */
async function readSupervisorLog(databaseUrl: string): Promise<SupervisorLog> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{
      tx: string
      id: string
      audience_roles: string[] | null
      audience_agency_ids: string[] | null
      audience_position_id: string | null
      type: string
    }>(`select tx::text as tx, id::text as id, audience_roles, audience_agency_ids,
          audience_position_id, type from events order by tx, events.id`)
    const viewer = { userId: '', roles: ['supervisor' as const], agencyId: null, positionId: null }
    const visible = rows.filter((row) =>
      canSee(viewer, {
        roles: row.audience_roles as (typeof viewer.roles)[number][] | null,
        agencyIds: row.audience_agency_ids,
        positionId: row.audience_position_id,
      }),
    )
    return {
      positions: visible.map((row) => `${row.tx}-${row.id}`),
      types: new Map(rows.map((row) => [`${row.tx}-${row.id}`, row.type])),
    }
  } finally {
    await client.end()
  }
}

/**
 * Waits until every console holds the log's last event, or `limitMs` passes: a console that has
 * not received an event by then counts as having lost it.
 */
async function waitForLogEnd(
  databaseUrl: string,
  consoles: TimedConsole[],
  limitMs: number,
): Promise<void> {
  const last = (await readSupervisorLog(databaseUrl)).positions.at(-1)
  const deadline = performance.now() + limitMs
  while (performance.now() < deadline) {
    if (consoles.every((console) => console.positions.includes(last ?? ''))) return
    await delay(100)
  }
}

/**
 * Each console must hold exactly the events a supervisor may see after its start position, in
 * log order: counts the consoles that do not.
 */
async function compareWithLog(databaseUrl: string, consoles: TimedConsole[]): Promise<number> {
  const { positions: log, types } = await readSupervisorLog(databaseUrl)
  let wrong = 0
  for (const console of consoles) {
    const from = log.indexOf(console.resumeFrom ?? '')
    const expected = log.slice(from + 1)
    const same =
      expected.length === console.positions.length &&
      expected.every((position, i) => console.positions[i] === position)
    if (!same) {
      if (wrong === 0) {
        const at = expected.findIndex((position, i) => console.positions[i] !== position)
        process.stderr.write(
          `first differing console: expected ${expected.length}, got ${console.positions.length}, first difference at ${at}: expected ${expected
            .slice(at, at + 3)
            .map((p) => `${p} ${types.get(p)}`)
            .join(', ')}; got ${console.positions
            .slice(at, at + 3)
            .map((p) => `${p} ${types.get(p)}`)
            .join(', ')}\n`,
        )
      }
      wrong++
    }
  }
  return wrong
}

function report(
  tally: Tally,
  consoles: TimedConsole[],
  lostOrDoubled: number,
  length: { steady: number; burst: number },
): BenchResult {
  const latencies: Record<Phase, number[]> = { steady: [], burst: [] }
  const duplicateMs: number[] = []
  for (const console of consoles) {
    for (const arrival of console.arrivals) {
      const sent = tally.sentAt.get(arrival.marker)
      if (!sent) continue
      latencies[sent.phase].push(arrival.at - sent.at)
      if (sent.duplicate) duplicateMs.push(arrival.at - sent.at)
    }
  }
  const steadyP99 = percentile(latencies.steady, 99)
  const burstP99 = percentile(latencies.burst, 99)
  const duplicateP99 = percentile(duplicateMs, 99)
  const expectedArrivals = tally.sentAt.size * consoles.length
  const arrived = latencies.steady.length + latencies.burst.length
  const clean =
    tally.errors.length === 0 &&
    tally.timeouts === 0 &&
    lostOrDoubled === 0 &&
    arrived === expectedArrivals &&
    tally.duplicatesFound === tally.duplicatesAsked &&
    duplicateP99 < DUPLICATE_LIMIT_MS
  return {
    name: `burst: ${BURST_FACTOR}× call intakes for ${length.burst} s with ${CONSOLES} consoles`,
    figure: `burst console p99 ${burstP99.toFixed(1)} ms (p50 ${percentile(latencies.burst, 50).toFixed(1)} ms)`,
    baseline: `steady console p99 ${steadyP99.toFixed(1)} ms (p50 ${percentile(latencies.steady, 50).toFixed(1)} ms)`,
    ratio: burstP99 / steadyP99,
    target: `≤ 2; no error or timeout; nothing lost or doubled; duplicates found within ${DUPLICATE_LIMIT_MS} ms`,
    met: burstP99 <= 2 * steadyP99 && clean,
    details: [
      `${tally.intakes}/${tally.sentAt.size} intakes done (${length.steady} s steady, ${length.burst} s at ${BURST_PER_SECOND}/s, ${length.steady} s steady)`,
      `offer answered: p50 ${percentile(tally.offerMs, 50).toFixed(1)} ms, p99 ${percentile(tally.offerMs, 99).toFixed(1)} ms`,
      `duplicates found ${tally.duplicatesFound}/${tally.duplicatesAsked}, on consoles p99 ${duplicateP99.toFixed(1)} ms`,
      `console arrivals ${arrived}/${expectedArrivals}; consoles whose events differ from the log: ${lostOrDoubled}`,
      `errors ${tally.errors.length}, timeouts ${tally.timeouts}${tally.errors.length > 0 ? `; first: ${tally.errors[0]}` : ''}`,
    ],
  }
}
