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

/** Several of the bulk statements' chunks; the speed at 200 000 is measured by `npm run bench`. */
const MANY = 20_000

describe(queueAlertDeliveries.name, () => {
  it(`queues ${MANY} deliveries with their jobs in one transaction`, async () => {
    const contacts = await buildManyContacts(t, MANY)
    const alert = await buildSendingAlert(t)
    const { queued } = await t.db
      .transaction()
      .execute((trx) => queueAlertDeliveries(trx, { id: alert.id, priority: 10 }, contacts))
    assert.equal(queued, MANY)
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pgboss.job
      where name like 'alert-%' and state = 'created' and priority = 10
    `.execute(t.db)
    assert.equal(Number(rows[0]!.n), MANY)
    assert.deepEqual(await queuedBacklog(t.db), {
      sms: MANY / 4,
      voice: MANY / 4,
      email: MANY / 4,
      tty: MANY / 4,
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
