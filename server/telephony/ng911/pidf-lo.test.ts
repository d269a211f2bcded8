import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { PIDF_WORCESTER } from '../fixtures/ng911-invite.ts'
import { parsePidfLo } from './pidf-lo.ts'
import { XmlError } from './xml-tree.ts'

const wrap = (locationInfo: string, extraNs = '') => `<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"
  xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0"
  xmlns:con="urn:ietf:params:xml:ns:geopriv:conf" ${extraNs} entity="pres:x@y">
<tuple id="t"><status><gp:geopriv><gp:location-info>${locationInfo}</gp:location-info>
<gp:usage-rules><gp:retransmission-allowed>false</gp:retransmission-allowed></gp:usage-rules>
<gp:method>Cell</gp:method></gp:geopriv></status></tuple></presence>`

describe('PIDF-LO', () => {
  it('reads the Worcester civic address with its ZIP as a string, and both device shapes', () => {
    const doc = parsePidfLo(PIDF_WORCESTER)
    assert.deepEqual(doc.problems, [])
    assert.equal(doc.entity, 'pres:+15085550123@bcf.example.test')
    assert.equal(doc.locations.length, 3)
    const [civic, point, circle] = doc.locations
    assert.equal(civic?.civic?.PC, '01608')
    assert.equal(civic?.civic?.HNO, '455')
    assert.equal(civic?.civic?.A3, 'Worcester')
    assert.equal(civic?.method, 'Manual')
    assert.equal(civic?.timestamp, '2026-11-25T12:00:00Z')
    assert.deepEqual(point?.shape, { type: 'Point', lat: 42.26259, lon: -71.80229, alt: null })
    assert.equal(point?.deviceId, 'imei:35-209900-176148-1')
    assert.equal(point?.srs, 'EPSG::4326')
    assert.deepEqual(circle?.shape, { type: 'Circle', lat: 42.2626, lon: -71.8023, radiusM: 25 })
    assert.equal(circle?.method, 'Cell')
  })

  it('goes by namespace, not by prefix', () => {
    const renamed = PIDF_WORCESTER.replaceAll('ca:', 'zz:').replace('xmlns:ca=', 'xmlns:zz=')
    assert.equal(parsePidfLo(renamed).locations[0]?.civic?.RD, 'Main')
    const wrongNs = PIDF_WORCESTER.replace('geopriv10:civicAddr"', 'example:not-civic"')
    assert.equal(
      parsePidfLo(wrongNs).locations.some((l) => l.civic),
      false,
    )
  })

  it('reads ellipse, polygon (posList and pos), arc band, sphere and confidence', () => {
    const ellipse = parsePidfLo(
      wrap(`<gs:Ellipse srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>42.5 -71.5</gml:pos>
      <gs:semiMajorAxis uom="urn:ogc:def:uom:EPSG::9001">120</gs:semiMajorAxis>
      <gs:semiMinorAxis uom="urn:ogc:def:uom:EPSG::9001">40</gs:semiMinorAxis>
      <gs:orientation uom="urn:ogc:def:uom:EPSG::9102">30</gs:orientation></gs:Ellipse>
      <con:confidence pdf="normal">90</con:confidence>`),
    ).locations[0]
    assert.deepEqual(ellipse?.shape, {
      type: 'Ellipse',
      lat: 42.5,
      lon: -71.5,
      semiMajorM: 120,
      semiMinorM: 40,
      orientationDeg: 30,
    })
    assert.equal(ellipse?.confidencePct, 90)
    assert.equal(ellipse?.retransmissionAllowed, false)

    const polygon = parsePidfLo(
      wrap(`<gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing>
      <gml:posList>42.1 -71.1 42.2 -71.1 42.2 -71.2 42.1 -71.1</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>`),
    ).locations[0]
    assert.equal(polygon?.shape?.type, 'Polygon')
    assert.equal(polygon?.shape?.type === 'Polygon' && polygon.shape.points.length, 4)
    assert.equal(polygon?.confidencePct, 95, 'RFC 7459: 95 % when not given')

    const byPos = parsePidfLo(
      wrap(`<gml:Polygon><gml:exterior><gml:LinearRing><gml:pos>1 2</gml:pos><gml:pos>1 3</gml:pos>
      <gml:pos>2 3</gml:pos><gml:pos>1 2</gml:pos></gml:LinearRing></gml:exterior></gml:Polygon>`),
    ).locations[0]
    assert.deepEqual(byPos?.shape?.type === 'Polygon' && byPos.shape.points[2], [2, 3])

    const arc = parsePidfLo(
      wrap(`<gs:ArcBand><gml:pos>42 -71</gml:pos><gs:innerRadius uom="urn:ogc:def:uom:EPSG::9001">100</gs:innerRadius>
      <gs:outerRadius uom="urn:ogc:def:uom:EPSG::9001">300</gs:outerRadius>
      <gs:startAngle uom="urn:ogc:def:uom:EPSG::9102">10</gs:startAngle>
      <gs:openingAngle uom="urn:ogc:def:uom:EPSG::9102">60</gs:openingAngle></gs:ArcBand>`),
    ).locations[0]
    assert.equal(arc?.shape?.type === 'ArcBand' && arc.shape.outerRadiusM, 300)

    const sphere = parsePidfLo(
      wrap(`<gs:Sphere srsName="urn:ogc:def:crs:EPSG::4979"><gml:pos>42 -71 35</gml:pos>
      <gs:radius uom="urn:ogc:def:uom:EPSG::9001">8</gs:radius></gs:Sphere>`),
    ).locations[0]
    assert.deepEqual(sphere?.shape, { type: 'Sphere', lat: 42, lon: -71, alt: 35, radiusM: 8 })
    assert.equal(sphere?.srs, 'EPSG::4979')
  })

  it('keeps the document when a shape is broken, and says what was wrong', () => {
    const doc = parsePidfLo(wrap(`<gml:Point><gml:pos>north -71</gml:pos></gml:Point>`))
    assert.equal(doc.locations.length, 0)
    assert.match(doc.problems.join(' '), /Point: "north -71" is not a list of numbers/)
    const feet = parsePidfLo(
      wrap(
        `<gs:Circle><gml:pos>42 -71</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9002">80</gs:radius></gs:Circle>`,
      ),
    )
    assert.match(feet.problems.join(' '), /not metres/)
  })

  it('keeps unknown civic elements and RFC 6848 extensions', () => {
    const doc = parsePidfLo(
      wrap(
        `<ca:civicAddress><ca:A3>Worcester</ca:A3><ca:RD>Main</ca:RD><ext:MP>12.5</ext:MP><n:ESN>401</n:ESN></ca:civicAddress>`,
        'xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" xmlns:ext="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr:ext" xmlns:n="urn:nena:xml:ns:pidf:nenaCivicAddr"',
      ),
    )
    const civic = doc.locations[0]?.civic
    assert.equal(civic?.MP, '12.5')
    assert.equal(civic?.['{urn:nena:xml:ns:pidf:nenaCivicAddr}ESN'], '401')
  })

  it('refuses a DOCTYPE, malformed XML and a document that is not PIDF', () => {
    assert.throws(() => parsePidfLo('<!DOCTYPE x [<!ENTITY a "aaaa">]><presence/>'), XmlError)
    assert.throws(
      () => parsePidfLo('<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple></presence>'),
      XmlError,
    )
    assert.throws(() => parsePidfLo('<html/>'), /not a PIDF document/)
  })
})
