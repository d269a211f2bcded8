import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Incident } from '@common/api/incidents.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, staffWith } from '../../test/factories.ts'
import { addressFixture } from '../geography/address-fixture.ts'
import { writeAddressLayers } from '../geography/address-fixture.db.ts'

let t: TestPlatform
let worcesterFire: { id: string }
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, addressFixture())
  worcesterFire = await buildAgency(t, { code: 'WFD', kind: 'fire', town: 'Worcester' })
  await buildAgency(t, { code: 'WPD', kind: 'police', town: 'Worcester' })
  await buildAgency(t, { code: 'HFD', kind: 'fire', town: 'Holden' })
})
after(() => t.close())

const incidentsWithNature = async (natureCode: string) =>
  (await t.db.selectFrom('incidents').select('id').where('nature_code', '=', natureCode).execute())
    .length

describe('POST /api/incidents with the address layers loaded', () => {
  it('refuses an address that cannot be verified with 400 naming location.overrideReason, writing nothing', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'FIRE-VEH',
      location: {
        civic: { houseNumber: '2', street: 'Copage', streetType: 'Dr', town: 'Worcester' },
        // The client's word no longer verifies it: the server checks.
        isVerified: true,
      },
    })
    assert.equal(response.statusCode, 400, response.body)
    assert.equal(response.json().error.field, 'location.overrideReason')
    assert.match(response.json().error.message, /did you mean 2 Coppage Dr, Worcester/)
    assert.equal(await incidentsWithNature('FIRE-VEH'), 0)
  })

  it('verifies a typed line with no point like an address, and refuses one that does not verify', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const typed = (text: string, overrideReason?: string) =>
      calltaker.request('POST', '/api/incidents', {
        natureCode: 'FIRE-ALARM',
        location: { text, ...(overrideReason ? { overrideReason } : {}) },
      })
    const verified = await typed('2 coppage drive, worcester')
    assert.equal(verified.statusCode, 201, verified.body)
    assert.equal(verified.json<Incident>().location.text, '2 Coppage Dr, Worcester')
    assert.equal(verified.json<Incident>().location.isVerified, true)
    assert.equal(verified.json<Incident>().location.firstDueStationCode, 'WFD1')

    const refused = await typed('77 Imaginary Way, Worcester')
    assert.equal(refused.statusCode, 400, refused.body)
    assert.equal(refused.json().error.field, 'location.overrideReason')
    assert.equal(await incidentsWithNature('FIRE-ALARM'), 1)

    const overridden = await typed('77 Imaginary Way, Worcester', 'new subdivision, not in GIS')
    assert.equal(overridden.statusCode, 201, overridden.body)
    assert.equal(overridden.json<Incident>().location.isVerified, false)
  })

  it('verifies the address: normalised text with the unit, the point, the town and the first-due station', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'FIRE-STRUCT',
      location: {
        civic: { houseNumber: '2', street: 'Coppage Drive', unit: '3', town: 'worcester' },
      },
    })
    assert.equal(response.statusCode, 201, response.body)
    const incident = response.json<Incident>()
    assert.equal(incident.agencyId, worcesterFire.id)
    assert.deepEqual(
      {
        text: incident.location.text,
        town: incident.location.town,
        lat: incident.location.lat,
        lon: incident.location.lon,
        isVerified: incident.location.isVerified,
        unit: incident.location.address?.unit,
        firstDueStationCode: incident.location.firstDueStationCode,
      },
      {
        text: '2 Coppage Dr Apt 3, Worcester',
        town: 'Worcester',
        lat: 42.25,
        lon: -71.81,
        isVerified: true,
        unit: '3',
        firstDueStationCode: 'WFD1',
      },
    )
    const row = await t.db
      .selectFrom('incidents')
      .select(['first_due_station_code', 'address_key', 'is_location_verified'])
      .where('id', '=', incident.id)
      .executeTakeFirstOrThrow()
    assert.deepEqual(row, {
      first_due_station_code: 'WFD1',
      address_key: '2 COPPAGE DR|WORCESTER',
      is_location_verified: true,
    })
  })

  it('keeps a given point and takes the police first-due station for a police nature', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'NOISE',
      kind: 'non_emergency',
      location: {
        civic: { houseNumber: '12', street: 'North Main Street', town: 'Worcester' },
        point: { lat: 42.2801, lon: -71.7901 },
      },
    })
    assert.equal(response.statusCode, 201, response.body)
    const incident = response.json<Incident>()
    assert.equal(incident.location.text, '12 N Main St, Worcester')
    assert.equal(incident.location.lat, 42.2801)
    assert.equal(incident.location.firstDueStationCode, 'WPD1')
  })

  it('saves an address outside the MSAG unverified when an override reason is given, onto the follow-up list', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const refused = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'GAS-LEAK',
      location: {
        civic: { houseNumber: '4000', street: 'Main', streetType: 'St', town: 'Worcester' },
      },
    })
    assert.equal(refused.statusCode, 400)
    assert.match(
      refused.json().error.message,
      /runs 1-1299 odd and 2-1300 even in the MSAG; 4000 is outside/,
    )
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'GAS-LEAK',
      location: {
        civic: { houseNumber: '4000', street: 'Main', streetType: 'St', town: 'Worcester' },
        isVerified: true,
        overrideReason: 'new building, not yet in the MSAG',
      },
    })
    assert.equal(response.statusCode, 201, response.body)
    const incident = response.json<Incident>()
    assert.equal(incident.location.isVerified, false)
    assert.equal(incident.location.overrideReason, 'new building, not yet in the MSAG')
    assert.equal(incident.location.text, '4000 Main St, Worcester')
    const supervisor = await staffWith(t, ['supervisor'])
    const listed = (await supervisor.request('GET', '/api/incidents/unverified-locations')).json<
      Incident[]
    >()
    assert.ok(listed.some((i) => i.id === incident.id))
  })
})
