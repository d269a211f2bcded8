import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from '../db/schema.ts'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { insertTransactionEvents } from './event-log.repository.ts'
import type { PendingEvent } from './events.table.ts'

// A transaction takes its id at its first write, and may then wait on a record's lock while a
// younger one writes to that record and commits. Ordered by id alone, the log would show the
// record's two changes backwards; only a server runs two transactions at once.
let t: TestPlatform
let older: Kysely<Database>
let younger: Kysely<Database>
before(async () => {
  t = await startTestPlatform()
  const connect = () =>
    new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: t.database.url!, max: 1 }),
      }),
    })
  older = connect()
  younger = connect()
})
after(async () => {
  await older.destroy()
  await younger.destroy()
  await t.close()
})

const event = (stream: string, type: string, relatedStream: string | null = null) =>
  ({
    stream,
    related_stream: relatedStream,
    type,
    payload: {},
    actor_user_id: null,
    actor_position_id: null,
    audience_roles: null,
    audience_agency_ids: null,
    audience_position_id: null,
  }) satisfies PendingEvent

/** The older transaction takes its id, waits while the younger one commits, then writes. */
async function raceFor(olderEvents: PendingEvent[], youngerEvents: PendingEvent[]) {
  let tookId!: () => void
  const olderHasId = new Promise<void>((resolve) => (tookId = resolve))
  let youngerCommitted!: () => void
  const mayWrite = new Promise<void>((resolve) => (youngerCommitted = resolve))
  const first = older.transaction().execute(async (trx) => {
    await sql`select pg_current_xact_id()`.execute(trx)
    tookId()
    await mayWrite
    await insertTransactionEvents(trx, olderEvents)
  })
  await olderHasId
  await younger.transaction().execute(async (trx) => {
    await sql`select pg_current_xact_id()`.execute(trx)
    await insertTransactionEvents(trx, youngerEvents)
  })
  youngerCommitted()
  await first
}

const logOrder = async (types: string[]) =>
  (
    await sql<{ type: string }>`
      select type from events where type = any(${types}::text[]) order by tx, id`.execute(t.db)
  ).rows.map((row) => row.type)

describe('the order of a record’s events in the log', () => {
  it('puts a change committed later after the earlier one, whatever the transaction ids', async () => {
    await raceFor([event('unit:a', 'test.second')], [event('unit:a', 'test.first')])
    assert.deepEqual(await logOrder(['test.first', 'test.second']), ['test.first', 'test.second'])
  })

  it('orders an event with the other record it concerns, in both directions', async () => {
    await raceFor([event('incident:b', 'test.stacked', 'unit:b')], [event('unit:b', 'test.status')])
    await raceFor(
      [event('unit:b', 'test.status-again')],
      [event('incident:c', 'test.sent', 'unit:b')],
    )
    assert.deepEqual(
      await logOrder(['test.status', 'test.stacked', 'test.sent', 'test.status-again']),
      ['test.status', 'test.stacked', 'test.sent', 'test.status-again'],
    )
  })

  it('keeps the log apart for records no common transaction touched', async () => {
    await raceFor([event('unit:d', 'test.older')], [event('unit:e', 'test.younger')])
    // Unrelated records keep the transaction-id order: the older writer sorts first.
    assert.deepEqual(await logOrder(['test.older', 'test.younger']), ['test.older', 'test.younger'])
  })
})
