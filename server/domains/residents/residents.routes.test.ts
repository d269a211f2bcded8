import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { OutboxMessage, ResidentPhone } from '@common/api/residents.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith, TEST_PASSWORD } from '../../test/factories.ts'
import {
  buildResident,
  confirmedPhone,
  latestCode,
  sessionFrom,
  type ResidentSession,
} from '../../test/residents.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

async function addPhone(resident: ResidentSession, number: string): Promise<ResidentPhone> {
  const response = await resident.request('POST', '/api/portal/phones', { number })
  assert.equal(response.statusCode, 201, response.body)
  return response.json<ResidentPhone>()
}

const confirm = (resident: ResidentSession, phone: ResidentPhone, code: string) =>
  resident.request('POST', `/api/portal/phones/${phone.id}/confirm`, { code })

describe('resident accounts', () => {
  it('signs up with argon2id and a portal cookie kept to /api/portal; audited', async () => {
    const response = await t.request('POST', '/api/portal/account', {
      email: 'Ana.Rivera@Example.org',
      password: TEST_PASSWORD,
      displayName: 'Ana Rivera',
    })
    assert.equal(response.statusCode, 201, response.body)
    const cookie = response.cookies.find((c) => c.name === 'ecc_resident')!
    assert.equal(cookie.path, '/api/portal')
    assert.equal(cookie.httpOnly, true)
    const resident = sessionFrom(t, response)
    assert.equal(resident.email, 'ana.rivera@example.org')
    const row = await t.db
      .selectFrom('resident_accounts')
      .select('password_hash')
      .where('id', '=', resident.accountId)
      .executeTakeFirstOrThrow()
    assert.match(row.password_hash, /^\$argon2id\$/)
    const audit = await auditRows(t, 'resident.signed_up')
    assert.ok(audit.some((a) => a.subject_id === resident.accountId))
    assert.equal((await resident.request('GET', '/api/portal/session')).statusCode, 200)
  })

  it('refuses a taken e-mail with 409 and a short password with 400, naming the field', async () => {
    const resident = await buildResident(t)
    const taken = await t.request('POST', '/api/portal/account', {
      email: resident.email,
      password: TEST_PASSWORD,
      displayName: 'Someone Else',
    })
    assert.equal(taken.statusCode, 409)
    assert.equal(taken.json().error.field, 'email')
    const short = await t.request('POST', '/api/portal/account', {
      email: 'short@example.org',
      password: 'abc',
      displayName: 'Short',
    })
    assert.equal(short.statusCode, 400)
    assert.equal(short.json().error.field, 'password')
  })

  it('logs on, locks after repeated wrong passwords, and logs off', async () => {
    const resident = await buildResident(t)
    const logOn = (password: string) =>
      t.request('POST', '/api/portal/session', { email: resident.email, password })
    assert.equal((await logOn('wrong password!')).statusCode, 401)
    assert.equal((await logOn(TEST_PASSWORD)).statusCode, 201)
    for (let i = 0; i < t.config.lockout.attempts; i++) await logOn('wrong password!')
    assert.equal((await logOn(TEST_PASSWORD)).statusCode, 423)
    assert.equal((await resident.request('DELETE', '/api/portal/session')).statusCode, 200)
    assert.equal((await resident.request('GET', '/api/portal/phones')).statusCode, 401)
  })

  it('keeps the portal and the console apart: neither cookie opens the other side', async () => {
    const resident = await buildResident(t)
    const staff = await staffWith(t, ['administrator'])
    assert.equal((await staff.request('GET', '/api/portal/phones')).statusCode, 401)
    const asStaff = await t.request('GET', '/api/incidents', undefined, { cookie: resident.cookie })
    assert.equal(asStaff.statusCode, 401)
  })

  it('refuses a change without the CSRF token', async () => {
    const resident = await buildResident(t)
    const response = await t.request(
      'POST',
      '/api/portal/phones',
      { number: '5085550100' },
      { cookie: resident.cookie },
    )
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.code, 'csrf_failed')
    assert.deepEqual((await resident.request('GET', '/api/portal/phones')).json(), [])
  })
})

describe('confirming a phone number', () => {
  it('sends a 6-digit code through the outbox and confirms the number with it', async () => {
    const resident = await buildResident(t)
    const phone = await addPhone(resident, '(508) 555-0101')
    assert.equal(phone.number, '+15085550101')
    assert.equal(phone.confirmed, false)
    assert.equal(phone.triesLeft, 5)
    const admin = await staffWith(t, ['administrator'])
    const outbox = (await admin.request('GET', '/api/outbox?recipient=%2B15085550101')).json<
      OutboxMessage[]
    >()
    assert.equal(outbox.length, 1)
    assert.deepEqual([outbox[0]!.channel, outbox[0]!.status], ['sms', 'held'])
    const code = await latestCode(t, phone.number)
    assert.match(code, /^\d{6}$/)
    const confirmed = await confirm(resident, phone, code)
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    assert.equal(confirmed.json<ResidentPhone>().confirmed, true)
    const stored = await t.db
      .selectFrom('resident_phones')
      .select(['code_hash'])
      .where('id', '=', phone.id)
      .executeTakeFirstOrThrow()
    assert.equal(stored.code_hash, null, 'no code is kept once used')
  })

  it('counts wrong tries, and spends the code after five; a new code works', async () => {
    const resident = await buildResident(t)
    const phone = await addPhone(resident, '5085550102')
    const code = await latestCode(t, phone.number)
    const wrong = code === '000000' ? '111111' : '000000'
    const first = await confirm(resident, phone, wrong)
    assert.equal(first.statusCode, 400)
    assert.equal(first.json().error.field, 'code')
    assert.match(first.json().error.message, /4 tries left/)
    for (let i = 0; i < 4; i++) await confirm(resident, phone, wrong)
    const spent = await confirm(resident, phone, code)
    assert.equal(spent.statusCode, 410, 'the right code no longer works after five wrong tries')
    const failures = await auditRows(t, 'resident.phone_confirmation')
    assert.ok(
      failures.filter((a) => a.subject_id === phone.id && a.outcome === 'failure').length >= 6,
    )

    const resent = await resident.request('POST', `/api/portal/phones/${phone.id}/resend`, {
      channel: 'voice',
    })
    assert.equal(resent.statusCode, 200, resent.body)
    const fresh = await latestCode(t, phone.number)
    assert.equal((await confirm(resident, phone, fresh)).statusCode, 200)
  })

  it('lets a code lapse after ten minutes', async () => {
    const resident = await buildResident(t)
    const phone = await addPhone(resident, '5085550103')
    const code = await latestCode(t, phone.number)
    t.clock.advance(10 * 60_000 + 1000)
    const late = await confirm(resident, phone, code)
    assert.equal(late.statusCode, 410)
    assert.match(late.json().error.message, /expired/)
  })

  it("answers 404 for another resident's phone, exactly as for none", async () => {
    const owner = await buildResident(t)
    const other = await buildResident(t)
    const phone = await addPhone(owner, '5085550104')
    const theirs = await confirm(other, phone, '123456')
    const none = await other.request(
      'POST',
      '/api/portal/phones/00000000-0000-4000-8000-000000000000/confirm',
      { code: '123456' },
    )
    assert.deepEqual([theirs.statusCode, none.statusCode], [404, 404])
    assert.equal(theirs.json().error.code, none.json().error.code)
  })

  it('moves a confirmed number to the resident who confirms it next', async () => {
    const first = await buildResident(t)
    const second = await buildResident(t)
    await confirmedPhone(t, first, '5085550105')
    await confirmedPhone(t, second, '5085550105')
    const firstPhones = (await first.request('GET', '/api/portal/phones')).json<ResidentPhone[]>()
    assert.deepEqual(firstPhones, [])
    const owners = await t.db
      .selectFrom('resident_phones')
      .select('account_id')
      .where('number', '=', '+15085550105')
      .where('confirmed_at', 'is not', null)
      .where('removed_at', 'is', null)
      .execute()
    assert.deepEqual(owners, [{ account_id: second.accountId }])
  })

  it('shows the outbox to administrators only', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal((await calltaker.request('GET', '/api/outbox')).statusCode, 403)
    assert.equal((await t.request('GET', '/api/outbox')).statusCode, 401)
  })
})
