/**
 * Records requests at scale (issue 8). BENCH_RECORDS_CALLS (default 100 000) 911 calls spread
 * over a year, each with a location and a recording's metadata row, written by bulk SQL into a
 * fresh database on the PostgreSQL server. Measured: the clerk's candidate search (the server's
 * own `findCandidateCalls`: the window query, scoring, and the recording counts), for requests
 * that describe a random call; four in five give a 20-minute window, one in five the whole day.
 * Baseline: one calls row by primary key, interleaved. Target: p99 ≤ 100 ms. The details show the
 * plan of the window query, which must use an index on calls (arrived_at).
 */
import { sql } from 'kysely'
import pg from 'pg'
import { openServer } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { countRecordingsByCall } from '../server/domains/recordings/index.ts'
import { findCandidateCalls, callWindow } from '../server/domains/records-requests/candidates.ts'
import { localDateOf } from '../server/domains/records-requests/local-time.ts'
import { callsArrivedBetweenQuery } from '../server/domains/records-requests/records-requests.repository.ts'
import { createServerDatabase } from '../server/test/test-database.ts'
import { percentile, type BenchResult } from './lib/measure.ts'

const SEARCHES = 2_000
const WARM_UP = 200
const TARGET_P99_MS = 100
const ZONE = 'America/New_York'
const YEAR_MS = 365 * 86_400_000

function callCount(): number {
  const value = Number(process.env.BENCH_RECORDS_CALLS)
  return Number.isInteger(value) && value > 0 ? value : 100_000
}

export async function recordsCandidatesBench(): Promise<BenchResult> {
  const count = callCount()
  const database = await createServerDatabase()
  const handle = await openServer(database.url)
  try {
    await migrate(handle.db)
    const start = new Date(Date.now() - YEAR_MS - 86_400_000)
    const fillSeconds = await fill(database.url, count, start)
    const db = handle.db
    const calls = await db.selectFrom('calls').select(['id', 'ani', 'arrived_at']).execute()
    const locations = new Map(
      (await db.selectFrom('call_locations').select(['call_id', 'location_text']).execute()).map(
        (row) => [row.call_id, row.location_text ?? ''],
      ),
    )
    const searchMs: number[] = []
    const baselineMs: number[] = []
    let found = 0
    let candidates = 0
    for (let n = 0; n < WARM_UP + SEARCHES; n++) {
      const call = calls[Math.floor(Math.random() * calls.length)]!
      const description = describe(call, locations.get(call.id) ?? '', n % 5 === 4)
      const started = performance.now()
      const result = await findCandidateCalls(db, description, ZONE, (ids) =>
        countRecordingsByCall(db, ids),
      )
      const ms = performance.now() - started
      const other = calls[Math.floor(Math.random() * calls.length)]!
      const baselineStarted = performance.now()
      await db.selectFrom('calls').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow()
      const baseline = performance.now() - baselineStarted
      if (n < WARM_UP) continue
      searchMs.push(ms)
      baselineMs.push(baseline)
      candidates += result.length
      if (result[0]?.callId === call.id) found++
    }
    const sample = calls[0]!
    const window = callWindow(describe(sample, '', false), ZONE)
    const plan = (
      await sql<{
        'QUERY PLAN': string
      }>`explain ${callsArrivedBetweenQuery(window.from, window.to, 5000)}`.execute(db)
    ).rows.map((row) => row['QUERY PLAN'])
    const usesIndex =
      plan.some((line) => /Index (Only )?Scan using calls_(by_arrival|open)/.test(line)) &&
      !plan.some((line) => /Seq Scan on calls\b/.test(line))
    const p99 = percentile(searchMs, 99)
    const baselineP99 = percentile(baselineMs, 99)
    return {
      name: `records-request candidate search among ${count.toLocaleString('en-US')} calls`,
      figure: `p99 ${p99.toFixed(2)} ms (p50 ${percentile(searchMs, 50).toFixed(2)} ms)`,
      baseline: `calls by primary key p99 ${baselineP99.toFixed(2)} ms (p50 ${percentile(baselineMs, 50).toFixed(2)} ms)`,
      ratio: p99 / baselineP99,
      target: `p99 ≤ ${TARGET_P99_MS} ms, the window query on an index`,
      met: p99 <= TARGET_P99_MS && usesIndex,
      details: [
        `fill: ${count.toLocaleString('en-US')} calls with locations and recording rows in ${fillSeconds.toFixed(1)} s`,
        `${SEARCHES} searches (after ${WARM_UP} to warm up), one at a time; the described call ranked first in ${found}; ${(candidates / SEARCHES).toFixed(1)} candidates on average`,
        `window query plan: ${plan.map((line) => line.trim()).join(' | ')}`,
      ],
    }
  } finally {
    await handle.close()
    await database.drop()
  }
}

/** What a requester would say of a call: its local date, a window around it, number, street. */
function describe(
  call: { ani: string | null; arrived_at: Date },
  location: string,
  wholeDay: boolean,
) {
  const date = localDateOf(call.arrived_at, ZONE)
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(call.arrived_at)
  const [hh, mm] = local.split(':').map(Number) as [number, number]
  const minutes = hh * 60 + mm
  const clamp = (m: number) => Math.max(0, Math.min(23 * 60 + 59, m))
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  return {
    callDate: date,
    timeFrom: wholeDay ? '00:00' : hhmm(clamp(minutes - 10)),
    timeTo: wholeDay ? '23:59' : hhmm(clamp(minutes + 10)),
    callingNumber: call.ani ?? '+15085550000',
    location: location.split(',')[0] ?? location,
  }
}

/** One statement per table: calls over the year, a location and a recording row for each. */
async function fill(url: string, count: number, start: Date): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = performance.now()
  try {
    await client.query(
      `insert into calls (line, ani, status, arrived_at, released_at)
       select '911', '+1508' || (2000000 + (i * 7919) % 60000), 'released',
              $1::timestamptz + (i * $2::double precision) * interval '1 millisecond',
              $1::timestamptz + (i * $2::double precision) * interval '1 millisecond' + interval '3 minutes'
         from generate_series(0, $3::int - 1) as i`,
      [start, YEAR_MS / count, count],
    )
    await client.query(
      `insert into call_locations (call_id, source, location_text, town, received_at, is_primary)
       select id, 'ali', (1 + abs(hashtext(id::text)) % 400) || ' ' ||
              (array['Main St', 'Park Ave', 'Elm St', 'Chandler St', 'Grove St', 'Highland St',
                     'Pleasant St', 'Lincoln St', 'Shrewsbury St', 'Belmont St'])[1 + abs(hashtext(id::text || 's')) % 10]
              || ', Worcester', 'Worcester', arrived_at, true
         from calls`,
    )
    await client.query(
      `insert into recordings (call_id, kind, content_type, encoding, sample_rate, channels,
                               duration_ms, byte_size, sha256, storage_path, started_at, source,
                               retain_until, created_at)
       select id, 'audio', 'audio/wav', 'pcmu', 8000, 1, 180000, 1440044,
              md5(id::text) || md5(id::text || 'x'), 'bench/' || id || '.wav', arrived_at, 'sip',
              arrived_at + interval '3 years', arrived_at
         from calls`,
    )
    await client.query('vacuum analyze calls, call_locations, recordings')
    await client.query('checkpoint')
  } finally {
    await client.end()
  }
  return (performance.now() - started) / 1000
}
