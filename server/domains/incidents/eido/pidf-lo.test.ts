import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pidfLo } from './pidf-lo.ts'

const at = new Date('2026-01-02T03:04:05.000Z')

describe(pidfLo.name, () => {
  it('puts a civic address and a point in one device each, escaping the text', () => {
    const xml = pidfLo('urn:x', {
      civic: { houseNumber: '12', street: "O'Connor & Sons <Rd>", town: 'Leicester', state: 'MA' },
      point: { lat: 42.25, lon: -71.9 },
      at,
    })!
    assert.match(xml, /<ca:RD>O&apos;Connor &amp; Sons &lt;Rd&gt;<\/ca:RD>/)
    assert.match(xml, /<ca:A1>MA<\/ca:A1><ca:A3>Leicester<\/ca:A3>/)
    assert.match(
      xml,
      /<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>42.25 -71.9<\/gml:pos>/,
    )
    assert.equal(xml.match(/<dm:device /g)?.length, 2)
    assert.match(xml, /<dm:timestamp>2026-01-02T03:04:05.000Z<\/dm:timestamp>/)
  })

  it('gives a circle with its confidence when the point has an uncertainty', () => {
    const xml = pidfLo('urn:x', {
      civic: null,
      point: { lat: 1, lon: 2, uncertaintyM: 50, confidencePct: 95 },
      at,
    })!
    assert.match(xml, /<gs:Circle [^>]+><gml:pos>1 2<\/gml:pos><gs:radius [^>]+>50<\/gs:radius>/)
    assert.match(xml, /<con:confidence pdf="normal">95<\/con:confidence>/)
  })

  it('is null for a location known only as words', () => {
    assert.equal(pidfLo('urn:x', { civic: null, point: null, at }), null)
  })
})
