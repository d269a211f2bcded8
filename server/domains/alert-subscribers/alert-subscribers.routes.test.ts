import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type {
  AlertAddressCheck,
  AlertAddressView,
  AlertContactView,
  AlertSubscriptionView,
} from '@common/api/alert-subscribers.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { buildResident, confirmedPhone, type ResidentSession } from '../../test/residents.ts'
import {
  addAlertContact,
  FIXTURE_LINE,
  latestAlertCode,
  latestAlertMessage,
  signUpForAlerts,
} from '../../test/alert-subscribers.ts'
import { addressFixture } from '../geography/address-fixture.ts'
import { writeAddressLayers } from '../geography/address-fixture.db.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, addressFixture())
})
after(() => t.close())

const subscriberOf = (resident: ResidentSession) =>
  t.db
    .selectFrom('alert_subscribers')
    .selectAll()
    .where('account_id', '=', resident.accountId)
    .executeTakeFirstOrThrow()

const contactRow = (id: string) =>
  t.db.selectFrom('alert_contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

async function addAddress(resident: ResidentSession, line: string) {
  return resident.request('POST', '/api/portal/alerts/addresses', { line })
}

describe('PUT /api/portal/alerts/subscription', () => {
  it('answers 401 without a portal session', async () => {
    const response = await t.request('GET', '/api/portal/alerts/subscription')
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field for an unknown language or category', async () => {
    const resident = await buildResident(t)
    const language = await resident.request('PUT', '/api/portal/alerts/subscription', {
      language: 'xx',
    })
    assert.equal(language.statusCode, 400)
    assert.equal(language.json().error.field, 'language')
    const category = await resident.request('PUT', '/api/portal/alerts/subscription', {
      language: 'es',
      noticeCategories: ['emergency'],
    })
    assert.equal(category.statusCode, 400)
    assert.equal(category.json().error.field, 'noticeCategories.0')
    const count = await t.db
      .selectFrom('alert_subscribers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', resident.accountId)
      .executeTakeFirstOrThrow()
    assert.equal(Number(count.n), 0, 'nothing was written')
  })

  it('signs up (public audience, a 32-byte token), then changes the choices; audited', async () => {
    const resident = await buildResident(t)
    const before = await resident.request('GET', '/api/portal/alerts/subscription')
    assert.equal(before.json<AlertSubscriptionView>().state, 'none')
    const created = await signUpForAlerts(resident, {
      language: 'pt',
      noticeCategories: ['weather', 'weather', 'roads'],
    })
    assert.equal(created.state, 'active')
    assert.equal(created.language, 'pt')
    assert.deepEqual(created.noticeCategories, ['weather', 'roads'])
    const row = await subscriberOf(resident)
    assert.equal(row.audience, 'public')
    assert.match(row.unsubscribe_token, /^[A-Za-z0-9_-]{43}$/)
    const updated = await signUpForAlerts(resident, { language: 'vi', noticeCategories: [] })
    assert.deepEqual([updated.language, updated.noticeCategories], ['vi', []])
    const subjects = async (type: string) =>
      (await auditRows(t, type)).filter((a) => a.subject_id === row.id).length
    assert.equal(await subjects('alert_subscription.created'), 1)
    assert.equal(await subjects('alert_subscription.updated'), 1)
  })
})

describe('PUT /api/portal/alerts/subscription at the same moment', () => {
  it('keeps one sign-up when two tabs sign up together', async () => {
    const resident = await buildResident(t)
    const [first, second] = await Promise.all([
      resident.request('PUT', '/api/portal/alerts/subscription', { language: 'es' }),
      resident.request('PUT', '/api/portal/alerts/subscription', { language: 'fr' }),
    ])
    assert.deepEqual([first.statusCode, second.statusCode], [200, 200])
    const rows = await t.db
      .selectFrom('alert_subscribers')
      .select('language')
      .where('account_id', '=', resident.accountId)
      .execute()
    assert.equal(rows.length, 1)
  })
})

describe('POST /api/portal/alerts/addresses', () => {
  it('refuses an address before signing up with 409 naming subscription', async () => {
    const resident = await buildResident(t)
    const response = await addAddress(resident, FIXTURE_LINE)
    assert.equal(response.statusCode, 409)
    assert.equal(response.json().error.field, 'subscription')
  })

  it('refuses an address that does not verify with 400 naming line and the candidates', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const response = await addAddress(resident, '2 Copage Dr, Worcester')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'line')
    assert.match(response.json().error.message, /did you mean: 2 Coppage Dr, Worcester/)
    const nowhere = await addAddress(resident, '999 Nowhere Rd, Worcester')
    assert.equal(nowhere.statusCode, 400)
    assert.equal(nowhere.json().error.field, 'line')
    const view = await resident.request('GET', '/api/portal/alerts/subscription')
    assert.deepEqual(view.json<AlertSubscriptionView>().addresses, [])
  })

  it('keeps a verified address normalised and placed, with its address point; audited', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const response = await addAddress(resident, '12 main street worcester')
    assert.equal(response.statusCode, 201, response.body)
    const address = response.json<AlertAddressView>()
    assert.deepEqual(
      [address.label, address.town, address.lat, address.lon],
      ['12 Main St, Worcester', 'Worcester', 42.262, -71.8],
    )
    const row = await t.db
      .selectFrom('alert_subscriber_addresses')
      .selectAll()
      .where('id', '=', address.id)
      .executeTakeFirstOrThrow()
    assert.notEqual(row.address_point_id, null)
    const audit = await auditRows(t, 'alert_subscription.address_added')
    assert.ok(audit.some((a) => a.subject_id === address.id))
    const twice = await addAddress(resident, '12 Main St, Worcester')
    assert.equal(twice.statusCode, 409)
    assert.equal(twice.json().error.field, 'line')
  })

  it('takes at most 5 addresses', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    for (const line of [
      '12 Main St, Worcester',
      '14 Main St, Worcester',
      '2 Coppage Dr, Worcester',
      '4 Coppage Dr, Worcester',
      '6 Cottage St, Worcester',
    ]) {
      assert.equal((await addAddress(resident, line)).statusCode, 201, line)
    }
    const sixth = await addAddress(resident, '3 Front St, Worcester')
    assert.equal(sixth.statusCode, 409)
    assert.equal(sixth.json().error.field, 'line')
  })

  it('removes only the resident’s own address: another resident gets 404', async () => {
    const owner = await buildResident(t)
    const other = await buildResident(t, 'Bo Other')
    await signUpForAlerts(owner)
    await signUpForAlerts(other)
    const address = (await addAddress(owner, FIXTURE_LINE)).json<AlertAddressView>()
    const denied = await other.request('DELETE', `/api/portal/alerts/addresses/${address.id}`)
    assert.equal(denied.statusCode, 404)
    const removed = await owner.request('DELETE', `/api/portal/alerts/addresses/${address.id}`)
    assert.equal(removed.statusCode, 200)
    const row = await t.db
      .selectFrom('alert_subscriber_addresses')
      .select('removed_at')
      .where('id', '=', address.id)
      .executeTakeFirstOrThrow()
    assert.notEqual(row.removed_at, null)
    const view = await owner.request('GET', '/api/portal/alerts/subscription')
    assert.deepEqual(view.json<AlertSubscriptionView>().addresses, [])
  })

  it('checks a line for the portal: verified, or the candidates', async () => {
    const resident = await buildResident(t)
    const check = async (line: string) =>
      (
        await resident.request(
          'GET',
          `/api/portal/alerts/address-check?line=${encodeURIComponent(line)}`,
        )
      ).json<AlertAddressCheck>()
    assert.deepEqual(await check('12 Main St, Worcester'), {
      verified: true,
      label: '12 Main St, Worcester',
      candidates: [],
      reason: null,
    })
    const guess = await check('2 Copage Dr, Worcester')
    assert.equal(guess.verified, false)
    assert.equal(guess.candidates[0], '2 Coppage Dr, Worcester')
  })
})

describe('POST /api/portal/alerts/contacts', () => {
  it('answers 400 naming address for a bad phone or e-mail, and channel for a bad channel', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const add = (body: unknown) => resident.request('POST', '/api/portal/alerts/contacts', body)
    const phone = await add({ channel: 'sms', address: '555-01' })
    assert.equal(phone.statusCode, 400)
    assert.equal(phone.json().error.field, 'address')
    const email = await add({ channel: 'email', address: 'not-an-address' })
    assert.equal(email.statusCode, 400)
    assert.equal(email.json().error.field, 'address')
    const channel = await add({ channel: 'pager', address: '5085550100' })
    assert.equal(channel.statusCode, 400)
    assert.equal(channel.json().error.field, 'channel')
    const view = await resident.request('GET', '/api/portal/alerts/subscription')
    assert.deepEqual(view.json<AlertSubscriptionView>().contacts, [])
  })

  it('confirms a text contact by its code; a wrong code is counted and audited', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const contact = await addAlertContact(resident, 'sms', '(508) 555-0201')
    assert.equal(contact.address, '+15085550201')
    assert.deepEqual([contact.confirmed, contact.triesLeft], [false, 5])
    const message = await latestAlertMessage(t, '+15085550201')
    assert.equal(message.channel, 'sms')
    const code = await latestAlertCode(t, '+15085550201')
    const wrong = code === '000000' ? '111111' : '000000'
    const url = `/api/portal/alerts/contacts/${contact.id}/confirm`
    const refused = await resident.request('POST', url, { code: wrong })
    assert.equal(refused.statusCode, 400)
    assert.equal(refused.json().error.field, 'code')
    assert.match(refused.json().error.message, /4 tries left/)
    assert.equal((await contactRow(contact.id)).code_attempts, 1, 'the wrong try is kept')
    const failures = (await auditRows(t, 'alert_subscription.contact_confirmation')).filter(
      (a) => a.subject_id === contact.id,
    )
    assert.deepEqual(
      failures.map((a) => a.outcome),
      ['failure'],
    )
    const confirmed = await resident.request('POST', url, { code })
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    assert.equal(confirmed.json<AlertContactView>().confirmed, true)
    const row = await contactRow(contact.id)
    assert.notEqual(row.confirmed_at, null)
    assert.equal(row.code_hash, null)
  })

  it('sends the code of a voice or TTY contact by voice call, and resends on request', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const voice = await addAlertContact(resident, 'voice', '5085550202')
    const tty = await addAlertContact(resident, 'tty', '5085550203')
    assert.equal((await latestAlertMessage(t, voice.address)).channel, 'voice')
    assert.equal((await latestAlertMessage(t, tty.address)).channel, 'voice')
    const first = await latestAlertCode(t, tty.address)
    const resent = await resident.request('POST', `/api/portal/alerts/contacts/${tty.id}/resend`)
    assert.equal(resent.statusCode, 200, resent.body)
    const second = await latestAlertCode(t, tty.address)
    if (first !== second) {
      const old = await resident.request('POST', `/api/portal/alerts/contacts/${tty.id}/confirm`, {
        code: first,
      })
      assert.equal(old.statusCode, 400, 'the old code no longer works')
    }
    const ok = await resident.request('POST', `/api/portal/alerts/contacts/${tty.id}/confirm`, {
      code: second,
    })
    assert.equal(ok.statusCode, 200, ok.body)
  })

  it('confirms at once a phone the resident already confirmed on their account', async () => {
    const resident = await buildResident(t)
    await confirmedPhone(t, resident, '5085550204')
    await signUpForAlerts(resident)
    const contact = await addAlertContact(resident, 'sms', '508-555-0204')
    assert.equal(contact.confirmed, true)
    const sent = await t.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('recipient', '=', '+15085550204')
      .where('purpose', '=', 'alert_contact_confirmation')
      .execute()
    assert.equal(sent.length, 0, 'no code is sent')
    // Another resident with the same number still needs its code.
    const other = await buildResident(t, 'Bo Other')
    await signUpForAlerts(other)
    assert.equal((await addAlertContact(other, 'sms', '5085550204')).confirmed, false)
  })

  it('confirms an e-mail address by the link in the message, answering a readable page', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const contact = await addAlertContact(resident, 'email', 'Ana.Rivera@Example.org')
    assert.deepEqual([contact.address, contact.awaitingLink], ['ana.rivera@example.org', true])
    const message = await latestAlertMessage(t, 'ana.rivera@example.org')
    assert.equal(message.channel, 'email')
    const link = new RegExp(
      `${t.config.alerts.publicUrl}(/api/alerts/confirm-email\\?token=[\\w-]+)`,
    )
    const path = link.exec(message.body)?.[1]
    assert.ok(path, message.body)
    const page = await t.request('GET', path)
    assert.equal(page.statusCode, 200)
    assert.match(page.headers['content-type'] as string, /text\/html/)
    assert.match(page.body, /Your e-mail address is confirmed/)
    assert.notEqual((await contactRow(contact.id)).confirmed_at, null)
    const broken = await t.request('GET', '/api/alerts/confirm-email?token=abc')
    assert.equal(broken.statusCode, 400)
    const unknown = await t.request('GET', `/api/alerts/confirm-email?token=${'x'.repeat(43)}`)
    assert.equal(unknown.statusCode, 404)
  })

  it('sets the order of preference; every contact once, or 400 naming ids', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const a = await addAlertContact(resident, 'sms', '5085550211')
    const b = await addAlertContact(resident, 'voice', '5085550212')
    const c = await addAlertContact(resident, 'email', 'order@example.org')
    assert.deepEqual(
      [a, b, c].map((x) => x.preference),
      [1, 2, 3],
    )
    const order = (ids: string[]) =>
      resident.request('PUT', '/api/portal/alerts/contacts/order', { ids })
    const missing = await order([c.id, a.id])
    assert.equal(missing.statusCode, 400)
    assert.equal(missing.json().error.field, 'ids')
    const reordered = await order([c.id, a.id, b.id])
    assert.equal(reordered.statusCode, 200, reordered.body)
    const view = (
      await resident.request('GET', '/api/portal/alerts/subscription')
    ).json<AlertSubscriptionView>()
    assert.deepEqual(
      view.contacts.map((x) => [x.id, x.preference]),
      [
        [c.id, 1],
        [a.id, 2],
        [b.id, 3],
      ],
    )
    const removed = await resident.request('DELETE', `/api/portal/alerts/contacts/${c.id}`)
    assert.equal(removed.statusCode, 200)
    const after = (
      await resident.request('GET', '/api/portal/alerts/subscription')
    ).json<AlertSubscriptionView>()
    assert.deepEqual(
      after.contacts.map((x) => [x.id, x.preference]),
      [
        [a.id, 1],
        [b.id, 2],
      ],
    )
  })

  it('never lets another resident see or touch a contact (404, or 400 in an order)', async () => {
    const owner = await buildResident(t)
    const other = await buildResident(t, 'Bo Other')
    await signUpForAlerts(owner)
    await signUpForAlerts(other)
    const contact = await addAlertContact(owner, 'sms', '5085550221')
    const mine = await addAlertContact(other, 'sms', '5085550222')
    const base = `/api/portal/alerts/contacts/${contact.id}`
    assert.equal(
      (await other.request('POST', `${base}/confirm`, { code: '123456' })).statusCode,
      404,
    )
    assert.equal((await other.request('POST', `${base}/resend`)).statusCode, 404)
    assert.equal((await other.request('DELETE', base)).statusCode, 404)
    const order = await other.request('PUT', '/api/portal/alerts/contacts/order', {
      ids: [contact.id, mine.id],
    })
    assert.equal(order.statusCode, 400)
    assert.equal(order.json().error.field, 'ids')
    const view = (
      await other.request('GET', '/api/portal/alerts/subscription')
    ).json<AlertSubscriptionView>()
    assert.deepEqual(
      view.contacts.map((x) => x.id),
      [mine.id],
    )
    const row = await contactRow(contact.id)
    assert.deepEqual([row.removed_at, row.code_attempts, row.preference], [null, 0, 1])
  })
})

describe('unsubscribe by the link in a message', () => {
  it('shows a page with a button on GET and unsubscribes nobody', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const { unsubscribe_token: token } = await subscriberOf(resident)
    const page = await t.request('GET', `/api/alerts/unsubscribe?token=${token}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<form method="post" action="\/api\/alerts\/unsubscribe">/)
    assert.match(page.body, /<button type="submit">Unsubscribe<\/button>/)
    assert.equal(page.headers['referrer-policy'], 'no-referrer')
    assert.equal((await subscriberOf(resident)).status, 'active')
  })

  it('unsubscribes on the form post, audited; signing up again in the portal works', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const row = await subscriberOf(resident)
    const posted = await t.platform.app.inject({
      method: 'POST',
      url: '/api/alerts/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${row.unsubscribe_token}`,
    })
    assert.equal(posted.statusCode, 200, posted.body)
    assert.match(posted.body, /You are unsubscribed/)
    const after = await subscriberOf(resident)
    assert.equal(after.status, 'unsubscribed')
    assert.notEqual(after.unsubscribed_at, null)
    const audit = await auditRows(t, 'alert_subscription.unsubscribed')
    assert.ok(audit.some((a) => a.subject_id === row.id))
    const view = await resident.request('GET', '/api/portal/alerts/subscription')
    assert.equal(view.json<AlertSubscriptionView>().state, 'unsubscribed')
    const again = await signUpForAlerts(resident)
    assert.equal(again.state, 'active')
    assert.equal((await subscriberOf(resident)).unsubscribed_at, null)
    const resubscribed = await auditRows(t, 'alert_subscription.resubscribed')
    assert.ok(resubscribed.some((a) => a.subject_id === row.id))
  })

  it('unsubscribes from a browser that also holds a staff session', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const row = await subscriberOf(resident)
    const staff = await staffWith(t, ['dispatcher'])
    const posted = await t.platform.app.inject({
      method: 'POST',
      url: '/api/alerts/unsubscribe',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: staff.cookie,
      },
      payload: `token=${row.unsubscribe_token}`,
    })
    assert.equal(posted.statusCode, 200, posted.body)
    assert.equal((await subscriberOf(resident)).status, 'unsubscribed')
  })

  it('unsubscribes on a mail client’s one-click post to the link itself (RFC 8058)', async () => {
    const resident = await buildResident(t)
    await signUpForAlerts(resident)
    const row = await subscriberOf(resident)
    const posted = await t.platform.app.inject({
      method: 'POST',
      url: `/api/alerts/unsubscribe?token=${row.unsubscribe_token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    })
    assert.equal(posted.statusCode, 200, posted.body)
    assert.equal((await subscriberOf(resident)).status, 'unsubscribed')
  })

  it('answers a broken link with 400 and an unknown one with 404, changing nothing', async () => {
    assert.equal((await t.request('GET', '/api/alerts/unsubscribe?token=short')).statusCode, 400)
    assert.equal((await t.request('GET', '/api/alerts/unsubscribe')).statusCode, 400)
    const unknown = await t.platform.app.inject({
      method: 'POST',
      url: '/api/alerts/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${'y'.repeat(43)}`,
    })
    assert.equal(unknown.statusCode, 404)
    assert.match(unknown.body, /This link does not work/)
  })
})

describe('POST /api/alert-provider/inbound', () => {
  let p: TestPlatform
  const TOKEN = 'provider-secret-token'
  before(async () => {
    p = await startTestPlatform({
      messageProvider: { url: 'http://127.0.0.1:9/unused', token: TOKEN },
      // Held in the outbox: this test reads what would be sent, nothing is delivered.
      outboxDeliveryMs: 3_600_000,
    })
  })
  after(() => p.close())

  const inbound = (body: unknown, authorization?: string) =>
    p.request('POST', '/api/alert-provider/inbound', body, authorization ? { authorization } : {})

  async function residentWith(channel: 'sms' | 'voice', number: string) {
    const resident = await buildResident(p)
    await signUpForAlerts(resident)
    const contact = await addAlertContact(resident, channel, number)
    const code = await latestAlertCode(p, contact.address)
    await resident.request('POST', `/api/portal/alerts/contacts/${contact.id}/confirm`, { code })
    return contact
  }

  const stoppedAt = async (id: string) =>
    (
      await p.db
        .selectFrom('alert_contacts')
        .select('stopped_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).stopped_at

  it('answers 401 without the token and 403 with a wrong one, changing nothing', async () => {
    const contact = await residentWith('sms', '5085550301')
    const none = await inbound({ from: '+15085550301', body: 'STOP' })
    assert.equal(none.statusCode, 401)
    const wrong = await inbound({ from: '+15085550301', body: 'STOP' }, 'Bearer not-the-token')
    assert.equal(wrong.statusCode, 403)
    assert.equal(await stoppedAt(contact.id), null)
  })

  it('answers 400 naming from when it is not a phone number', async () => {
    const response = await inbound({ from: 'hello', body: 'STOP' }, `Bearer ${TOKEN}`)
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'from')
  })

  it('stops every text contact with the number on STOP, and restarts them on START', async () => {
    const first = await residentWith('sms', '5085550302')
    const second = await residentWith('sms', '5085550302')
    const voice = await residentWith('voice', '5085550302')
    const stop = await inbound({ from: '5085550302', body: '  stop ' }, `Bearer ${TOKEN}`)
    assert.equal(stop.statusCode, 200, stop.body)
    assert.deepEqual([stop.json().action, stop.json().contacts], ['stopped', 2])
    assert.notEqual(await stoppedAt(first.id), null)
    assert.notEqual(await stoppedAt(second.id), null)
    assert.equal(await stoppedAt(voice.id), null, 'a voice contact is not stopped by a text')
    const reply = await latestAlertMessage(p, '+15085550302', 'alert_text_reply')
    assert.match(reply.body, /no more texts/)
    assert.equal(reply.channel, 'sms')
    const { isStopped } = await import('./index.ts')
    assert.equal(await isStopped(p.db, '+15085550302'), true)
    const audit = await auditRows(p, 'alert_contact.text_stopped')
    assert.ok(audit.some((a) => a.subject_id === '+15085550302'))

    const start = await inbound({ from: '+15085550302', body: 'START' }, `Bearer ${TOKEN}`)
    assert.deepEqual([start.json().action, start.json().contacts], ['started', 2])
    assert.equal(await stoppedAt(first.id), null)
    assert.equal(await isStopped(p.db, '+15085550302'), false)
  })

  it('treats every carrier stop word alike, answers HELP, and ignores other texts', async () => {
    for (const word of ['STOPALL', 'Unsubscribe', 'CANCEL', 'end', 'QUIT']) {
      const contact = await residentWith('sms', '5085550310')
      const response = await inbound({ from: '5085550310', body: word }, `Bearer ${TOKEN}`)
      assert.equal(response.json().action, 'stopped', word)
      assert.notEqual(await stoppedAt(contact.id), null, word)
    }
    const help = await inbound({ from: '5085550311', body: 'help' }, `Bearer ${TOKEN}`)
    assert.equal(help.json().action, 'help')
    assert.match((await latestAlertMessage(p, '+15085550311', 'alert_text_reply')).body, /911/)
    const chat = await inbound({ from: '5085550311', body: 'stop please' }, `Bearer ${TOKEN}`)
    assert.deepEqual([chat.json().action, chat.json().reply], ['ignored', null])
  })
})
