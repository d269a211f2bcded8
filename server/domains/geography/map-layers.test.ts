import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { MapFeature, MapFeatureCollection } from '@common/api/geography.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, buildStation, staffWith } from '../../test/factories.ts'
import type { AddressIndexRows } from './address-index.ts'
import { addressFixture } from './address-fixture.ts'
import { writeAddressLayers } from './address-fixture.db.ts'

/** The address fixture plus a road drawn to more decimals than the map keeps. */
function mapFixture(): AddressIndexRows {
  const rows = addressFixture()
  rows.roadSegments.push({
    pre_direction: null,
    street_name: 'OAK',
    street_type: 'AVE',
    post_direction: null,
    from_left: null,
    to_left: null,
    from_right: null,
    to_right: null,
    town_left: 'Worcester',
    town_right: 'Worcester',
    coordinates: [
      [-71.8123456, 42.2654321],
      // The same position once rounded: dropped.
      [-71.8123457, 42.2654322],
      [-71.8100004, 42.2699996],
    ],
  })
  return rows
}

let t: TestPlatform
let stationAgencyCode: string
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, mapFixture())
  await t.db
    .updateTable('road_segments')
    .set({ road_class: 'Secondary' })
    .where('street_name', '=', 'MAIN')
    .execute()
  const agency = await buildAgency(t, { kind: 'fire' })
  stationAgencyCode = agency.code
  await buildStation(t, { agencyId: agency.id, lat: 42.26260004, lon: -71.80230004 })
})
after(() => t.close())

const layerOf = async (path: string, headers: Record<string, string> = {}) => {
  const staff = await staffWith(t, ['dispatcher'])
  return staff.request('GET', `/api/geography/layers/${path}`, undefined, headers)
}

const featureNamed = (layer: MapFeatureCollection, key: string, value: string): MapFeature => {
  const found = layer.features.find((f) => f.properties[key] === value)
  assert.ok(found, `no feature with ${key} ${value}`)
  return found
}

describe('GET /api/geography/layers/:layer', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('GET', '/api/geography/layers/roads')
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming layer for an unknown layer', async () => {
    const response = await layerOf('rivers')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'layer')
  })

  for (const bbox of ['-71.9,42.2,-71.7', '-71.9,42.2,-71.7,north', '-71.7,42.2,-71.9,42.4', '']) {
    it(`answers 400 naming bbox for bbox=${JSON.stringify(bbox)}`, async () => {
      const response = await layerOf(`roads?bbox=${encodeURIComponent(bbox)}`)
      assert.equal(response.statusCode, 400, response.body)
      assert.equal(response.json().error.field, 'bbox')
    })
  }

  it('serves the roads as GeoJSON lines, lon/lat rounded to 5 decimals, named, with class', async () => {
    const response = await layerOf('roads')
    assert.equal(response.statusCode, 200, response.body)
    assert.match(String(response.headers['content-type']), /^application\/geo\+json/)
    const layer = response.json<MapFeatureCollection>()
    assert.equal(layer.type, 'FeatureCollection')
    assert.deepEqual(layer.features.map((f) => f.properties.name).sort(), [
      'Elm St',
      'Front St',
      'Main St',
      'Oak Ave',
    ])
    const oak = featureNamed(layer, 'name', 'Oak Ave')
    assert.deepEqual(oak.geometry, {
      type: 'LineString',
      coordinates: [
        [-71.81235, 42.26543],
        [-71.81, 42.27],
      ],
    })
    assert.deepEqual(oak.properties, { name: 'Oak Ave' })
    const main = featureNamed(layer, 'name', 'Main St')
    assert.deepEqual(main.properties, { name: 'Main St', class: 'Secondary' })
    // Longitude first: Worcester is west of Greenwich, north of the equator.
    assert.deepEqual(main.geometry.coordinates, [
      [-71.8, 42.26],
      [-71.8, 42.27],
    ])
  })

  it('serves the towns as polygons with the town name', async () => {
    const layer = (await layerOf('towns')).json<MapFeatureCollection>()
    assert.deepEqual(
      layer.features.map((f) => f.properties),
      [{ town: 'Worcester' }, { town: 'Holden' }],
    )
    const worcester = featureNamed(layer, 'town', 'Worcester')
    assert.equal(worcester.geometry.type, 'Polygon')
    assert.deepEqual(worcester.geometry.coordinates, [
      [
        [-71.85, 42.22],
        [-71.75, 42.22],
        [-71.75, 42.3],
        [-71.85, 42.3],
        [-71.85, 42.22],
      ],
    ])
  })

  it('serves the stations as points with code, name and agency code', async () => {
    const layer = (await layerOf('stations')).json<MapFeatureCollection>()
    assert.equal(layer.features.length, 1)
    const [station] = layer.features
    assert.deepEqual(station?.geometry, { type: 'Point', coordinates: [-71.8023, 42.2626] })
    assert.equal(station?.properties.name, 'Test Station')
    assert.match(String(station?.properties.code), /^S/)
    assert.equal(station?.properties.agency, stationAgencyCode)
  })

  it('serves the response zones with their id, first-due station and discipline', async () => {
    const layer = (await layerOf('response-zones')).json<MapFeatureCollection>()
    const rows = await t.db.selectFrom('response_zones').select(['id', 'station_code']).execute()
    assert.deepEqual(
      layer.features.map((f) => [f.id, f.properties.station, f.properties.discipline]).sort(),
      [
        [rows.find((r) => r.station_code === 'HFD1')?.id, 'HFD1', 'fire'],
        [rows.find((r) => r.station_code === 'WFD1')?.id, 'WFD1', 'fire'],
        [rows.find((r) => r.station_code === 'WFD2')?.id, 'WFD2', 'fire'],
        [rows.find((r) => r.station_code === 'WPD1')?.id, 'WPD1', 'police'],
      ].sort(),
    )
    assert.ok(layer.features.every((f) => f.geometry.type === 'Polygon'))
  })

  it('keeps only the roads that meet the bbox', async () => {
    const response = await layerOf('roads?bbox=-71.835,42.265,-71.815,42.275')
    assert.equal(response.statusCode, 200, response.body)
    const layer = response.json<MapFeatureCollection>()
    assert.deepEqual(
      layer.features.map((f) => f.properties.name),
      ['Elm St'],
    )
    const touching = (
      await layerOf('roads?bbox=-71.8,42.26,-71.8,42.26')
    ).json<MapFeatureCollection>()
    assert.deepEqual(touching.features.map((f) => f.properties.name).sort(), [
      'Front St',
      'Main St',
    ])
  })

  it('sends an ETag and answers 304 to If-None-Match, per layer and per bbox', async () => {
    const first = await layerOf('roads')
    const etag = String(first.headers.etag)
    assert.match(etag, /^"[\w-]+"$/)
    const again = await layerOf('roads', { 'if-none-match': etag })
    assert.equal(again.statusCode, 304)
    assert.equal(again.body, '')
    assert.equal(again.headers.etag, etag)
    const listed = await layerOf('roads', { 'if-none-match': `"other", W/${etag}` })
    assert.equal(listed.statusCode, 304)
    const stale = await layerOf('roads', { 'if-none-match': '"other"' })
    assert.equal(stale.statusCode, 200)
    const towns = await layerOf('towns', { 'if-none-match': etag })
    assert.equal(towns.statusCode, 200)
    assert.notEqual(towns.headers.etag, etag)
    const cut = await layerOf('roads?bbox=-71.835,42.265,-71.815,42.275', { 'if-none-match': etag })
    assert.equal(cut.statusCode, 200)
    assert.notEqual(cut.headers.etag, etag)
  })

  it('rebuilds the roads after an import raises the layer version, with a new ETag', async () => {
    const before = await layerOf('roads')
    const etag = String(before.headers.etag)
    const rows = mapFixture()
    rows.roadSegments = rows.roadSegments.filter((r) => r.street_name !== 'ELM')
    await writeAddressLayers(t.db, rows)
    const after = await layerOf('roads', { 'if-none-match': etag })
    assert.equal(after.statusCode, 200)
    assert.notEqual(after.headers.etag, etag)
    const names = after.json<MapFeatureCollection>().features.map((f) => f.properties.name)
    assert.deepEqual(names.sort(), ['Front St', 'Main St', 'Oak Ave'])
  })
})
