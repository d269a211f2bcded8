import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AlertDraftBody, AlertPreview, AlertView } from '@common/api/alerts.ts'
import { loadConfig } from '../../config.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { addSquareTowns, addSubscriber, draft, squareAround } from './alert-fixtures.ts'
import { validateCap } from './cap/xmllint.ts'

let t: TestPlatform
let operator: StaffSession
let second: Awaited<ReturnType<typeof staffWith>>

// Subscribers of the test database: a street in Worcester (around 42.25, -71.8), one house
// across town (42.22, -71.75), and one in Holden (42.35, -71.8).
const STREET: [number, number] = [42.25, -71.8]
const ACROSS_TOWN: [number, number] = [42.22, -71.75]
const HOLDEN: [number, number] = [42.35, -71.8]
const near = (at: [number, number], d: number): [number, number] => [at[0] + d, at[1] + d]

before(async () => {
  // One delivery a second on every channel: estimates in whole seconds that tests can count.
  const defaults = loadConfig({ NODE_ENV: 'test' }).alerts
  t = await startTestPlatform({
    alerts: { ...defaults, rates: { sms: 1, voice: 1, email: 1, tty: 1 }, exchangeRate: 1 },
  })
  operator = await staffWith(t, ['alert_operator'])
  second = await staffWith(t, ['alert_operator'])
  await addSquareTowns(t.db)
  const db = t.db
  await addSubscriber(db, {
    at: STREET,
    contacts: [
      { channel: 'sms', address: '+15085550101' },
      { channel: 'email', address: 'a@example.org' },
    ],
  })
  await addSubscriber(db, {
    at: near(STREET, 0.001),
    contacts: [{ channel: 'voice', address: '+15085550102' }],
    categories: ['roads'],
  })
  await addSubscriber(db, {
    at: near(STREET, 0.002),
    contacts: [{ channel: 'sms', address: '+15085550103', stopped: true }],
  })
  await addSubscriber(db, {
    audience: 'emergency_only',
    at: near(STREET, -0.001),
    contacts: [{ channel: 'voice', address: '+15085550104' }],
  })
  await addSubscriber(db, {
    audience: 'test',
    at: near(STREET, -0.002),
    contacts: [{ channel: 'tty', address: '+15085550105' }],
  })
  await addSubscriber(db, {
    at: ACROSS_TOWN,
    contacts: [{ channel: 'email', address: 'b@example.org' }],
  })
  await addSubscriber(db, { at: HOLDEN, contacts: [{ channel: 'sms', address: '+15085550107' }] })
})
after(() => t.close())

const street = {
  mode: 'include' as const,
  shape: { kind: 'polygon' as const, points: squareAround(...STREET, 0.01) },
  label: 'Main St',
}

async function drafted(overrides: Partial<AlertDraftBody> = {}, as = operator): Promise<AlertView> {
  const response = await as.request('POST', '/api/alerts', draft(overrides))
  assert.equal(response.statusCode, 201, response.body)
  return response.json<AlertView>()
}

async function preview(alert: AlertView): Promise<AlertPreview> {
  const response = await operator.request('POST', `/api/alerts/${alert.id}/preview`)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<AlertPreview>()
}

function deliveries(alertId: string) {
  return t.db
    .selectFrom('alert_deliveries')
    .select(['address', 'channel', 'status'])
    .where('alert_id', '=', alertId)
    .orderBy('address')
    .execute()
}

describe('drafting', () => {
  it('answers 400 naming the field, and 403 to roles that do not send alerts', async () => {
    const noEnglish = await operator.request('POST', '/api/alerts', { ...draft(), texts: {} })
    assert.equal(noEnglish.statusCode, 400)
    assert.match(noEnglish.json().error.field, /texts/)
    const noTown = await operator.request(
      'POST',
      '/api/alerts',
      draft({ areas: [{ mode: 'include', shape: { kind: 'town', town: 'Atlantis' }, label: '' }] }),
    )
    assert.equal(noTown.statusCode, 400)
    assert.equal(noTown.json().error.field, 'areas')
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal((await calltaker.request('GET', '/api/alerts')).statusCode, 403)
    assert.equal((await calltaker.request('POST', '/api/alerts', draft())).statusCode, 403)
    const supervisor = await staffWith(t, ['supervisor'])
    assert.equal((await supervisor.request('GET', '/api/alerts')).statusCode, 200)
    assert.equal((await supervisor.request('POST', '/api/alerts', draft())).statusCode, 403)
  })

  it('numbers alerts by year and keeps every draft change in the audit log', async () => {
    const first = await drafted()
    const next = await drafted()
    assert.match(first.identifier, /^ECC-\d{4}-\d{6}$/)
    assert.equal(Number(next.identifier.slice(-6)), Number(first.identifier.slice(-6)) + 1)
    const edited = await operator.request(
      'PUT',
      `/api/alerts/${first.id}`,
      draft({ event: 'Water main break' }),
    )
    assert.equal(edited.json<AlertView>().event, 'Water main break')
    assert.ok((await auditRows(t, 'alert.edited')).some((row) => row.subject_id === first.id))
  })
})

describe('who an alert reaches', () => {
  it('counts an emergency per channel inside the polygon, with imported emergency-only lists', async () => {
    const result = await preview(await drafted({ areas: [street] }))
    // The public sms+email subscriber, the voice one, the emergency-only landline; the stopped
    // text contact and the test list are left out, as are the places outside.
    assert.deepEqual(result.deliveries, { sms: 1, voice: 2, email: 1, tty: 0 })
    assert.equal(result.subscribers, 3)
    assert.equal(result.points.length, 4, 'every place inside, the stopped one included')
    assert.ok(result.estimateSeconds >= 1)
    assert.deepEqual(result.checks, [])
  })

  it('leaves out what an exclude area covers, and asks for the exclusion to be confirmed', async () => {
    const result = await preview(
      await drafted({
        areas: [
          street,
          {
            mode: 'exclude',
            shape: { kind: 'circle', center: near(STREET, 0.001), radiusKm: 0.05 },
            label: 'Care home',
          },
        ],
      }),
    )
    assert.deepEqual(result.deliveries, { sms: 1, voice: 1, email: 1, tty: 0 })
    assert.deepEqual(result.checks, ['exclude_needs_confirmation'])
  })

  it('sends a general notice only to those who opted in, never to emergency-only lists', async () => {
    const result = await preview(await drafted({ areas: [street], noticeCategory: 'roads' }))
    assert.deepEqual(result.deliveries, { sms: 0, voice: 1, email: 0, tty: 0 })
  })

  it('sends Test and Exercise alerts to the test list alone', async () => {
    for (const status of ['Test', 'Exercise'] as const) {
      const result = await preview(await drafted({ areas: [street], status }))
      assert.deepEqual(result.deliveries, { sms: 0, voice: 0, email: 0, tty: 1 }, status)
    }
  })

  it('takes a whole town by its boundary', async () => {
    const result = await preview(
      await drafted({
        areas: [{ mode: 'include', shape: { kind: 'town', town: 'Holden' }, label: '' }],
      }),
    )
    assert.deepEqual(result.deliveries, { sms: 1, voice: 0, email: 0, tty: 0 })
    assert.deepEqual(result.checks, ['needs_approval'])
  })
})

describe('sending', () => {
  it('refuses an alert with no include area, naming the areas', async () => {
    const alert = await drafted({ areas: [] })
    assert.deepEqual((await preview(alert)).checks, ['no_include_area', 'no_recipients'])
    const refused = await operator.request('POST', `/api/alerts/${alert.id}/send`, {})
    assert.equal(refused.statusCode, 409)
    assert.equal(refused.json().error.field, 'areas')
    assert.equal((await deliveries(alert.id)).length, 0)
  })

  it('refuses an unconfirmed exclusion, then sends once it is confirmed', async () => {
    const alert = await drafted({
      areas: [
        street,
        { mode: 'exclude', shape: { kind: 'circle', center: HOLDEN, radiusKm: 1 }, label: 'Hill' },
      ],
    })
    const refused = await operator.request('POST', `/api/alerts/${alert.id}/send`, {})
    assert.equal(refused.statusCode, 409)
    assert.equal(refused.json().error.field, 'confirmExclude')
    assert.match(refused.json().error.message, /Hill/)
    const estimate = (await preview(alert)).estimateSeconds
    const sent = await operator.request('POST', `/api/alerts/${alert.id}/send`, {
      confirmExclude: true,
    })
    assert.equal(sent.statusCode, 200, sent.body)
    const view = sent.json<AlertView>()
    assert.equal(view.state, 'sending')
    assert.equal(view.recipientCount, 3)
    assert.equal(view.estimateSeconds, estimate, 'its own deliveries are not counted twice')
    assert.ok(view.sentAt)
    assert.deepEqual(
      (await deliveries(alert.id)).map((d) => `${d.address} ${d.channel} ${d.status}`),
      [
        '+15085550101 sms queued',
        '+15085550102 voice queued',
        '+15085550104 voice queued',
        'a@example.org email queued',
      ],
    )
    const again = await operator.request('POST', `/api/alerts/${alert.id}/send`, {
      confirmExclude: true,
    })
    assert.equal(again.statusCode, 409, 'a sent alert is not a draft')
    assert.equal((await deliveries(alert.id)).length, 4)
  })

  it('refuses a short text phones cannot show, naming the language field', async () => {
    const base = draft().texts.en!
    const alert = await drafted({
      areas: [street],
      texts: { en: { ...base, shortText: 'Évacuez — now' } },
    })
    const refused = await operator.request('POST', `/api/alerts/${alert.id}/send`, {})
    assert.equal(refused.statusCode, 409)
    assert.equal(refused.json().error.field, 'texts.en.shortText')
    assert.match(refused.json().error.message, /—/)
  })

  it('holds an emergency to a whole town for a second operator', async () => {
    const holden = {
      mode: 'include' as const,
      shape: { kind: 'town' as const, town: 'Holden' },
      label: '',
    }
    const alert = await drafted({ areas: [holden] })
    const submitted = await operator.request('POST', `/api/alerts/${alert.id}/send`, {})
    assert.equal(submitted.json<AlertView>().state, 'awaiting_approval')
    assert.equal((await deliveries(alert.id)).length, 0, 'nothing goes before the approval')
    const self = await operator.request('POST', `/api/alerts/${alert.id}/approve`)
    assert.equal(self.statusCode, 409)
    assert.equal(self.json().error.code, 'alert_self_approval')
    const approved = await second.request('POST', `/api/alerts/${alert.id}/approve`)
    assert.equal(approved.statusCode, 200, approved.body)
    assert.equal(approved.json<AlertView>().state, 'sending')
    assert.equal(approved.json<AlertView>().approvedBy, second.username)
    assert.deepEqual(
      (await deliveries(alert.id)).map((d) => d.address),
      ['+15085550107'],
    )

    const other = await drafted({ areas: [holden] })
    await operator.request('POST', `/api/alerts/${other.id}/send`, {})
    const rejected = await second.request('POST', `/api/alerts/${other.id}/reject`, {
      reason: 'Wrong town',
    })
    assert.equal(rejected.json<AlertView>().state, 'rejected')
    assert.equal(rejected.json<AlertView>().rejectedReason, 'Wrong town')
  })

  it('updates and cancels for everyone the original reached', async () => {
    const original = await drafted({ areas: [street] })
    await operator.request('POST', `/api/alerts/${original.id}/send`, {})
    const update = await operator.request('POST', `/api/alerts/${original.id}/update`)
    assert.equal(update.statusCode, 201, update.body)
    const updateView = update.json<AlertView>()
    assert.equal(updateView.msgType, 'Update')
    assert.equal(updateView.referencesIdentifier, original.identifier)
    // The update's own area is across town: the original's recipients still get it.
    const moved = await operator.request(
      'PUT',
      `/api/alerts/${updateView.id}`,
      draft({
        areas: [
          {
            mode: 'include',
            shape: { kind: 'circle', center: ACROSS_TOWN, radiusKm: 0.5 },
            label: '',
          },
        ],
      }),
    )
    assert.equal(moved.statusCode, 200, moved.body)
    await operator.request('POST', `/api/alerts/${updateView.id}/send`, {})
    assert.deepEqual(
      (await deliveries(updateView.id)).map((d) => d.address),
      ['+15085550101', '+15085550102', '+15085550104', 'a@example.org', 'b@example.org'].sort(),
    )
    const cancel = (
      await operator.request('POST', `/api/alerts/${original.id}/cancel`)
    ).json<AlertView>()
    assert.equal(cancel.msgType, 'Cancel')
    await operator.request('POST', `/api/alerts/${cancel.id}/send`, {})
    assert.deepEqual(
      (await deliveries(cancel.id)).map((d) => d.address),
      ['+15085550101', '+15085550102', '+15085550104', 'a@example.org'].sort(),
    )
    const xml = await operator.request('GET', `/api/alerts/${cancel.id}/cap.xml`)
    assert.match(xml.body, new RegExp(`<references>[^<]*${original.identifier}`))
  })
})

describe('the CAP 1.2 document', () => {
  it('is valid against the OASIS schema, with the areas and every language', async () => {
    const base = draft().texts.en!
    const alert = await drafted({
      texts: { en: base, es: { ...base, headline: 'Hervir el agua', shortText: 'Hierva el agua' } },
      areas: [street, { mode: 'include', shape: { kind: 'town', town: 'Holden' }, label: '' }],
    })
    const response = await operator.request('GET', `/api/alerts/${alert.id}/cap.xml`)
    assert.equal(response.statusCode, 200)
    assert.match(response.headers['content-type'] as string, /application\/cap\+xml/)
    const result = await validateCap(response.body)
    assert.equal(result.code, 0, result.stderr)
    assert.equal(response.body.match(/<info>/g)?.length, 2)
    assert.match(response.body, /<language>es<\/language>/)
    assert.match(response.body, /<valueName>SAME<\/valueName>\s*<value>025027<\/value>/)
    assert.match(response.body, /<valueName>CMAMtext<\/valueName>/)
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal(
      (await calltaker.request('GET', `/api/alerts/${alert.id}/cap.xml`)).statusCode,
      403,
    )
  })
})
