import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { STREET_COLUMNS } from '../../../../data/demo-region.ts'
import type { Database } from '../../../db/schema.ts'
import type { GeographyLayer } from '../geography.table.ts'
import { importLayer, ImportRejectedError, type ImportLayerName } from './index.ts'
import {
  csv,
  featureCollection,
  line,
  point,
  openImportTestbed,
  readRejects,
  square,
  type TempFolder,
} from './test-files.ts'

let db: Kysely<Database>
let files: TempFolder
let close: () => Promise<void>
before(async () => {
  ;({ db, files, close } = await openImportTestbed())
})
after(() => close())

const rowsOf = (table: GeographyLayer) =>
  db.selectFrom(table).selectAll().orderBy('id').execute() as Promise<Record<string, unknown>[]>

/**
 * The all-or-nothing proof, for any layer: the bad file is refused, the rows and the version
 * are those of the good import before it, and the rejects name these rows and fields.
 */
async function assertRefusedWhole(
  layer: ImportLayerName,
  table: GeographyLayer,
  badFile: string,
  expected: [string, string][],
): Promise<{ at: string; field: string; reason: string }[]> {
  const rows = await rowsOf(table)
  const version = await db
    .selectFrom('geography_layers')
    .select('version')
    .where('layer', '=', table)
    .executeTakeFirstOrThrow()
  await assert.rejects(importLayer(db, layer, badFile), ImportRejectedError)
  assert.deepEqual(await rowsOf(table), rows)
  assert.deepEqual(
    await db
      .selectFrom('geography_layers')
      .select('version')
      .where('layer', '=', table)
      .executeTakeFirstOrThrow(),
    version,
  )
  const rejects = readRejects(`${badFile}.rejects.csv`)
  assert.deepEqual(
    rejects.map((r) => [r.at, r.field]),
    expected,
  )
  for (const reject of rejects) assert.ok(reject.reason.startsWith(`${reject.field}: `))
  return rejects
}

const road = (
  props: Record<string, unknown>,
  geometry: unknown = line([-71.8, 42.26], [-71.79, 42.27]),
) => ({
  geometry,
  properties: {
    St_Name: 'Main',
    St_PosTyp: 'St',
    IncMuni_L: 'Worcester',
    IncMuni_R: 'Worcester',
    ...props,
  },
})

describe('roads', () => {
  it('imports centerlines: ranges, one-way, speed from SpeedLimit or RoadClass', async () => {
    const file = files.write(
      'roads.geojson',
      featureCollection([
        road({
          RCL_NGUID: 'R1',
          St_PreDir: 'north',
          St_PosTyp: 'Street',
          FromAddr_L: 1,
          ToAddr_L: 99,
          FromAddr_R: 2,
          ToAddr_R: 98,
          OneWay: 'ft',
          SpeedLimit: 35,
          RoadClass: 'Local',
        }),
        road({ St_Name: 'Interstate 290', St_PosTyp: '', RoadClass: 'primary', IncMuni_R: '' }),
        road({ St_Name: 'Back', St_PosTyp: 'Alley', FromAddr_L: 0, ToAddr_L: 0 }),
      ]),
    )
    const summary = await importLayer(db, 'roads', file)
    assert.equal(summary.rowsImported, 3)
    const rows = await rowsOf('road_segments')
    assert.deepEqual(
      rows.map((r) => [
        r.source_id,
        r.pre_direction,
        r.street_name,
        r.street_type,
        r.from_left,
        r.to_left,
        r.from_right,
        r.to_right,
        r.town_left,
        r.town_right,
        r.one_way,
        r.speed_mph,
        r.road_class,
      ]),
      [
        ['R1', 'N', 'MAIN', 'ST', 1, 99, 2, 98, 'Worcester', 'Worcester', 'FT', 35, 'Local'],
        [
          null,
          null,
          'INTERSTATE 290',
          null,
          null,
          null,
          null,
          null,
          'Worcester',
          'Worcester',
          'B',
          55,
          'Primary',
        ],
        [
          null,
          null,
          'BACK',
          'ALLEY',
          null,
          null,
          null,
          null,
          'Worcester',
          'Worcester',
          'B',
          25,
          null,
        ],
      ],
    )
    assert.deepEqual(rows[0]!.coordinates, [
      [-71.8, 42.26],
      [-71.79, 42.27],
    ])
  })

  it('refuses a malformed file whole: one-way, types, geometry, ranges', async () => {
    const file = files.write(
      'bad-roads.geojson',
      featureCollection([
        road({}),
        road({ OneWay: 'XX' }),
        road({ SpeedLimit: 'fast' }),
        road({}, point(-71.8, 42.26)),
        road({ St_Name: '' }),
        road({ FromAddr_L: 10 }),
        road({ RoadClass: 'Motorway' }),
        road({}, line([-71.8, 42.26], [-71.79, 95])),
      ]),
    )
    const rejects = await assertRefusedWhole('roads', 'road_segments', file, [
      ['features[1]', 'OneWay'],
      ['features[2]', 'SpeedLimit'],
      ['features[3]', 'geometry'],
      ['features[4]', 'St_Name'],
      ['features[5]', 'ToAddr_L'],
      ['features[6]', 'RoadClass'],
      ['features[7]', 'geometry'],
    ])
    assert.match(rejects[0]!.reason, /unknown value "XX" \(known: B, FT, TF\)/)
    assert.match(rejects[6]!.reason, /out of range/)
  })
})

// Community and Odd_Even are the aliases of Inc_Muni and Parity.
const MSAG_HEADER = ['Community', ...STREET_COLUMNS, 'Low', 'High', 'Odd_Even', 'ESN']

describe('msag', () => {
  it('imports ranges, with the Community and Odd_Even aliases', async () => {
    const file = files.write(
      'msag.csv',
      csv([
        MSAG_HEADER,
        ['Worcester', 'N', 'Main', 'Street', '', 1, 199, 'O', 101],
        ['Worcester', '', 'Coppage', 'Dr', '', 2, 40, 'even', 101],
        ['Leicester', '', 'Main', 'St', '', 1, 500, '', 301],
      ]),
    )
    assert.equal((await importLayer(db, 'msag', file)).rowsImported, 3)
    assert.deepEqual(
      (await rowsOf('msag_ranges')).map((r) => [
        r.town,
        r.pre_direction,
        r.street_name,
        r.street_type,
        r.low,
        r.high,
        r.parity,
        r.esn,
      ]),
      [
        ['Worcester', 'N', 'MAIN', 'ST', 1, 199, 'O', '101'],
        ['Worcester', null, 'COPPAGE', 'DR', 2, 40, 'E', '101'],
        ['Leicester', null, 'MAIN', 'ST', 1, 500, 'B', '301'],
      ],
    )
  })

  it('refuses Low above High, unknown parity and a wrong type, keeping the ranges', async () => {
    const file = files.write(
      'bad-msag.csv',
      csv([
        MSAG_HEADER,
        ['Worcester', '', 'Main', 'St', '', 1, 99, 'B', 101],
        ['Worcester', '', 'Main', 'St', '', 200, 100, 'B', 101],
        ['Worcester', '', 'Main', 'St', '', 1, 99, 'Q', 101],
        ['Worcester', '', 'Main', 'St', '', 1, 'abc', 'B', 101],
        ['', '', 'Main', 'St', '', 1, 9, 'B', 101],
      ]),
    )
    const rejects = await assertRefusedWhole('msag', 'msag_ranges', file, [
      ['line 3', 'Low'],
      ['line 4', 'Odd_Even'],
      ['line 5', 'High'],
      ['line 6', 'Inc_Muni'],
    ])
    assert.match(rejects[0]!.reason, /200 is above High 100/)
  })
})

describe('towns', () => {
  it('imports Polygon and MultiPolygon boundaries', async () => {
    const file = files.write(
      'towns.geojson',
      featureCollection([
        { geometry: square(-71.9, 42.2, 0.1), properties: { Inc_Muni: 'Worcester', State: 'MA' } },
        {
          geometry: {
            type: 'MultiPolygon',
            coordinates: [square(-72, 42.2).coordinates, square(-72.1, 42.2).coordinates],
          },
          properties: { Inc_Muni: 'Leicester' },
        },
      ]),
    )
    assert.equal((await importLayer(db, 'towns', file)).rowsImported, 2)
    const rows = await rowsOf('jurisdictions')
    assert.deepEqual(
      rows.map((r) => [r.town, r.state, r.geometry_type]),
      [
        ['Worcester', 'MA', 'Polygon'],
        ['Leicester', 'MA', 'MultiPolygon'],
      ],
    )
    assert.deepEqual(rows[0]!.coordinates, square(-71.9, 42.2, 0.1).coordinates)
  })

  it('refuses an unclosed polygon, a wrong geometry type and a town given twice', async () => {
    const file = files.write(
      'bad-towns.geojson',
      featureCollection([
        { geometry: square(-71.9, 42.2), properties: { Inc_Muni: 'Worcester' } },
        { geometry: square(-71.8, 42.2, 0.01, true), properties: { Inc_Muni: 'Auburn' } },
        { geometry: point(-71.8, 42.2), properties: { Inc_Muni: 'Paxton' } },
        { geometry: square(-71.7, 42.2), properties: { Inc_Muni: 'WORCESTER' } },
        { geometry: square(-71.6, 42.2), properties: {} },
      ]),
    )
    const rejects = await assertRefusedWhole('towns', 'jurisdictions', file, [
      ['features[1]', 'geometry'],
      ['features[2]', 'geometry'],
      ['features[3]', 'Inc_Muni'],
      ['features[4]', 'Inc_Muni'],
    ])
    assert.match(rejects[0]!.reason, /not closed/)
    assert.match(rejects[2]!.reason, /already at features\[0\]/)
  })
})

describe('response-zones', () => {
  it('imports first-due zones per station and discipline', async () => {
    const file = files.write(
      'zones.geojson',
      featureCollection([
        { geometry: square(-71.9, 42.2), properties: { Station: 'wfd1', Discipline: 'Fire' } },
        { geometry: square(-71.8, 42.2), properties: { Station: 'WPD', Discipline: 'police' } },
      ]),
    )
    assert.equal((await importLayer(db, 'response-zones', file)).rowsImported, 2)
    assert.deepEqual(
      (await rowsOf('response_zones')).map((r) => [r.station_code, r.discipline, r.geometry_type]),
      [
        ['WFD1', 'fire', 'Polygon'],
        ['WPD', 'police', 'Polygon'],
      ],
    )
  })

  it('refuses an unknown discipline and a missing station', async () => {
    const file = files.write(
      'bad-zones.geojson',
      featureCollection([
        { geometry: square(-71.9, 42.2), properties: { Station: 'WFD2', Discipline: 'fire' } },
        {
          geometry: square(-71.9, 42.2),
          properties: { Station: 'WFD2', Discipline: 'coast guard' },
        },
        { geometry: square(-71.9, 42.2), properties: { Discipline: 'ems' } },
      ]),
    )
    await assertRefusedWhole('response-zones', 'response_zones', file, [
      ['features[1]', 'Discipline'],
      ['features[2]', 'Station'],
    ])
  })
})

describe('places', () => {
  it('imports aliases from CSV with and without an address', async () => {
    const file = files.write(
      'places.csv',
      csv([
        [
          'LandmkName',
          'Add_Number',
          'St_PreDir',
          'St_Name',
          'St_PosTyp',
          'Inc_Muni',
          'Lat',
          'Long',
        ],
        ['City Hall', 455, '', 'Main', 'Street', 'Worcester', 42.2625, -71.8018],
        ['Union Station', '', '', '', '', 'Worcester', 42.2617, -71.7943],
      ]),
    )
    assert.equal((await importLayer(db, 'places', file)).rowsImported, 2)
    assert.deepEqual(
      (await rowsOf('place_names')).map((r) => [
        r.name,
        r.house_number,
        r.street_name,
        r.street_type,
        r.town,
        r.lat,
        r.lon,
      ]),
      [
        ['City Hall', 455, 'MAIN', 'ST', 'Worcester', 42.2625, -71.8018],
        ['Union Station', null, null, null, 'Worcester', 42.2617, -71.7943],
      ],
    )
  })

  it('refuses a place without a name, a town, or a street for its number (GeoJSON)', async () => {
    const file = files.write(
      'bad-places.geojson',
      featureCollection([
        {
          geometry: point(-71.8, 42.26),
          properties: { LandmkName: 'Library', Inc_Muni: 'Worcester' },
        },
        { geometry: point(-71.8, 42.26), properties: { Inc_Muni: 'Worcester' } },
        { geometry: point(-71.8, 42.26), properties: { LandmkName: 'Park' } },
        {
          geometry: point(-71.8, 42.26),
          properties: { LandmkName: 'Mall', Add_Number: 5, Inc_Muni: 'Worcester' },
        },
        { geometry: point(-200, 42.26), properties: { LandmkName: 'Pier', Inc_Muni: 'Worcester' } },
      ]),
    )
    await assertRefusedWhole('places', 'place_names', file, [
      ['features[1]', 'LandmkName'],
      ['features[2]', 'Inc_Muni'],
      ['features[3]', 'St_Name'],
      ['features[4]', 'geometry'],
    ])
  })
})
