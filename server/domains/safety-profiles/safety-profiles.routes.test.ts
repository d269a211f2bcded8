import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SafetyProfile } from '@common/api/safety-profiles.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows } from '../../test/factories.ts'
import { buildResident, type ResidentSession } from '../../test/residents.ts'
import {
  JPEG_BYTES,
  PNG_BYTES,
  jpegOfSize,
  sampleProfile,
  uploadPhoto,
} from './safety-profile-fixtures.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

async function withProfile(): Promise<{ resident: ResidentSession; profile: SafetyProfile }> {
  const resident = await buildResident(t)
  const saved = await resident.request('PUT', '/api/portal/safety-profile', sampleProfile())
  assert.equal(saved.statusCode, 200, saved.body)
  return { resident, profile: saved.json<SafetyProfile>() }
}

describe('the resident’s safety profile', () => {
  it('needs a portal session; a staff cookie or none gets 401', async () => {
    assert.equal((await t.request('GET', '/api/portal/safety-profile')).statusCode, 401)
    assert.equal(
      (await t.request('PUT', '/api/portal/safety-profile', sampleProfile())).statusCode,
      401,
    )
  })

  it('is 404 until saved; saving gives members ids, says when it goes stale, and carries the notice', async () => {
    const resident = await buildResident(t)
    const none = await resident.request('GET', '/api/portal/safety-profile')
    assert.equal(none.statusCode, 404)
    assert.equal(none.json().error.code, 'safety_profile_not_found')

    const saved = await resident.request('PUT', '/api/portal/safety-profile', sampleProfile())
    assert.equal(saved.statusCode, 200, saved.body)
    const profile = saved.json<SafetyProfile>()
    assert.match(profile.members[0]!.id, /^[0-9a-f-]{36}$/)
    assert.equal(profile.members[0]!.hasPhoto, false)
    assert.deepEqual(profile.members[0]!.medicalConditions, ['COPD', 'type 2 diabetes'])
    assert.equal(profile.contacts[0]!.phone, '+15085550199')
    assert.equal(profile.home.gasShutOff, 'Basement, left of the stairs')
    assert.equal(profile.stale, false)
    const days = (Date.parse(profile.staleAt) - Date.parse(profile.confirmedAt)) / 86_400_000
    assert.equal(days, 183)
    assert.match(profile.notice, /not a guarantee of a faster/)

    const read = await resident.request('GET', '/api/portal/safety-profile')
    assert.equal(read.statusCode, 200)
    assert.deepEqual(read.json(), profile)

    const created = (await auditRows(t, 'safety_profile.created')).filter(
      (row) => row.subject_id === resident.accountId,
    )
    assert.equal(created.length, 1)
    // The audit says what was done, never what the profile holds.
    assert.doesNotMatch(JSON.stringify(created[0]!.details), /COPD|Rosa|insulin/)
  })

  it('is replaced whole: parts left out are gone, a member keeps their id', async () => {
    const { resident, profile } = await withProfile()
    const memberId = profile.members[0]!.id
    const replaced = await resident.request('PUT', '/api/portal/safety-profile', {
      members: [{ id: memberId, name: 'Rosa M. Rivera' }],
    })
    assert.equal(replaced.statusCode, 200, replaced.body)
    const after = replaced.json<SafetyProfile>()
    assert.deepEqual(
      after.members.map((m) => [m.id, m.name]),
      [[memberId, 'Rosa M. Rivera']],
    )
    assert.deepEqual(after.pets, [])
    assert.deepEqual(after.vehicles, [])
    assert.deepEqual(after.contacts, [])
    assert.equal(after.home.keyBox, undefined)
    const replacedRows = (await auditRows(t, 'safety_profile.replaced')).filter(
      (row) => row.subject_id === resident.accountId,
    )
    assert.equal(replacedRows.length, 1)
  })

  it('refuses bad input with 400 naming the field', async () => {
    const resident = await buildResident(t)
    const cases: [unknown, string][] = [
      [{ members: [{ name: '' }] }, 'members.0.name'],
      [{ members: [{ name: 'Rosa', age: 200 }] }, 'members.0.age'],
      [{ pets: Array.from({ length: 11 }, () => ({ kind: 'cat' })) }, 'pets'],
      [{ contacts: [{ name: 'Ana', phone: 'call me' }] }, 'contacts.0.phone'],
      [{ vehicles: [{ state: 'Mass' }] }, 'vehicles.0.state'],
      [{ home: { gasShutOff: 'x'.repeat(1001) } }, 'home.gasShutOff'],
      [
        {
          members: [
            { id: '6f1d0b8e-9a52-4d43-9b9c-6b7f6a1c2d3e', name: 'A' },
            { id: '6f1d0b8e-9a52-4d43-9b9c-6b7f6a1c2d3e', name: 'B' },
          ],
        },
        'members.1.id',
      ],
    ]
    for (const [body, field] of cases) {
      const response = await resident.request('PUT', '/api/portal/safety-profile', body)
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`)
      assert.equal(response.json().error.field, field)
    }
    assert.equal((await resident.request('GET', '/api/portal/safety-profile')).statusCode, 404)
  })

  it('re-confirming restarts the clock, audited; with no profile it is 404', async () => {
    const stranger = await buildResident(t)
    assert.equal(
      (await stranger.request('POST', '/api/portal/safety-profile/confirm')).statusCode,
      404,
    )
    const { resident, profile } = await withProfile()
    t.clock.advance(60_000)
    const confirmed = await resident.request('POST', '/api/portal/safety-profile/confirm')
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    const body = confirmed.json<SafetyProfile>()
    assert.ok(Date.parse(body.confirmedAt) >= Date.parse(profile.confirmedAt) + 60_000)
    assert.equal(body.updatedAt, profile.updatedAt)
    const rows = (await auditRows(t, 'safety_profile.confirmed')).filter(
      (row) => row.subject_id === resident.accountId,
    )
    assert.equal(rows.length, 1)
  })
})

describe('member photos', () => {
  it('takes a PNG sent as image/jpeg as the PNG it is, and gives it back to the resident', async () => {
    const { resident, profile } = await withProfile()
    const memberId = profile.members[0]!.id
    const uploaded = await uploadPhoto(t, resident, memberId, PNG_BYTES, 'image/jpeg')
    assert.equal(uploaded.statusCode, 201, uploaded.body)
    assert.equal(uploaded.json().contentType, 'image/png')

    const photo = await resident.request(
      'GET',
      `/api/portal/safety-profile/members/${memberId}/photo`,
    )
    assert.equal(photo.statusCode, 200)
    assert.equal(photo.headers['content-type'], 'image/png')
    assert.equal(photo.headers['cache-control'], 'no-store')
    assert.deepEqual(photo.rawPayload, PNG_BYTES)
    const read = await resident.request('GET', '/api/portal/safety-profile')
    assert.equal(read.json<SafetyProfile>().members[0]!.hasPhoto, true)
    const audit = (await auditRows(t, 'safety_profile.photo_uploaded')).filter(
      (row) => row.subject_id === resident.accountId,
    )
    assert.equal(audit.length, 1)
  })

  it('refuses a text file, whatever it claims to be, with 415 naming the photo', async () => {
    const { resident, profile } = await withProfile()
    const memberId = profile.members[0]!.id
    for (const type of ['text/plain', 'image/jpeg', 'image/png', 'application/octet-stream']) {
      const response = await uploadPhoto(t, resident, memberId, 'hello, not an image', type)
      assert.equal(response.statusCode, 415, `${type}: ${response.body}`)
      assert.equal(response.json().error.code, 'photo_type_not_allowed')
      assert.equal(response.json().error.field, 'photo')
    }
    const gone = await resident.request(
      'GET',
      `/api/portal/safety-profile/members/${memberId}/photo`,
    )
    assert.equal(gone.statusCode, 404)
  })

  it('takes exactly 2 MB and refuses 2 MB + 1 byte with 413', async () => {
    const { resident, profile } = await withProfile()
    const memberId = profile.members[0]!.id
    const max = t.config.safetyProfile.photoMaxBytes
    assert.equal(max, 2 * 1024 * 1024)
    const tooBig = await uploadPhoto(t, resident, memberId, jpegOfSize(max + 1), 'image/jpeg')
    assert.equal(tooBig.statusCode, 413, tooBig.body)
    assert.equal(tooBig.json().error.code, 'photo_too_large')
    assert.equal(tooBig.json().error.field, 'photo')
    const fits = await uploadPhoto(t, resident, memberId, jpegOfSize(max), 'image/jpeg')
    assert.equal(fits.statusCode, 201, fits.body)
    assert.equal(fits.json().byteSize, max)
    const photo = await resident.request(
      'GET',
      `/api/portal/safety-profile/members/${memberId}/photo`,
    )
    assert.equal(photo.rawPayload.length, max)
    assert.equal(photo.headers['content-type'], 'image/jpeg')
  })

  it('refuses a photo for someone not in the profile, and drops a removed member’s photo', async () => {
    const { resident, profile } = await withProfile()
    const memberId = profile.members[0]!.id
    const stranger = await uploadPhoto(
      t,
      resident,
      '6f1d0b8e-9a52-4d43-9b9c-6b7f6a1c2d3e',
      JPEG_BYTES,
      'image/jpeg',
    )
    assert.equal(stranger.statusCode, 404)
    assert.equal(stranger.json().error.field, 'memberId')
    assert.equal(
      (await uploadPhoto(t, resident, memberId, JPEG_BYTES, 'image/jpeg')).statusCode,
      201,
    )

    // Another resident cannot read it: their own profile has no such member.
    const other = await withProfile()
    const theirs = await other.resident.request(
      'GET',
      `/api/portal/safety-profile/members/${memberId}/photo`,
    )
    assert.equal(theirs.statusCode, 404)

    await resident.request('PUT', '/api/portal/safety-profile', { members: [] })
    const gone = await resident.request(
      'GET',
      `/api/portal/safety-profile/members/${memberId}/photo`,
    )
    assert.equal(gone.statusCode, 404)
  })
})
