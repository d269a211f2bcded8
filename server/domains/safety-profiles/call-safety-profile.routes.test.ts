import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { CallSafetyProfile, SafetyProfile } from '@common/api/safety-profiles.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { buildResident, confirmedPhone, type ResidentSession } from '../../test/residents.ts'
import { PNG_BYTES, sampleProfile, uploadPhoto } from './safety-profile-fixtures.ts'

let t: TestPlatform
let phoneSystem: StaffSession
before(async () => {
  t = await startTestPlatform()
  phoneSystem = await staffWith(t, ['integration'])
})
after(() => t.close())

type Staff = Awaited<ReturnType<typeof staffWith>>
const WITHHELD = 'shown only at the position that answered'

/** A fresh 508 number for each test, so numbers never collide across tests. */
const newNumber = () => `508${String(1_000_000 + randomBytes(3).readUIntBE(0, 3)).slice(-7)}`

async function residentWithProfile(
  number: string,
  options: { confirm?: boolean } = {},
): Promise<{ resident: ResidentSession; profile: SafetyProfile }> {
  const resident = await buildResident(t)
  if (options.confirm === false) {
    const added = await resident.request('POST', '/api/portal/phones', { number })
    assert.equal(added.statusCode, 201, added.body)
  } else {
    await confirmedPhone(t, resident, number)
  }
  const saved = await resident.request('PUT', '/api/portal/safety-profile', sampleProfile())
  assert.equal(saved.statusCode, 200, saved.body)
  return { resident, profile: saved.json<SafetyProfile>() }
}

async function offerCall(ani: string, line = '911'): Promise<CallView> {
  const response = await phoneSystem.request('POST', '/api/calls', {
    externalId: `sip-${randomBytes(4).toString('hex')}`,
    line,
    ani,
    classOfService: 'RESD',
    location: {
      source: 'ali',
      civic: { houseNumber: '12', street: 'Elm', streetType: 'St', town: 'Worcester' },
      point: { lat: 42.27, lon: -71.8, uncertaintyM: 20 },
    },
  })
  assert.equal(response.statusCode, 201, response.body)
  return response.json<CallView>()
}

async function answer(taker: Staff, call: CallView): Promise<void> {
  const response = await taker.request('POST', `/api/calls/${call.id}/answer`, {})
  assert.equal(response.statusCode, 200, response.body)
}

async function profileOnCall(staff: StaffSession, call: CallView): Promise<CallSafetyProfile> {
  const response = await staff.request('GET', `/api/calls/${call.id}/safety-profile`)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<CallSafetyProfile>()
}

const auditFor = async (eventType: string, callId: string) =>
  (await auditRows(t, eventType)).filter((row) => row.subject_id === callId)

describe('GET /api/calls/:id/safety-profile', () => {
  it('is for call takers, dispatchers and supervisors only; an unknown call is 404', async () => {
    const call = await offerCall(newNumber())
    assert.equal((await t.request('GET', `/api/calls/${call.id}/safety-profile`)).statusCode, 401)
    const clerk = await staffWith(t, ['records_clerk'])
    assert.equal(
      (await clerk.request('GET', `/api/calls/${call.id}/safety-profile`)).statusCode,
      403,
    )
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    const unknown = await taker.request(
      'GET',
      '/api/calls/6f1d0b8e-9a52-4d43-9b9c-6b7f6a1c2d3e/safety-profile',
    )
    assert.equal(unknown.statusCode, 404)
  })

  it('shows the profile at the answering position only; others learn only that one exists; all audited', async () => {
    const number = newNumber()
    const { profile } = await residentWithProfile(number)
    const call = await offerCall(number)
    const callBefore = (await phoneSystem.request('GET', `/api/calls/${call.id}`)).json<CallView>()
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    const other = await staffWith(t, ['call_taker'], { atPosition: true })
    const supervisor = await staffWith(t, ['supervisor'])

    // Ringing: nobody answered yet, so nobody sees it.
    assert.deepEqual(await profileOnCall(taker, call), {
      available: true,
      profile: null,
      reason: WITHHELD,
    })
    await answer(taker, call)

    const shown = await profileOnCall(taker, call)
    assert.equal(shown.available, true)
    assert.equal(shown.stale, false)
    assert.equal(shown.confirmedAt, profile.confirmedAt)
    assert.match(shown.notice!, /not a guarantee/)
    assert.equal(shown.profile!.members[0]!.name, 'Rosa Rivera')
    assert.deepEqual(shown.profile!.members[0]!.medications, ['insulin'])
    assert.equal(shown.profile!.home.keyBox, profile.home.keyBox)
    assert.equal(shown.profile!.vehicles[0]!.plate, '1ABC23')

    for (const elsewhere of [other, supervisor]) {
      assert.deepEqual(await profileOnCall(elsewhere, call), {
        available: true,
        profile: null,
        reason: WITHHELD,
      })
    }

    const displayed = await auditFor('safety_profile.displayed', call.id)
    assert.equal(displayed.length, 1)
    assert.equal(displayed[0]!.user_id, taker.userId)
    assert.equal(displayed[0]!.position_id, taker.positionId)
    assert.equal(displayed[0]!.outcome, 'success')
    const denied = await auditFor('safety_profile.denied', call.id)
    assert.deepEqual(
      denied.map((row) => [row.user_id, row.position_id, row.outcome]),
      [
        [taker.userId, taker.positionId, 'denied'],
        [other.userId, other.positionId, 'denied'],
        [supervisor.userId, null, 'denied'],
      ],
    )
    assert.deepEqual(
      denied.map((row) => (row.details as { reason: string }).reason),
      ['not_answered', 'other_position', 'other_position'],
    )

    // Supplemental: the call's location and callback number are as delivered.
    const callAfter = (await phoneSystem.request('GET', `/api/calls/${call.id}`)).json<CallView>()
    assert.equal(callAfter.ani, callBefore.ani)
    assert.deepEqual(callAfter.locations, callBefore.locations)
    // ... and nothing of it went to the live stream.
    const events = await t.db.selectFrom('events').select(['type', 'payload']).execute()
    assert.doesNotMatch(JSON.stringify(events), /Rosa Rivera|insulin|safety_profile/)
  })

  it('gives member photos under the same rule; a refusal looks like a missing photo', async () => {
    const number = newNumber()
    const { resident, profile } = await residentWithProfile(number)
    const memberId = profile.members[0]!.id
    assert.equal((await uploadPhoto(t, resident, memberId, PNG_BYTES, 'image/png')).statusCode, 201)
    const call = await offerCall(number)
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    const other = await staffWith(t, ['dispatcher'], { atPosition: true })
    await answer(taker, call)
    const url = `/api/calls/${call.id}/safety-profile/members/${memberId}/photo`

    const photo = await taker.request('GET', url)
    assert.equal(photo.statusCode, 200)
    assert.equal(photo.headers['content-type'], 'image/png')
    assert.deepEqual(photo.rawPayload, PNG_BYTES)
    assert.equal((await profileOnCall(taker, call)).profile!.members[0]!.hasPhoto, true)

    const refused = await other.request('GET', url)
    // Another id: the last hex digit changed (to 1 when it was 0, else to 0).
    const otherId = memberId.replace(/.$/, (last) => (last === '0' ? '1' : '0'))
    const missing = await taker.request(
      'GET',
      `/api/calls/${call.id}/safety-profile/members/${otherId}/photo`,
    )
    assert.equal(refused.statusCode, 404)
    assert.equal(missing.statusCode, 404)
    assert.equal(refused.json().error.code, missing.json().error.code)

    const displayed = await auditFor('safety_profile.displayed', call.id)
    assert.deepEqual(
      displayed.map((row) => (row.details as { part: string }).part),
      ['photo', 'profile'],
    )
    const denied = await auditFor('safety_profile.denied', call.id)
    assert.equal(denied.length, 1)
    assert.equal(denied[0]!.user_id, other.userId)
    assert.equal((denied[0]!.details as { memberId: string }).memberId, memberId)
  })

  it('is not available when the number was added but never confirmed', async () => {
    const number = newNumber()
    await residentWithProfile(number, { confirm: false })
    const call = await offerCall(number)
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    await answer(taker, call)
    assert.deepEqual(await profileOnCall(taker, call), { available: false, profile: null })
    assert.equal((await auditFor('safety_profile.displayed', call.id)).length, 0)
  })

  it('is not available on a call that is not a 911 call, nor from a number with no profile', async () => {
    const number = newNumber()
    await residentWithProfile(number)
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    const nonEmergency = await offerCall(number, 'non_emergency')
    await answer(taker, nonEmergency)
    assert.deepEqual(await profileOnCall(taker, nonEmergency), { available: false, profile: null })
    const stranger = await offerCall(newNumber())
    await answer(taker, stranger)
    assert.deepEqual(await profileOnCall(taker, stranger), { available: false, profile: null })
  })

  it('stays with the answering position for the grace period after the call closes, then is denied', async () => {
    const number = newNumber()
    await residentWithProfile(number)
    const call = await offerCall(number)
    const taker = await staffWith(t, ['call_taker'], { atPosition: true })
    await answer(taker, call)
    const closed = await taker.request('POST', `/api/calls/${call.id}/close`, {
      disposition: 'hang_up',
    })
    assert.equal(closed.statusCode, 200, closed.body)
    const grace = t.config.safetyProfile.graceMinutes
    assert.equal(grace, 15)

    t.clock.advance((grace - 1) * 60_000)
    assert.equal((await profileOnCall(taker, call)).profile?.members[0]?.name, 'Rosa Rivera')
    t.clock.advance(61_000)
    assert.deepEqual(await profileOnCall(taker, call), {
      available: true,
      profile: null,
      reason: WITHHELD,
    })

    assert.equal((await auditFor('safety_profile.displayed', call.id)).length, 1)
    const denied = await auditFor('safety_profile.denied', call.id)
    assert.equal(denied.length, 1)
    assert.equal(denied[0]!.position_id, taker.positionId)
    assert.equal((denied[0]!.details as { reason: string }).reason, 'call_closed')
  })
})
