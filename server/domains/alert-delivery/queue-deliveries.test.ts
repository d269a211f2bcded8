import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { queuedBacklog } from './delivery-report.service.ts'
import { buildManyContacts, buildSendingAlert } from './delivery-fixtures.ts'
import { exchangeOf, queueAlertDeliveries } from './queue-deliveries.ts'

/** Nothing sends here (delivery is off on test platforms): the queue is looked at as it stands. */
let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const BLAST = Number(process.env.ECC_ALERT_BLAST ?? 200_000)
/**
 * The promise is 10 s on PostgreSQL, where production runs. The embedded database runs inside
 * this very process (WebAssembly, one thread), so on a shared test machine it gets more room.
 */
const LIMIT_SECONDS = process.env.ECC_TEST_DATABASE === 'server' ? 10 : 15

describe(queueAlertDeliveries.name, () => {
  it(`queues ${BLAST} deliveries with their jobs within ${LIMIT_SECONDS} s, in one transaction`, async (context) => {
    const contacts = await buildManyContacts(t, BLAST)
    const alert = await buildSendingAlert(t)
    const started = performance.now()
    const { queued } = await t.db
      .transaction()
      .execute((trx) => queueAlertDeliveries(trx, { id: alert.id, priority: 10 }, contacts))
    const seconds = (performance.now() - started) / 1000
    context.diagnostic(`${BLAST} deliveries queued in ${seconds.toFixed(1)} s`)
    assert.equal(queued, BLAST)
    assert.ok(seconds <= LIMIT_SECONDS, `queueing took ${seconds.toFixed(1)} s`)
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pgboss.job
      where name like 'alert-%' and state = 'created' and priority = 10
    `.execute(t.db)
    assert.equal(Number(rows[0]!.n), BLAST)
    assert.deepEqual(await queuedBacklog(t.db), {
      sms: BLAST / 4,
      voice: BLAST / 4,
      email: BLAST / 4,
      tty: BLAST / 4,
    })
  })
})

describe(exchangeOf.name, () => {
  it('is the NPA-NXX of a North American number, and nothing for others', () => {
    assert.equal(exchangeOf('+15085551234'), '508-555')
    assert.equal(exchangeOf('+442071234567'), null)
    assert.equal(exchangeOf('ana@example.org'), null)
  })
})
