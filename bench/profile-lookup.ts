/**
 * Safety profiles at scale (issue 6). BENCH_PROFILES (default 1 000 000) resident accounts, each
 * with a confirmed phone and a small safety profile, written by bulk SQL into the platform's own
 * database. Two results:
 * - lookup: p99 of the call-time path from a call's ANI to the profile (normalizePhone, then
 *   findAccountByConfirmedPhone, then the profile by account: the server's own functions, run in
 *   this process against the PostgreSQL server). Baseline: one resident_accounts row by primary
 *   key, interleaved. Target: p99 ≤ 5 ms.
 * - call to console: 200 consoles of call takers and dispatchers connected; an answering console
 *   that answers each `call.offered` and asks for the call's safety profile. p99 from just before
 *   the offer (POST /api/calls) to the profile's arrival at the answering console. Baseline: the
 *   same flow for calls from numbers with no profile, interleaved. Target: p99 ≤ 50 ms. The
 *   details split the flow into its three legs and add 40 calls placed before the consoles
 *   connect, to show what the 200 consoles cost.
 */
import { createHash } from 'node:crypto'
import WebSocket from 'ws'
import pg from 'pg'
import { normalizePhone } from '@common/domain/phone.ts'
import type { CallView } from '@common/api/calls.ts'
import type { LiveServerMessage } from '@common/api/events.ts'
import type { CallSafetyProfile } from '@common/api/safety-profiles.ts'
import { openServer, type DatabaseHandle } from '../server/db/database.ts'
import { findAccountByConfirmedPhone } from '../server/domains/residents/index.ts'
import { findProfile } from '../server/domains/safety-profiles/safety-profiles.repository.ts'
import { hashPassword } from '../server/domains/staff/passwords.ts'
import { delay, percentile, type BenchResult } from './lib/measure.ts'
import { startPlatformNode, type PlatformNode, type Session } from './lib/platform-node.ts'
import { openWatchingConsoles } from './lib/watching-consoles.ts'

const LOOKUPS = 20_000
const WARM_UP_LOOKUPS = 2_000
const LOOKUP_TARGET_P99_MS = 5
const CONSOLES = 200
const CONSOLES_PER_SESSION = 10
/** Calls from residents with a profile; as many again from numbers with none (the baseline). */
const PROFILE_CALLS = 200
const CALLS_PER_SECOND = 5
/** Calls with a profile placed before the watching consoles connect. */
const QUIET_CALLS = 40
const CONSOLE_TARGET_P99_MS = 50
const FLOW_TIMEOUT_MS = 10_000

/** Resident `i` calls from 774-2xx-xxxx; the baseline's callers from 508-555-xxxx, never stored. */
const residentNumber = (i: number) => `+1774${2_000_000 + i}`
const strangerNumber = (i: number) => `+1508555${String(i).padStart(4, '0')}`
/** Resident `i`'s account id, as the fill derives it: md5('bench-account-' || i)::uuid. */
function residentAccountId(i: number): string {
  const hex = createHash('md5').update(`bench-account-${i}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
/** The ANI as the phone system delivers it: ten digits, which the lookup normalises. */
const asAni = (e164: string) => e164.slice(2)

function profileCount(): number {
  const value = Number(process.env.BENCH_PROFILES)
  return Number.isInteger(value) && value > 0 && value <= 7_999_999 ? value : 1_000_000
}

export async function profileLookupBench(): Promise<BenchResult[]> {
  const count = profileCount()
  const node = await startPlatformNode()
  const database = await openServer(node.databaseUrl)
  try {
    const fill = await fillProfiles(node.databaseUrl, count)
    const lookup = await measureLookups(database, count)
    const toConsole = await measureCallToConsole(node, count)
    return [lookupResult(count, fill, lookup), consoleResult(count, toConsole)]
  } finally {
    await database.close()
    await node.stop()
  }
}

interface Fill {
  seconds: Record<'accounts' | 'phones' | 'profiles' | 'vacuum' | 'checkpoint', number>
  totalSeconds: number
}

/**
 * One statement per table, generate_series for the rows; account ids are derived from `i` so the
 * phones and profiles can name them without a join. Every account shares one argon2 hash.
 */
async function fillProfiles(databaseUrl: string, count: number): Promise<Fill> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const passwordHash = await hashPassword('bench-resident-password')
  const seconds = { accounts: 0, phones: 0, profiles: 0, vacuum: 0, checkpoint: 0 }
  const timed = async (part: keyof Fill['seconds'], text: string, values: unknown[] = []) => {
    const started = performance.now()
    await client.query(text, values)
    seconds[part] = (performance.now() - started) / 1000
    process.stderr.write(`profile-lookup: ${part} ${seconds[part].toFixed(1)} s\n`)
  }
  try {
    await timed(
      'accounts',
      `insert into resident_accounts (id, email, display_name, password_hash, created_at)
       select md5('bench-account-' || i)::uuid, 'resident-' || i || '@bench.example',
              'Resident ' || i, $1, now() - interval '200 days'
         from generate_series(0, $2::int - 1) as i`,
      [passwordHash, count],
    )
    await timed(
      'phones',
      `insert into resident_phones (account_id, number, label, confirmed_at, created_at)
       select md5('bench-account-' || i)::uuid, '+1774' || (2000000 + i), 'home',
              now() - interval '200 days', now() - interval '200 days'
         from generate_series(0, $1::int - 1) as i`,
      [count],
    )
    await timed(
      'profiles',
      `insert into safety_profiles (account_id, content, confirmed_at, created_at, updated_at)
       select md5('bench-account-' || i)::uuid,
              jsonb_build_object(
                'members', jsonb_build_array(jsonb_build_object(
                  'id', md5('bench-member-' || i)::uuid, 'name', 'Member ' || i, 'age', 20 + i % 70,
                  'medicalConditions', jsonb_build_array('COPD'), 'medications', jsonb_build_array('insulin'),
                  'mobilityNeeds', 'Uses a walker', 'communicationNeeds', 'Hard of hearing',
                  'languages', jsonb_build_array('English', 'Spanish'))),
                'pets', jsonb_build_array(jsonb_build_object('name', 'Toby', 'kind', 'dog', 'notes', 'Friendly')),
                'vehicles', jsonb_build_array(jsonb_build_object(
                  'make', 'Honda', 'model', 'Civic', 'color', 'blue', 'plate', 'B' || i, 'state', 'MA')),
                'home', jsonb_build_object('gasShutOff', 'Basement, left of the stairs',
                  'keyBox', 'Left of the back door', 'floorPlanNotes', 'Bedroom on the first floor'),
                'contacts', jsonb_build_array(jsonb_build_object(
                  'name', 'Contact ' || i, 'relationship', 'daughter', 'phone', '508-555-0199'))),
              now() - interval '30 days', now() - interval '200 days', now() - interval '30 days'
         from generate_series(0, $1::int - 1) as i`,
      [count],
    )
    // What a running system has: statistics, hint bits and visibility map set (else autovacuum
    // and the first reads of each page do it during the measurement), and the fill's dirty pages
    // written out rather than flushed by a checkpoint in the middle of it.
    await timed('vacuum', 'vacuum analyze resident_accounts, resident_phones, safety_profiles')
    await timed('checkpoint', 'checkpoint')
  } finally {
    await client.end()
  }
  const totalSeconds = Object.values(seconds).reduce((a, b) => a + b, 0)
  return { seconds, totalSeconds }
}

interface Lookups {
  lookupMs: number[]
  baselineMs: number[]
  misses: number
}

/** The call-time path, ANI to profile, beside a primary-key read, alternating. */
async function measureLookups(database: DatabaseHandle, count: number): Promise<Lookups> {
  const db = database.db
  const random = () => Math.floor(Math.random() * count)
  const result: Lookups = { lookupMs: [], baselineMs: [], misses: 0 }
  for (let n = 0; n < WARM_UP_LOOKUPS + LOOKUPS; n++) {
    const i = random()
    const ani = asAni(residentNumber(i))
    const started = performance.now()
    const number = normalizePhone(ani)
    const accountId = number ? await findAccountByConfirmedPhone(db, number) : null
    const profile = accountId ? await findProfile(db, accountId) : undefined
    const lookupMs = performance.now() - started
    const otherId = residentAccountId(random())
    const baselineStarted = performance.now()
    await db
      .selectFrom('resident_accounts')
      .selectAll()
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow()
    const baselineMs = performance.now() - baselineStarted
    if (n < WARM_UP_LOOKUPS) continue
    if (profile?.content.members[0]?.name !== `Member ${i}`) result.misses++
    result.lookupMs.push(lookupMs)
    result.baselineMs.push(baselineMs)
  }
  return result
}

interface Flow {
  withProfile: boolean
  /** Offer sent → profile in. */
  ms: number
  /** Its parts: offer sent → `call.offered` on the answering console; the answer's round trip; the profile's. */
  offeredMs: number
  answerMs: number
  profileMs: number
}

interface ConsoleRun {
  flows: Flow[]
  /** The same flow with a profile before the 200 consoles connect: what they cost. */
  quietFlows: Flow[]
  errors: string[]
  offersOnConsoles: number
  offersSent: number
  displayedAudits: number
}

interface Floor {
  node: PlatformNode
  phone: Session
  answerer: Session
  answering: AnsweringConsole
  /** Calls placed so far: each call's external id is unique, else the offer would be a repeat. */
  placed: number
}

/** One planned call: its ANI, and the resident whose profile it must show (null: none). */
interface PlannedCall {
  ani: string
  resident: number | null
}

/**
 * 200 consoles watch the floor; one call taker's console answers every offer and fetches the
 * safety profile. Calls alternate between residents with a profile and numbers with none. A few
 * calls first, before the consoles connect, show what the consoles add.
 */
async function measureCallToConsole(node: PlatformNode, count: number): Promise<ConsoleRun> {
  const phone = await node.staffAt('BTEL', ['integration'])
  const answerer = await node.staffAt('BANS', ['call_taker'])
  const watchers: Session[] = []
  for (let i = 0; i < CONSOLES / CONSOLES_PER_SESSION; i++) {
    watchers.push(await node.staffAt(`BW${i}`, [i % 2 === 0 ? 'call_taker' : 'dispatcher']))
  }
  const answering = await openAnsweringConsole(node.url, answerer.cookie)
  const floor: Floor = { node, phone, answerer, answering, placed: 0 }
  const callers = distinctResidents(count, PROFILE_CALLS + QUIET_CALLS)
  const resident = (i: number): PlannedCall => ({
    ani: asAni(residentNumber(callers[i]!)),
    resident: callers[i]!,
  })
  try {
    const quiet = await placeCalls(
      floor,
      Array.from({ length: QUIET_CALLS }, (_, i) => resident(PROFILE_CALLS + i)),
    )
    const consoles = await openWatchingConsoles(
      node.url,
      watchers.map((w) => w.cookie),
      CONSOLES,
    )
    try {
      await delay(1000)
      const plan = Array.from({ length: 2 * PROFILE_CALLS }, (_, n) =>
        n % 2 === 0 ? resident(n >> 1) : { ani: asAni(strangerNumber(n >> 1)), resident: null },
      )
      const { flows, errors } = await placeCalls(floor, plan)
      await delay(1000)
      return {
        flows,
        quietFlows: quiet.flows,
        errors: [...quiet.errors, ...errors],
        offersSent: plan.length,
        offersOnConsoles: await consoles.countEvents('call.offered'),
        displayedAudits: await countAudits(node.databaseUrl, 'safety_profile.displayed'),
      }
    } finally {
      await consoles.close()
    }
  } finally {
    await answering.close()
  }
}

/** Places the calls on schedule, CALLS_PER_SECOND, each flow running on its own. */
async function placeCalls(
  floor: Floor,
  plan: PlannedCall[],
): Promise<{ flows: Flow[]; errors: string[] }> {
  const flows: Flow[] = []
  const errors: string[] = []
  const running: Promise<void>[] = []
  const start = performance.now()
  for (const [n, call] of plan.entries()) {
    const wait = start + (n * 1000) / CALLS_PER_SECOND - performance.now()
    if (wait > 0) await delay(wait)
    running.push(
      oneCall(floor, call, floor.placed++)
        .then((flow) => void flows.push(flow))
        .catch((error: unknown) => void errors.push((error as Error).message)),
    )
  }
  await Promise.all(running)
  return { flows, errors }
}

/**
 * Offer → `call.offered` on the answering console → answer → GET safety-profile; the clock stops
 * when the profile is in. The call is then closed so the queue stays short.
 */
async function oneCall(
  { node, phone, answerer, answering }: Floor,
  { ani, resident }: PlannedCall,
  n: number,
): Promise<Flow> {
  const offered = answering.expect(ani)
  const sent = performance.now()
  const offer = node.request(phone, 'POST', '/api/calls', {
    externalId: `profile-bench-${n}`,
    line: '911',
    ani,
    classOfService: 'RESD',
    location: {
      source: 'ali',
      civic: { houseNumber: String(10 + n), street: 'Elm', streetType: 'St', town: 'Worcester' },
      point: { lat: 42.27, lon: -71.8, uncertaintyM: 20 },
    },
  }) as Promise<CallView>
  // Awaited below; if the offer event never comes, its failure must not go unhandled meanwhile.
  offer.catch(() => undefined)
  const callId = await withTimeout(offered, `call.offered for ${ani}`)
  const offeredAt = performance.now()
  await node.request(answerer, 'POST', `/api/calls/${callId}/answer`, {})
  const answeredAt = performance.now()
  const shown = (await node.request(
    answerer,
    'GET',
    `/api/calls/${callId}/safety-profile`,
  )) as CallSafetyProfile
  const shownAt = performance.now()
  await offer
  await node.request(answerer, 'POST', `/api/calls/${callId}/close`, { disposition: 'misdial' })
  if (resident === null) {
    if (shown.available) throw new Error(`call ${n} from a stranger showed a profile`)
  } else if (shown.profile?.members[0]?.name !== `Member ${resident}`) {
    throw new Error(
      `call ${n}: expected Member ${resident}'s profile, got ${JSON.stringify(shown)}`,
    )
  }
  return {
    withProfile: resident !== null,
    ms: shownAt - sent,
    offeredMs: offeredAt - sent,
    answerMs: answeredAt - offeredAt,
    profileMs: shownAt - answeredAt,
  }
}

interface AnsweringConsole {
  /** Resolves with the call's id when `call.offered` for this ANI arrives. */
  expect(ani: string): Promise<string>
  close(): Promise<void>
}

/** A console that reacts to each offer as it arrives (the test console only records them). */
async function openAnsweringConsole(baseUrl: string, cookie: string): Promise<AnsweringConsole> {
  const url = new URL('/api/live', baseUrl.replace(/^http/, 'ws'))
  url.searchParams.set('after', 'end')
  const socket = new WebSocket(url, { headers: { cookie } })
  const waiting = new Map<string, (callId: string) => void>()
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as LiveServerMessage
    if (message.type !== 'event' || message.event.type !== 'call.offered') return
    const payload = message.event.payload as { ani?: string; callId?: string }
    const resolve = waiting.get(payload.ani ?? '')
    if (!resolve || !payload.callId) return
    waiting.delete(payload.ani!)
    resolve(payload.callId)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  return {
    expect: (ani) => new Promise((resolve) => waiting.set(ani, resolve)),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve()
        socket.once('close', () => resolve())
        socket.close()
      }),
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nothing in ${FLOW_TIMEOUT_MS} ms`)),
      FLOW_TIMEOUT_MS,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** `wanted` different residents, picked at random from the whole million. */
function distinctResidents(count: number, wanted: number): number[] {
  const chosen = new Set<number>()
  while (chosen.size < Math.min(wanted, count)) chosen.add(Math.floor(Math.random() * count))
  return [...chosen]
}

async function countAudits(databaseUrl: string, eventType: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from audit_log where event_type = $1',
      [eventType],
    )
    return rows[0]!.n
  } finally {
    await client.end()
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`
const thousands = (value: number) => value.toLocaleString('en-US').replace(/,/g, ' ')

function lookupResult(count: number, fill: Fill, lookup: Lookups): BenchResult {
  const p99 = percentile(lookup.lookupMs, 99)
  const baselineP99 = percentile(lookup.baselineMs, 99)
  const parts = Object.entries(fill.seconds)
    .map(([part, s]) => `${part} ${s.toFixed(1)} s`)
    .join(', ')
  return {
    name: `safety profile lookup by phone among ${thousands(count)} profiles`,
    figure: `p99 ${ms(p99)} (p50 ${ms(percentile(lookup.lookupMs, 50))})`,
    baseline: `resident_accounts by primary key p99 ${ms(baselineP99)} (p50 ${ms(percentile(lookup.baselineMs, 50))})`,
    ratio: p99 / baselineP99,
    target: `p99 ≤ ${LOOKUP_TARGET_P99_MS} ms, every profile found`,
    met: p99 <= LOOKUP_TARGET_P99_MS && lookup.misses === 0,
    details: [
      `fill: ${thousands(count)} accounts, confirmed phones and profiles in ${fill.totalSeconds.toFixed(1)} s (${parts})`,
      `${thousands(lookup.lookupMs.length)} lookups of random numbers (after ${thousands(WARM_UP_LOOKUPS)} to warm up), one at a time; ${lookup.misses} not found`,
    ],
  }
}

function consoleResult(count: number, run: ConsoleRun): BenchResult {
  const withProfile = run.flows.filter((f) => f.withProfile)
  const withNone = run.flows.filter((f) => !f.withProfile)
  const profile = withProfile.map((f) => f.ms)
  const none = withNone.map((f) => f.ms)
  const quiet = run.quietFlows.map((f) => f.ms)
  const part = (flows: Flow[], key: 'offeredMs' | 'answerMs' | 'profileMs') => {
    const values = flows.map((f) => f[key])
    return `p50 ${percentile(values, 50).toFixed(1)} / p99 ${percentile(values, 99).toFixed(1)}`
  }
  const parts = (flows: Flow[]) =>
    `offer → call.offered ${part(flows, 'offeredMs')}, answer ${part(flows, 'answerMs')}, profile ${part(flows, 'profileMs')} ms`
  const p99 = percentile(profile, 99)
  const baselineP99 = percentile(none, 99)
  const expectedOnConsoles = run.offersSent * CONSOLES
  return {
    name: `call offered to safety profile on the answering console, ${CONSOLES} consoles, ${thousands(count)} profiles`,
    figure: `p99 ${ms(p99)} (p50 ${ms(percentile(profile, 50))})`,
    baseline: `same flow, caller with no profile: p99 ${ms(baselineP99)} (p50 ${ms(percentile(none, 50))})`,
    ratio: p99 / baselineP99,
    target: `p99 ≤ ${CONSOLE_TARGET_P99_MS} ms, no error, every display audited`,
    met:
      p99 <= CONSOLE_TARGET_P99_MS &&
      run.errors.length === 0 &&
      profile.length === PROFILE_CALLS &&
      run.displayedAudits === PROFILE_CALLS + QUIET_CALLS,
    details: [
      `${run.offersSent} calls at ${CALLS_PER_SECOND}/s alternating profile / no profile; each answered, profile fetched, call closed`,
      `with a profile: ${parts(withProfile)}`,
      `with none: ${parts(withNone)}`,
      `before the ${CONSOLES} consoles connected (${run.quietFlows.length} calls with a profile): offer to profile p50 ${percentile(quiet, 50).toFixed(1)} / p99 ${percentile(quiet, 99).toFixed(1)} ms; ${parts(run.quietFlows)}`,
      `errors: ${run.errors.length === 0 ? 'none' : `${run.errors.length}: ${run.errors.slice(0, 2).join(' | ')}`}`,
      `call.offered on the ${CONSOLES} watching consoles: ${run.offersOnConsoles} of ${expectedOnConsoles}`,
      `safety_profile.displayed audit rows: ${run.displayedAudits} of ${PROFILE_CALLS + QUIET_CALLS}`,
    ],
  }
}
