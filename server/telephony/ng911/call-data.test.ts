import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ng911Invite } from '../fixtures/ng911-invite.ts'
import { parseDatagram, type SipRequest } from '../sip/message.ts'
import { bodyParts } from '../sip/multipart.ts'
import { readCallData } from './call-data.ts'
import { centreOf, toLocationInput } from './call-location.ts'

function read(bytes: Buffer) {
  const request = parseDatagram(bytes) as SipRequest
  return readCallData(request, bodyParts(request.headers.get('content-type'), request.body), null)
}

describe('NG911 call data', () => {
  it('reads caller, ids, the three delivered locations, ServiceInfo by value and ProviderInfo by reference', () => {
    const data = read(ng911Invite({ callNumber: 3 }))
    assert.equal(data.ani, '+15085550123')
    assert.equal(data.callerName, 'WIRELESS CALLER')
    assert.equal(data.service, 'urn:service:sos')
    assert.equal(data.isTestCall, false)
    assert.equal(data.ids.callId, 'urn:emergency:uid:callid:c3:bcf.example.test')
    assert.equal(data.locations.length, 3)
    assert.deepEqual(data.locationRefs, [])
    assert.equal(data.additionalData[0]?.summary, 'Residence · wireless · Mobile')
    assert.equal(
      data.additionalDataRefs[0]?.uri,
      'https://adr.example.test/adr/providerinfo?call=3',
    )
    assert.deepEqual(data.problems, [])
  })

  it('reads a PIDF-LO part that no Geolocation header names, and knows a test call', () => {
    const data = read(ng911Invite({ noGeolocation: true, to: 'urn:service:test.sos' }))
    assert.equal(data.locations.length, 3)
    assert.equal(data.isTestCall, true)
  })

  it('keeps the call when the location is garbage, and says why', () => {
    const bad = '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple>'
    const data = read(ng911Invite({ pidf: bad }))
    assert.equal(data.locations.length, 0)
    assert.match(data.problems.join(' '), /location: not well-formed XML/)
    const doctype = read(ng911Invite({ pidf: '<!DOCTYPE lolz [<!ENTITY lol "lol">]><presence/>' }))
    assert.match(doctype.problems.join(' '), /DOCTYPE/)
  })

  it("turns the civic address and the shapes into the call's location candidates", () => {
    const [civic, point, circle] = read(ng911Invite()).locations.map((l) => toLocationInput(l))
    assert.deepEqual(civic, {
      source: 'pidf_lo',
      civic: {
        street: 'Main',
        town: 'Worcester',
        state: 'MA',
        houseNumber: '455',
        streetType: 'St',
        floor: '2',
        landmark: 'Worcester City Hall',
        postalCode: '01608',
      },
    })
    assert.deepEqual(point, {
      source: 'device',
      point: { lat: 42.26259, lon: -71.80229, confidencePct: 95 },
    })
    assert.deepEqual(circle, {
      source: 'device',
      point: { lat: 42.2626, lon: -71.8023, uncertaintyM: 25, confidencePct: 95 },
    })
  })

  it('reduces a polygon to its centre and the distance that covers it', () => {
    const centre = centreOf({
      type: 'Polygon',
      points: [
        [42, -71],
        [42, -70.99],
        [42.01, -70.99],
        [42.01, -71],
        [42, -71],
      ],
    })
    assert.ok(centre)
    assert.ok(Math.abs(centre.lat - 42.005) < 1e-9 && Math.abs(centre.lon + 70.995) < 1e-9)
    assert.ok(centre.radiusM !== null && centre.radiusM > 600 && centre.radiusM < 700)
  })
})
