import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { CallSafetyProfile, SafetyProfile } from '@common/api/safety-profiles.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith, TEST_PASSWORD } from '../../test/factories.ts'
import { buildResident, confirmedPhone, sessionFrom } from '../../test/residents.ts'
import { sendProfileReminders } from './index.ts'
import { sampleProfile } from './safety-profile-fixtures.ts'

// A file of its own: the clock moves half a year here.
let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const DAY = 86_400_000

const reminders = (recipient: string) =>
  t.db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('recipient', '=', recipient)
    .where('purpose', '=', 'safety_profile_reminder')
    .execute()

it('goes stale 183 days after it was confirmed, is e-mailed once, and is fresh again when re-confirmed', async () => {
  const resident = await buildResident(t)
  await confirmedPhone(t, resident, '508-555-0142')
  const saved = await resident.request('PUT', '/api/portal/safety-profile', sampleProfile())
  assert.equal(saved.statusCode, 200, saved.body)
  assert.equal(t.config.safetyProfile.staleDays, 183)

  t.clock.advance(183 * DAY - 60_000)
  // The portal session lapsed in half a year: the resident logs on again.
  const again = await t.request('POST', '/api/portal/session', {
    email: resident.email,
    password: TEST_PASSWORD,
  })
  const back = sessionFrom(t, again)
  const fresh = (await back.request('GET', '/api/portal/safety-profile')).json<SafetyProfile>()
  assert.equal(fresh.stale, false)
  assert.equal(await sendProfileReminders(t.platform.systemCtx()), 0)
  assert.equal((await reminders(resident.email)).length, 0)

  t.clock.advance(120_000)
  const stale = (await back.request('GET', '/api/portal/safety-profile')).json<SafetyProfile>()
  assert.equal(stale.stale, true)

  // Call takers see it marked stale, still shown (stale is a warning, not a reason to withhold).
  const phoneSystem = await staffWith(t, ['integration'])
  const taker = await staffWith(t, ['call_taker'], { atPosition: true })
  const call = (
    await phoneSystem.request('POST', '/api/calls', {
      externalId: 'sip-stale-1',
      line: '911',
      ani: '5085550142',
    })
  ).json<CallView>()
  await taker.request('POST', `/api/calls/${call.id}/answer`, {})
  const onCall = (
    await taker.request('GET', `/api/calls/${call.id}/safety-profile`)
  ).json<CallSafetyProfile>()
  assert.equal(onCall.stale, true)
  assert.ok(onCall.profile)

  assert.equal(await sendProfileReminders(t.platform.systemCtx()), 1)
  assert.equal(await sendProfileReminders(t.platform.systemCtx()), 0)
  const sent = await reminders(resident.email)
  assert.equal(sent.length, 1)
  assert.equal(sent[0]!.channel, 'email')
  assert.match(sent[0]!.body, /confirm/)
  const audit = (await auditRows(t, 'safety_profile.reminder_queued')).filter(
    (row) => row.subject_id === resident.accountId,
  )
  assert.equal(audit.length, 1)

  const confirmed = await back.request('POST', '/api/portal/safety-profile/confirm')
  assert.equal(confirmed.statusCode, 200, confirmed.body)
  assert.equal(confirmed.json<SafetyProfile>().stale, false)
  assert.equal(
    (await back.request('GET', '/api/portal/safety-profile')).json<SafetyProfile>().stale,
    false,
  )
})
