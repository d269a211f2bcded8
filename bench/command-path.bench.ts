/**
 * The audited command path against the database alone. Figure: agent-state changes per second
 * through HTTP (session, CSRF, validation, position row locked and updated, event appended, audit
 * row written, one transaction, reply after commit). Baseline: raw `pg` transactions doing the same
 * four statements at the same concurrency on the same database. Target: ≥ 35% of the baseline.
 */
import { createHash } from 'node:crypto'
import pg from 'pg'
import { startPlatformNode, type Session } from './lib/platform-node.ts'
import { seconds, throughput, type BenchResult } from './lib/measure.ts'

const CONCURRENCY = 8
const ROUNDS = 2

export async function commandPathBench(): Promise<BenchResult> {
  const duration = seconds(10)
  const node = await startPlatformNode()
  const pool = new pg.Pool({ connectionString: node.databaseUrl, max: CONCURRENCY })
  try {
    const sessions: Session[] = []
    for (let i = 0; i < CONCURRENCY; i++) sessions.push(await node.staffAt(`B${i}`, ['dispatcher']))
    const { rows: seats } = await pool.query<{ id: string; user_id: string; code: string }>(
      `select id, user_id, code from positions where code like 'B%' order by code`,
    )

    const viaHttp = (loop: number, i: number) =>
      node
        .request(sessions[loop]!, 'POST', '/api/positions/current/state', {
          state: i % 2 === 0 ? 'not_ready' : 'ready',
          reason: `bench ${i}`,
        })
        .then(() => undefined)
    const viaPg = (loop: number, i: number) => rawStateChange(pool, seats[loop]!, i)

    // Warm both paths (JIT, connection pools, caches), then alternate to spread out noise.
    await throughput(CONCURRENCY, 2, viaHttp)
    await throughput(CONCURRENCY, 2, viaPg)
    let http = 0
    let raw = 0
    for (let round = 0; round < ROUNDS; round++) {
      raw += await throughput(CONCURRENCY, duration / ROUNDS, viaPg)
      http += await throughput(CONCURRENCY, duration / ROUNDS, viaHttp)
    }
    http /= ROUNDS
    raw /= ROUNDS
    const ratio = http / raw
    return {
      name: 'audited command path vs raw pg transaction',
      figure: `${http.toFixed(0)} commands/s over HTTP`,
      baseline: `${raw.toFixed(0)} transactions/s raw pg`,
      ratio,
      target: '≥ 0.35',
      met: ratio >= 0.35,
      details: [`${CONCURRENCY} concurrent clients, ${duration} s each side, PostgreSQL server`],
    }
  } finally {
    await pool.end()
    await node.stop()
  }
}

/** The same four statements the command runs, in one transaction, without the platform. */
async function rawStateChange(
  pool: pg.Pool,
  seat: { id: string; user_id: string; code: string },
  i: number,
): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const { rows } = await client.query<{ state: string }>(
      'select id, code, state, user_id from positions where id = $1 for update',
      [seat.id],
    )
    const state = i % 2 === 0 ? 'not_ready' : 'ready'
    await client.query(
      'update positions set user_id = $2, state = $3, state_changed_at = now() where id = $1',
      [seat.id, seat.user_id, state],
    )
    const payload = { positionId: seat.id, code: seat.code, state, previousState: rows[0]!.state }
    await client.query(
      `insert into events (stream, type, payload, actor_user_id, actor_position_id)
       values ($1, 'position.state_changed', $2, $3, $4)`,
      [`position:${seat.id}`, JSON.stringify(payload), seat.user_id, seat.id],
    )
    const at = new Date()
    const details = JSON.stringify({ from: rows[0]!.state, to: state, reason: `raw ${i}` })
    await client.query(
      `insert into audit_log (at, component, event_type, outcome, user_id, position_id,
         subject_type, subject_id, details, row_hash)
       values ($1, 'staff', 'position.state_changed', 'success', $2, $3, 'position', $4, $5, $6)`,
      [at, seat.user_id, seat.id, seat.id, details, sha256(`${at.toISOString()}${details}`)],
    )
    await client.query('commit')
  } catch (error) {
    await client.query('rollback')
    throw error
  } finally {
    client.release()
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
