import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { DeliveryReport } from '@common/api/alerts.ts'
import { sql } from 'kysely'
import PgBoss from 'pg-boss'
import pino from 'pino'
import { buildPlatform } from '../../app.ts'
import { loadConfig } from '../../config.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { takeLease } from './alert-delivery.repository.ts'
import { bossExecutor, insertDeliveryJobs, queueName } from './delivery-jobs.ts'
import { buildContacts, buildSendingAlert, phone } from './delivery-fixtures.ts'
import {
  startProviderStandIn,
  startSmtpStandIn,
  type ProviderStandIn,
  type ReceivedMail,
} from './delivery-stand-ins.ts'
import { queueAlertDeliveries, type DeliveryToQueue } from './queue-deliveries.ts'

let t: TestPlatform
let provider: ProviderStandIn
let smtp: { url: string; mails: ReceivedMail[]; close: () => Promise<void> }
const RATES = { sms: 100, voice: 50, email: 100, tty: 50 }
const EXCHANGE_RATE = 20

before(async () => {
  provider = await startProviderStandIn('provider-secret')
  smtp = await startSmtpStandIn()
  const defaults = loadConfig({ NODE_ENV: 'test' })
  t = await startTestPlatform({
    messageProvider: { url: provider.url, token: provider.token },
    alerts: {
      ...defaults.alerts,
      deliveryEnabled: true,
      rates: RATES,
      exchangeRate: EXCHANGE_RATE,
      attempts: { voice: 3, other: 2 },
      retrySeconds: 0,
      smtpUrl: smtp.url,
      emailFrom: 'alerts@city.example',
      publicUrl: 'https://alerts.city.example',
    },
  })
  provider.sendReceipt = async (body) => {
    const answer = await t.request('POST', '/api/alert-provider/receipts', body, {
      authorization: `Bearer ${provider.token}`,
    })
    assert.equal(answer.statusCode, 200, answer.body)
  }
})
after(async () => {
  await t.close()
  await provider.close()
  await smtp.close()
})

async function queue(alertId: string, deliveries: DeliveryToQueue[], priority = 10) {
  return t.db
    .transaction()
    .execute((trx) => queueAlertDeliveries(trx, { id: alertId, priority }, deliveries))
}

function deliveriesOf(alertId: string) {
  return t.db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('alert_id', '=', alertId)
    .orderBy('address')
    .execute()
}

/** Waits until every delivery of the alert is finished, and the receipts on their way are in. */
async function drained(alertId: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    await Promise.all(provider.inFlight)
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from alert_deliveries
      where alert_id = ${alertId} and status in ('queued', 'sending')
    `.execute(t.db)
    if (Number(rows[0]!.n) === 0 && provider.inFlight.size === 0) {
      // Quiet for a moment: no receipt brought another attempt.
      await new Promise((resolve) => setTimeout(resolve, 150))
      const again = await sql<{ n: string }>`
        select count(*) as n from alert_deliveries
        where alert_id = ${alertId} and status in ('queued', 'sending')
      `.execute(t.db)
      if (Number(again.rows[0]!.n) === 0 && provider.inFlight.size === 0) return
    }
    if (Date.now() > until) throw new Error(`alert ${alertId} did not drain`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function waitFor<T>(look: () => Promise<T | null | undefined | false>, what: string) {
  const until = Date.now() + 10_000
  for (;;) {
    const value = await look()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe(queueAlertDeliveries.name, () => {
  it('queues one delivery and one job per contact, and nothing more when queued again', async () => {
    provider.behaviour = { perSecond: 1_000, failAttempts: () => false, receipt: () => null }
    const alert = await buildSendingAlert(t)
    const contacts = await buildContacts(t, [
      { channel: 'sms', address: phone('508-555', 1) },
      { channel: 'voice', address: phone('508-555', 2) },
      { channel: 'email', address: 'ana@example.org' },
    ])
    assert.deepEqual(await queue(alert.id, contacts), { queued: 3 })
    assert.deepEqual(await queue(alert.id, contacts), { queued: 0 })
    const rows = await deliveriesOf(alert.id)
    assert.equal(rows.length, 3)
    assert.deepEqual(
      rows.map((row) => [row.channel, row.exchange]),
      [
        ['sms', '508-555'],
        ['voice', '508-555'],
        ['email', null],
      ],
    )
    const { rows: jobs } = await sql<{ id: string; name: string; priority: number }>`
      select id, name, priority from pgboss.job where id = any(${rows.map((r) => r.id)}::uuid[])
    `.execute(t.db)
    assert.equal(jobs.length, 3)
    for (const job of jobs) {
      const row = rows.find((r) => r.id === job.id)!
      assert.equal(job.name, queueName(row.channel))
      assert.equal(job.priority, 10)
    }
    await drained(alert.id)
    assert.equal(
      provider.accepted.filter((m) => rows.some((r) => r.id === m.id)).length,
      2,
      'the text and the call went once each',
    )
  })

  it('writes nothing when the transaction it is part of rolls back', async () => {
    const alert = await buildSendingAlert(t)
    const contacts = await buildContacts(t, [{ channel: 'sms', address: phone('508-557', 1) }])
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await queueAlertDeliveries(trx, { id: alert.id, priority: 0 }, contacts)
        throw new Error('the send failed after queueing')
      }),
    )
    assert.equal((await deliveriesOf(alert.id)).length, 0)
  })
})

describe('e-mail alerts over SMTP', () => {
  it('sends the headline as subject, the text, and the unsubscribe link in List-Unsubscribe', async () => {
    const alert = await buildSendingAlert(t)
    const [contact] = await buildContacts(t, [{ channel: 'email', address: 'rui@example.org' }])
    await queue(alert.id, [contact!])
    await drained(alert.id)
    const token = await t.db
      .selectFrom('alert_subscribers')
      .select('unsubscribe_token')
      .where('id', '=', contact!.subscriberId)
      .executeTakeFirstOrThrow()
    const mail = smtp.mails.find((m) => m.to.includes('rui@example.org'))
    assert.ok(mail, 'the SMTP server got the message')
    assert.equal(mail.from, 'alerts@city.example')
    const unfolded = mail.raw.replace(/\r\n[ \t]+/g, ' ')
    const link = `https://alerts.city.example/api/alerts/unsubscribe?token=${token.unsubscribe_token}`
    assert.match(unfolded, /^Subject: Boil water order for Greendale$/m)
    assert.ok(unfolded.includes(`List-Unsubscribe: <${link}>`), unfolded)
    assert.ok(unfolded.includes('Boil water for one minute before drinking.'))
    assert.ok(unfolded.replace(/=\r\n/g, '').includes(link), 'the link is in the text')
    const [row] = await deliveriesOf(alert.id)
    assert.deepEqual([row!.status, row!.attempts], ['sent', 1])
    assert.match(row!.provider_id ?? '', new RegExp(row!.id))
  })

  it('says EXERCISE first, and gives the test list no unsubscribe link', async () => {
    const alert = await buildSendingAlert(t, { status: 'Exercise' })
    const [contact] = await buildContacts(t, [{ channel: 'email', address: 'ex@example.org' }])
    await queue(alert.id, [contact!])
    await drained(alert.id)
    const mail = smtp.mails.find((m) => m.to.includes('ex@example.org'))
    assert.ok(mail, 'the SMTP server got the message')
    assert.match(mail.raw, /^Subject: EXERCISE: Boil water order for Greendale$/m)
    assert.doesNotMatch(mail.raw, /List-Unsubscribe|unsubscribe\?token=/)
  })
})

describe('texts, calls and TTY through the provider', () => {
  let alertId: string
  const answersSecond = (n: number) => phone('617-555', n)
  const neverAnswers = phone('617-556', 1)
  const alwaysBroken = phone('508-558', 1)
  const flaky = (n: number) => phone('508-559', n)

  it('sends each once, retries a 5xx, waits out 429s and calls again after no answer', async () => {
    provider.behaviour = {
      perSecond: 60,
      // A busy start, so that a slow machine too meets a 429 whatever its own pace.
      busyFirst: 3,
      failAttempts: (to, attempt) =>
        to === alwaysBroken || (to.startsWith('+1508559') && attempt === 1),
      receipt: (message, attempt) =>
        message.channel !== 'voice'
          ? 'delivered'
          : message.to === neverAnswers
            ? 'no_answer'
            : attempt === 1
              ? 'no_answer'
              : 'delivered',
    }
    const refusedBefore = provider.refused.length
    const alert = await buildSendingAlert(t)
    alertId = alert.id
    const contacts = await buildContacts(t, [
      ...Array.from({ length: 80 }, (_, i) => ({
        channel: 'sms' as const,
        address: phone('508-560', i),
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ channel: 'sms' as const, address: flaky(i) })),
      { channel: 'sms', address: alwaysBroken },
      ...Array.from({ length: 20 }, (_, i) => ({
        channel: 'tty' as const,
        address: phone('774-555', i),
        language: 'es',
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        channel: 'voice' as const,
        address: answersSecond(i),
      })),
      { channel: 'voice', address: neverAnswers },
    ])
    assert.deepEqual(await queue(alert.id, contacts), { queued: 112 })
    await drained(alert.id)

    const rows = await deliveriesOf(alert.id)
    const sentTimes = new Map<string, number>()
    for (const message of provider.accepted) {
      sentTimes.set(message.id, (sentTimes.get(message.id) ?? 0) + 1)
    }
    for (const row of rows) {
      // The provider took each delivery exactly as often as it was attempted and not refused.
      const expected = row.channel === 'voice' ? row.attempts : row.status === 'failed' ? 0 : 1
      assert.equal(sentTimes.get(row.id) ?? 0, expected, `${row.channel} ${row.address}`)
    }
    const byAddress = new Map(rows.map((row) => [row.address, row]))
    for (let i = 0; i < 5; i++) {
      const call = byAddress.get(answersSecond(i))!
      assert.deepEqual([call.status, call.attempts], ['delivered', 2])
      const text = byAddress.get(flaky(i))!
      assert.deepEqual([text.status, text.attempts], ['delivered', 2])
    }
    const unanswered = byAddress.get(neverAnswers)!
    assert.deepEqual(
      [unanswered.status, unanswered.attempts, unanswered.last_error],
      ['failed', 3, 'no_answer'],
    )
    assert.ok(unanswered.failed_at)
    const broken = byAddress.get(alwaysBroken)!
    assert.deepEqual(
      [broken.status, broken.attempts, broken.last_error],
      ['failed', 2, 'provider answered 500'],
    )
    const refused = provider.refused.slice(refusedBefore)
    assert.ok(
      refused.some((r) => r.status === 429),
      'the provider asked to slow down at least once',
    )
    const tty = provider.accepted.find((m) => m.channel === 'tty' && m.to === phone('774-555', 0))!
    assert.match(tty.body, /^ORDEN DE HERVIR EL AGUA EN GREENDALE\./)
    assert.equal(tty.language, 'es')
    const text = provider.accepted.find((m) => m.to === phone('508-560', 0))!
    assert.equal(
      text.body,
      'Boil water order in Greendale until further notice. Reply STOP to end.',
    )
  })

  it('reports each channel and the minutes, and marks the alert sent', async () => {
    const operator = await staffWith(t, ['alert_operator'])
    const answer = await operator.request('GET', `/api/alerts/${alertId}/deliveries/report`)
    assert.equal(answer.statusCode, 200, answer.body)
    const report = answer.json<DeliveryReport>()
    const line = (channel: string) => report.channels.find((c) => c.channel === channel)!
    assert.deepEqual(
      report.channels.map((c) => c.channel),
      ['sms', 'voice', 'tty'],
    )
    assert.deepEqual(
      (({ total, attempted, delivered, sent, failed, retried, pending }) => ({
        total,
        attempted,
        delivered,
        sent,
        failed,
        retried,
        pending,
      }))(line('sms')),
      { total: 86, attempted: 86, delivered: 85, sent: 0, failed: 1, retried: 6, pending: 0 },
    )
    assert.deepEqual(
      [line('voice').total, line('voice').delivered, line('voice').failed, line('voice').retried],
      [6, 5, 1, 6],
    )
    assert.deepEqual([line('tty').total, line('tty').delivered], [20, 20])
    assert.ok(line('sms').completedAt && line('sms').firstAttemptAt)
    const done = report.timeline.reduce((sum, minute) => sum + minute.done, 0)
    const failed = report.timeline.reduce((sum, minute) => sum + minute.failed, 0)
    assert.deepEqual([done, failed], [112, 2])

    const state = await waitFor(async () => {
      const row = await t.db
        .selectFrom('alerts')
        .select('state')
        .where('id', '=', alertId)
        .executeTakeFirstOrThrow()
      return row.state === 'sent' ? row.state : null
    }, 'the alert to be marked sent')
    assert.equal(state, 'sent')
    const progress = await waitFor(async () => {
      const events = await t.db
        .selectFrom('events')
        .select(['payload', 'audience_roles'])
        .where('type', '=', 'alert.delivery_progress')
        .where('stream', '=', `alert:${alertId}`)
        .execute()
      const last = events.at(-1)?.payload as { done: number; failed: number } | undefined
      return last && last.done === 112 && last.failed === 2 ? events : null
    }, 'the last progress event')
    assert.deepEqual(progress.at(-1)!.payload, { alertId, done: 112, total: 112, failed: 2 })
    assert.deepEqual(progress.at(-1)!.audience_roles, [
      'alert_operator',
      'supervisor',
      'administrator',
    ])
  })

  it('exports one CSV line per delivery, with the export audited', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const answer = await supervisor.request('GET', `/api/alerts/${alertId}/deliveries.csv`)
    assert.equal(answer.statusCode, 200, answer.body)
    assert.match(answer.headers['content-type'] as string, /^text\/csv/)
    assert.match(answer.headers['content-disposition'] as string, /-deliveries\.csv"$/)
    const lines = answer.body.trimEnd().split('\r\n')
    assert.equal(
      lines[0],
      'channel,address,language,status,attempts,queued_at,first_attempt_at,last_attempt_at,sent_at,delivered_at,failed_at,provider_id,last_error',
    )
    assert.equal(lines.length, 113)
    const unanswered = lines.find((l) => l.includes(neverAnswers))!
    assert.match(unanswered, /^voice,\+16175560001,en,failed,3,/)
    assert.match(unanswered, /,no_answer$/)
    const audit = (await auditRows(t, 'alert.deliveries_exported')).at(-1)
    assert.equal(audit?.subject_id, alertId)
  })

  it('never sends a delivery again when another job for it comes', async () => {
    const [row] = await t.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('alert_id', '=', alertId)
      .where('status', '=', 'delivered')
      .where('channel', '=', 'sms')
      .limit(1)
      .execute()
    const before = provider.accepted.length
    const jobId = randomUUID()
    await insertDeliveryJobs(t.db, [{ id: jobId, channel: 'sms', deliveryId: row!.id }], 0)
    await waitFor(async () => {
      const { rows } = await sql<{ state: string }>`
        select state from pgboss.job where id = ${jobId}
      `.execute(t.db)
      return rows[0]?.state === 'completed'
    }, 'the extra job to be completed')
    assert.equal(provider.accepted.length, before)
  })
})

describe('a node that died while sending', () => {
  it('leaves jobs that pg-boss gives back after their expiry, and none is sent twice', async () => {
    provider.behaviour = { perSecond: 10_000, failAttempts: () => false, receipt: () => null }
    const alert = await buildSendingAlert(t)
    const contacts = await buildContacts(t, [
      { channel: 'sms', address: phone('413-555', 1) },
      { channel: 'sms', address: phone('413-555', 2) },
    ])
    const [sentBefore, takenOnly] = [contacts[0]!.address, contacts[1]!.address]
    // As the dead node left them: both jobs active for long; one message had gone out.
    await t.db.transaction().execute(async (trx) => {
      await queueAlertDeliveries(trx, { id: alert.id, priority: 10 }, contacts)
      await sql`
        update pgboss.job set state = 'active', started_on = now() - interval '1 hour'
        where id in (select id from alert_deliveries where alert_id = ${alert.id})
      `.execute(trx)
      await sql`
        update alert_deliveries
        set status = case when address = ${sentBefore} then 'sent' else 'sending' end,
            attempts = case when address = ${sentBefore} then 1 else 0 end,
            provider_id = case when address = ${sentBefore} then 'gone-node-1' end
        where alert_id = ${alert.id}
      `.execute(trx)
    })
    const before = provider.accepted.length
    // What pg-boss's maintenance does on any node: expired jobs go back to their queue.
    await new PgBoss({ db: bossExecutor(t.db) }).expire()
    await drained(alert.id)
    await waitFor(async () => {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pgboss.job
        where id in (select id from alert_deliveries where alert_id = ${alert.id})
          and state = 'completed'
      `.execute(t.db)
      return Number(rows[0]!.n) === 2
    }, 'both jobs to be completed')
    const sent = provider.accepted.slice(before).map((m) => m.to)
    assert.deepEqual(sent, [takenOnly], 'only the message that never went out was sent')
    const rows = await deliveriesOf(alert.id)
    assert.deepEqual(
      rows.map((row) => [row.address, row.status, row.attempts]),
      [
        [sentBefore, 'sent', 1],
        [takenOnly, 'sent', 1],
      ],
    )
  })
})

describe('throttles', () => {
  it('holds a channel to its rate and calls into one exchange to the exchange rate', async () => {
    provider.behaviour = { perSecond: 10_000, failAttempts: () => false, receipt: () => null }
    const alert = await buildSendingAlert(t, { noticeCategory: 'weather' })
    const texts = 300
    const calls = 40
    const contacts = await buildContacts(t, [
      ...Array.from({ length: texts }, (_, i) => ({
        channel: 'sms' as const,
        address: phone('978-555', i),
      })),
      ...Array.from({ length: calls }, (_, i) => ({
        channel: 'voice' as const,
        address: phone('978-556', i),
      })),
    ])
    await queue(alert.id, contacts, 0)
    await drained(alert.id)
    const times = (channel: string) =>
      provider.accepted
        .filter((m) => m.channel === channel && contacts.some((c) => c.address === m.to))
        .map((m) => m.at)
    const span = (at: number[]) => (Math.max(...at) - Math.min(...at)) / 1000
    const sms = times('sms')
    assert.equal(sms.length, texts)
    // 300 at 100/s take about 3 s (the first fifth of a second may go at once): never less.
    // How close to the rate a sender keeps is measured by the blast benchmark, not here.
    const smsSeconds = span(sms)
    assert.ok(smsSeconds > 2.6, `texts took ${smsSeconds} s`)
    // 40 calls into one exchange at 20/s: about 2 s, though the channel allows 50/s.
    const voiceSeconds = span(times('voice'))
    assert.ok(voiceSeconds > 1.75, `calls took ${voiceSeconds} s`)
  })
})

describe('GET /api/alerts/:id/deliveries/report', () => {
  it('answers 401 without a session', async () => {
    const answer = await t.request('GET', `/api/alerts/${randomUUID()}/deliveries/report`)
    assert.equal(answer.statusCode, 401)
  })

  it('answers 400 naming the id when it is not one', async () => {
    const operator = await staffWith(t, ['alert_operator'])
    const answer = await operator.request('GET', '/api/alerts/nope/deliveries/report')
    assert.equal(answer.statusCode, 400)
    assert.equal(answer.json<{ error: { field: string } }>().error.field, 'id')
  })

  it('refuses a call taker with 403, and the CSV too', async () => {
    const alert = await buildSendingAlert(t)
    const calltaker = await staffWith(t, ['call_taker'])
    const report = await calltaker.request('GET', `/api/alerts/${alert.id}/deliveries/report`)
    assert.equal(report.statusCode, 403)
    const csv = await calltaker.request('GET', `/api/alerts/${alert.id}/deliveries.csv`)
    assert.equal(csv.statusCode, 403)
    const denials = await auditRows(t, 'access.denied')
    assert.ok(denials.some((row) => row.subject_id?.includes('/deliveries.csv')))
  })

  it('answers 404 for an alert that does not exist', async () => {
    const operator = await staffWith(t, ['administrator'])
    const answer = await operator.request('GET', `/api/alerts/${randomUUID()}/deliveries/report`)
    assert.equal(answer.statusCode, 404)
  })
})

describe('POST /api/alert-provider/receipts', () => {
  it('answers 401 without the provider token, or with another', async () => {
    const body = { id: 'prov-1', status: 'delivered' }
    assert.equal((await t.request('POST', '/api/alert-provider/receipts', body)).statusCode, 401)
    const wrong = await t.request('POST', '/api/alert-provider/receipts', body, {
      authorization: 'Bearer not-the-token',
    })
    assert.equal(wrong.statusCode, 401)
  })

  it('answers 400 naming the field, and 404 for a message it does not know', async () => {
    const headers = { authorization: `Bearer ${provider.token}` }
    const bad = await t.request(
      'POST',
      '/api/alert-provider/receipts',
      { id: 'prov-1', status: 'read' },
      headers,
    )
    assert.equal(bad.statusCode, 400)
    assert.equal(bad.json<{ error: { field: string } }>().error.field, 'status')
    const unknown = await t.request(
      'POST',
      '/api/alert-provider/receipts',
      { id: 'nobody-knows', status: 'delivered' },
      headers,
    )
    assert.equal(unknown.statusCode, 404)
  })
})

describe('the delivery lease', () => {
  it('is held by one node until it lapses', async () => {
    // This platform holds the lease already.
    assert.equal(t.platform.alertDelivery.isSending(), true)
    assert.equal(await takeLease(t.db, 'test-lease', 'node-a', 10), true)
    assert.equal(await takeLease(t.db, 'test-lease', 'node-b', 10), false)
    assert.equal(await takeLease(t.db, 'test-lease', 'node-a', 10), true, 'renewed')
    await t.db
      .updateTable('alert_delivery_lease')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('name', '=', 'test-lease')
      .execute()
    assert.equal(await takeLease(t.db, 'test-lease', 'node-b', 10), true, 'taken over')
  })
})

describe('two nodes on one database', () => {
  it('sends on one node only, and the other takes over when it stops', async () => {
    const other = await buildPlatform({
      config: t.config,
      database: t.database,
      logger: pino({ level: 'silent' }),
    })
    try {
      assert.equal(other.alertDelivery.isSending(), false, 'the lease is taken')
      // Left by a node that sent the last delivery and stopped before it said the alert was sent.
      const stuck = await buildSendingAlert(t)
      await queue(
        stuck.id,
        await buildContacts(t, [{ channel: 'email', address: 'stuck@example.org' }]),
      )
      await sql`update alert_deliveries set status = 'sent', attempts = 1
        where alert_id = ${stuck.id}`.execute(t.db)
      await sql`update pgboss.job set state = 'completed'
        where id in (select id from alert_deliveries where alert_id = ${stuck.id})`.execute(t.db)
      await t.platform.alertDelivery.stop()
      assert.equal(t.platform.alertDelivery.isSending(), false)
      await waitFor(
        async () => Promise.resolve(other.alertDelivery.isSending()),
        'the other node to send',
      )
      provider.behaviour = { perSecond: 10_000, failAttempts: () => false, receipt: () => null }
      const alert = await buildSendingAlert(t)
      await queue(
        alert.id,
        await buildContacts(t, [{ channel: 'sms', address: phone('351-555', 1) }]),
      )
      await drained(alert.id)
      const [row] = await deliveriesOf(alert.id)
      assert.deepEqual([row!.status, row!.attempts], ['sent', 1])
      await waitFor(async () => {
        const { state } = await t.db
          .selectFrom('alerts')
          .select('state')
          .where('id', '=', stuck.id)
          .executeTakeFirstOrThrow()
        return state === 'sent'
      }, 'the node taking over to mark the stuck alert sent')
    } finally {
      await other.close()
    }
  })
})
