import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ReverseResult, VerifyResult } from '@common/api/geography.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { staffWith } from '../../test/factories.ts'
import { addressFixture } from './address-fixture.ts'
import { writeAddressLayers } from './address-fixture.db.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, addressFixture())
})
after(() => t.close())

describe('GET /api/geography/verify', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/geography/verify?q=City%20Hall')).statusCode, 401)
  })

  it('answers 400 naming q when it is missing', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const response = await staff.request('GET', '/api/geography/verify')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'q')
  })

  it('ranks Coppage first for Copage, with the unit, point, town and first-due stations', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const response = await staff.request(
      'GET',
      `/api/geography/verify?q=${encodeURIComponent('2 Copage Dr Apt 3')}&town=Worcester`,
    )
    assert.equal(response.statusCode, 200, response.body)
    const result = response.json<VerifyResult>()
    assert.equal(result.status, 'candidates')
    assert.equal(result.candidates[0]?.text, '2 Coppage Dr Apt 3, Worcester')
    assert.deepEqual(result.candidates[0]?.point, { lat: 42.25, lon: -71.81 })
    assert.deepEqual(result.candidates[0]?.firstDue, { fire: 'WFD1', police: 'WPD1', ems: null })
  })

  it('verifies an exact address, an intersection and a place name', async () => {
    const staff = await staffWith(t, ['records_clerk'])
    const ask = async (q: string) =>
      (
        await staff.request('GET', `/api/geography/verify?q=${encodeURIComponent(q)}`)
      ).json<VerifyResult>()
    const exact = await ask('12 North Main Street, Worcester')
    assert.equal(exact.status, 'verified')
    assert.equal(exact.match?.text, '12 N Main St, Worcester')
    const corner = await ask('Main St & Front St, Worcester')
    assert.equal(corner.status, 'verified')
    assert.deepEqual(corner.match?.point, { lat: 42.26, lon: -71.8 })
    const place = await ask('City Hall, Worcester')
    assert.equal(place.match?.address.landmark, 'City Hall')
  })

  it('calls a house number outside the MSAG invalid with the reason', async () => {
    const staff = await staffWith(t, ['dispatcher'])
    const result = (
      await staff.request(
        'GET',
        `/api/geography/verify?q=${encodeURIComponent('4000 Main St, Worcester')}`,
      )
    ).json<VerifyResult>()
    assert.equal(result.status, 'invalid')
    assert.equal(
      result.reason,
      'Main St, Worcester runs 1-1299 odd and 2-1300 even in the MSAG; 4000 is outside',
    )
  })
})

describe('POST /api/geography/verify', () => {
  it('answers 400 naming the missing street', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const response = await staff.request('POST', '/api/geography/verify', { town: 'Worcester' })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'street')
  })

  it('verifies a civic address in parts, keeping the unit', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const response = await staff.request('POST', '/api/geography/verify', {
      houseNumber: '2',
      street: 'Coppage',
      streetType: 'Drive',
      unit: '3',
      town: 'worcester',
    })
    assert.equal(response.statusCode, 200, response.body)
    const result = response.json<VerifyResult>()
    assert.equal(result.status, 'verified')
    assert.equal(result.match?.text, '2 Coppage Dr Apt 3, Worcester')
    assert.equal(result.match?.town, 'Worcester')
  })
})

describe('GET /api/geography/reverse', () => {
  it('answers 401 without a session', async () => {
    assert.equal(
      (await t.request('GET', '/api/geography/reverse?lat=42.25&lon=-71.81')).statusCode,
      401,
    )
  })

  it('answers 400 naming lat when it is out of range or missing', async () => {
    const staff = await staffWith(t, ['call_taker'])
    for (const url of [
      '/api/geography/reverse?lat=95&lon=-71.81',
      '/api/geography/reverse?lon=-71.81',
      '/api/geography/reverse?lat=x&lon=-71.81',
    ]) {
      const response = await staff.request('GET', url)
      assert.equal(response.statusCode, 400, url)
      assert.equal(response.json().error.field, 'lat', url)
    }
  })

  it('gives the nearest address, the town and the first-due stations', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const response = await staff.request('GET', '/api/geography/reverse?lat=42.2621&lon=-71.8001')
    assert.equal(response.statusCode, 200, response.body)
    const result = response.json<ReverseResult>()
    assert.equal(result.nearest?.text, '12 Main St, Worcester')
    assert.equal(result.town, 'Worcester')
    assert.deepEqual(result.firstDue, { fire: 'WFD1', police: 'WPD1', ems: null })
    const far = (
      await staff.request('GET', '/api/geography/reverse?lat=42.36&lon=-71.89')
    ).json<ReverseResult>()
    assert.equal(far.nearest, null)
    assert.equal(far.town, 'Holden')
  })
})

describe('layer versions', () => {
  it('rebuilds the index when a layer is imported again', async () => {
    const staff = await staffWith(t, ['call_taker'])
    const q = `/api/geography/verify?q=${encodeURIComponent('8 Coppage Dr, Worcester')}`
    assert.equal((await staff.request('GET', q)).json<VerifyResult>().status, 'not_found')
    const rows = addressFixture()
    rows.addressPoints.push({ ...rows.addressPoints[0]!, house_number: 8, unit: null })
    await writeAddressLayers(t.db, rows)
    assert.equal((await staff.request('GET', q)).json<VerifyResult>().status, 'verified')
  })
})
