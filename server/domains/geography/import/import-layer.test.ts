import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { ADDRESS_POINT_COLUMNS } from '../../../../data/demo-region.ts'
import type { Database } from '../../../db/schema.ts'
import { ImportFileError, importLayer, ImportRejectedError } from './index.ts'
import {
  csv,
  featureCollection,
  line,
  point,
  openImportTestbed,
  readRejects,
  type TempFolder,
} from './test-files.ts'

let db: Kysely<Database>
let files: TempFolder
let close: () => Promise<void>
before(async () => {
  ;({ db, files, close } = await openImportTestbed())
})
after(() => close())

const addressPoints = () =>
  db.selectFrom('address_points').selectAll().orderBy('house_number').execute()
const layerRow = () =>
  db
    .selectFrom('geography_layers')
    .selectAll()
    .where('layer', '=', 'address_points')
    .executeTakeFirst()

const HEADER = ADDRESS_POINT_COLUMNS

const goodGeoJson = () =>
  featureCollection([
    {
      geometry: point(-71.8023, 42.2626),
      properties: {
        Site_NGUID: 'AP-1',
        Add_Number: 12,
        St_PreDir: 'North',
        St_Name: 'Main',
        St_PosTyp: 'Street',
        Unit: 'Apt 3',
        Inc_Muni: 'Worcester',
        Post_Code: 1608,
        State: 'ma',
      },
    },
    {
      geometry: point(-71.8, 42.262),
      properties: {
        Add_Number: '14A',
        St_Name: 'front',
        St_PosTyp: 'st.',
        St_PosDir: 'southwest',
        Inc_Muni: 'Worcester',
      },
    },
    {
      geometry: point(-71.7, 42.3),
      properties: { Add_Number: 2, St_Name: 'Coppage', St_PosTyp: 'Drive', Inc_Muni: 'Shrewsbury' },
    },
  ])

describe(importLayer.name, () => {
  it('imports good address points from GeoJSON, normalised, and records the layer', async () => {
    const file = files.write('points.geojson', goodGeoJson())
    const summary = await importLayer(db, 'address-points', file)
    assert.deepEqual(summary, {
      layer: 'address-points',
      file,
      rowsRead: 3,
      rowsImported: 3,
      rowsRejected: 0,
      rejectsFile: null,
      version: 1,
    })
    const rows = await addressPoints()
    assert.deepEqual(
      rows.map((r) => [
        r.source_id,
        r.house_number,
        r.house_number_suffix,
        r.pre_direction,
        r.street_name,
        r.street_type,
        r.post_direction,
        r.unit,
        r.town,
        r.postal_code,
        r.state,
      ]),
      [
        [null, 2, null, null, 'COPPAGE', 'DR', null, null, 'Shrewsbury', null, 'MA'],
        ['AP-1', 12, null, 'N', 'MAIN', 'ST', null, 'Apt 3', 'Worcester', '01608', 'MA'],
        [null, 14, 'A', null, 'FRONT', 'ST', 'SW', null, 'Worcester', null, 'MA'],
      ],
    )
    assert.deepEqual([rows[1]!.lat, rows[1]!.lon], [42.2626, -71.8023])
    const layer = await layerRow()
    assert.equal(layer?.version, 1)
    assert.equal(layer?.rows_imported, 3)
    assert.equal(layer?.rows_rejected, 0)
    assert.ok(layer?.source_file.endsWith('points.geojson'))
  })

  it('imports address points from CSV with Lat and Long, replacing the layer', async () => {
    const file = files.write(
      'points.csv',
      csv([
        HEADER,
        ['', 7, '1/2', 'E', 'Elm', 'Avenue', '', '', 'Worcester', '01609', 'MA', 42.27, -71.81],
        ['', 9, '', '', '"Main, Upper"', 'rd', '', '', 'Leicester', '', '', 42.25, -71.9],
      ]),
    )
    const summary = await importLayer(db, 'address-points', file)
    assert.equal(summary.rowsImported, 2)
    assert.equal(summary.version, 2)
    const rows = await addressPoints()
    assert.deepEqual(
      rows.map((r) => [
        r.house_number,
        r.house_number_suffix,
        r.pre_direction,
        r.street_name,
        r.street_type,
      ]),
      [
        [7, '1/2', 'E', 'ELM', 'AVE'],
        [9, null, null, 'MAIN UPPER', 'RD'],
      ],
    )
    assert.deepEqual([rows[0]!.lat, rows[0]!.lon, rows[0]!.postal_code], [42.27, -71.81, '01609'])
  })

  it('refuses a malformed CSV whole, keeps the previous layer and names each bad line', async () => {
    const before = await addressPoints()
    const file = files.write(
      'bad.csv',
      csv([
        HEADER,
        ['', 21, '', '', 'Oak', 'St', '', '', 'Worcester', '', '', 42.26, -71.8],
        ['', 23, '', '', 'Oak', 'St', '', '', 'Worcester', '', '', 'north', -71.8],
        ['', 25, '', '', '', 'St', '', '', 'Worcester', '', '', 42.26, -71.8],
        ['', '12.5', '', '', 'Oak', 'St', '', '', '', '', '', 42.26, -71.8],
        ['', 27, '', '', 'Oak', 'St', '', '', 'Worcester', '', '', 142.26, -71.8],
        ['', 29, '', 'Up', 'Oak', 'St', '', '', 'Worcester', '', '', 42.26],
        ['', '31B', 'C', '', 'Oak', 'St', '', '', 'Worcester', '', '', 42.26, -71.8],
      ]),
    )
    const rejectsFile = `${files.dir}/bad-rejects.csv`
    const error = await importLayer(db, 'address-points', file, { rejectsFile }).then(
      () => assert.fail('the import should be refused'),
      (e: unknown) => e,
    )
    assert.ok(error instanceof ImportRejectedError)
    assert.equal(error.summary.rowsRead, 7)
    assert.equal(error.summary.rowsRejected, 6)
    assert.equal(error.summary.rowsImported, 0)
    assert.equal(error.summary.version, 2)
    assert.deepEqual(await addressPoints(), before)
    assert.equal((await layerRow())?.version, 2)
    const rejects = readRejects(rejectsFile)
    assert.deepEqual(
      rejects.map((r) => [r.at, r.field]),
      [
        ['line 7', ''],
        ['line 3', 'Lat'],
        ['line 4', 'St_Name'],
        ['line 5', 'Add_Number'],
        ['line 5', 'Inc_Muni'],
        ['line 6', 'Lat'],
        ['line 8', 'Add_Number'],
      ],
    )
    assert.match(rejects[0]!.reason, /has 12 values where the header has 13/)
    assert.match(rejects[1]!.reason, /^Lat: not a number \("north"\)/)
    assert.match(rejects[2]!.reason, /^St_Name: required/)
    assert.match(rejects[3]!.reason, /^Add_Number: not a whole number \("12.5"\)/)
    assert.match(rejects[5]!.reason, /^Lat: 142.26 is out of range/)
    assert.match(rejects[6]!.reason, /^Add_Number: "31B" holds a suffix and AddNum_Suf is "C"/)
  })

  it('refuses bad GeoJSON features by index: coordinates, geometry type, wrong types', async () => {
    const before = await addressPoints()
    const good = { Add_Number: 1, St_Name: 'Oak', Inc_Muni: 'Worcester' }
    const file = files.write(
      'bad.geojson',
      featureCollection([
        { geometry: point(-71.8, 42.26), properties: good },
        { geometry: point('-71.8', 42.26), properties: good },
        { geometry: line([-71.8, 42.26], [-71.7, 42.27]), properties: good },
        { geometry: point(-71.8, 42.26), properties: { ...good, Add_Number: 'twelve' } },
        { geometry: point(-71.8, 42.26), properties: { ...good, St_PreDir: 'Upward' } },
        { geometry: null, properties: good },
      ]),
    )
    await assert.rejects(importLayer(db, 'address-points', file), ImportRejectedError)
    assert.deepEqual(await addressPoints(), before)
    const rejects = readRejects(`${file}.rejects.csv`)
    assert.deepEqual(
      rejects.map((r) => [r.at, r.field]),
      [
        ['features[1]', 'geometry'],
        ['features[2]', 'geometry'],
        ['features[3]', 'Add_Number'],
        ['features[4]', 'St_PreDir'],
        ['features[5]', 'geometry'],
      ],
    )
    assert.match(rejects[0]!.reason, /coordinates are not numbers/)
    assert.match(rejects[1]!.reason, /expected a Point, found "LineString"/)
    assert.match(rejects[3]!.reason, /unknown direction "Upward"/)
  })

  it('imports only the good rows with allowRejects, and counts the rest', async () => {
    const file = files.write(
      'mixed.csv',
      csv([
        HEADER,
        ['', 41, '', '', 'Pine', 'St', '', '', 'Worcester', '', '', 42.26, -71.8],
        ['', 43, '', '', 'Pine', 'St', '', '', 'Worcester', '', '', 'x', -71.8],
        ['', 45, '', '', 'Pine', 'Street', '', '', 'Worcester', '', '', 42.26, -71.8],
      ]),
    )
    const summary = await importLayer(db, 'address-points', file, { allowRejects: true })
    assert.deepEqual(
      [summary.rowsRead, summary.rowsImported, summary.rowsRejected, summary.version],
      [3, 2, 1, 3],
    )
    assert.equal(summary.rejectsFile, `${file}.rejects.csv`)
    assert.deepEqual(
      readRejects(summary.rejectsFile).map((r) => r.at),
      ['line 3'],
    )
    assert.deepEqual(
      (await addressPoints()).map((r) => [r.house_number, r.street_type]),
      [
        [41, 'ST'],
        [45, 'ST'],
      ],
    )
    const layer = await layerRow()
    assert.deepEqual([layer?.rows_imported, layer?.rows_rejected], [2, 1])
  })

  it('fails with a clear message on a file it cannot read or parse, changing nothing', async () => {
    const before = await addressPoints()
    const cases: [string, string, RegExp][] = [
      ['broken.geojson', '{"type": "FeatureCollection", "features": [', /not valid JSON/],
      ['notfc.geojson', '{"type": "Feature"}', /not a GeoJSON FeatureCollection/],
      ['quote.csv', `${HEADER.join(',')}\n1,"Main,Worcester\n`, /line 2: a quoted field/],
      ['columns.csv', 'Add_Number,St_Name\n12,Main\n', /lacks the column\(s\) Inc_Muni, Lat, Long/],
      ['empty.csv', '', /empty/],
      ['header.csv', `${HEADER.join(',')}\n`, /holds no rows/],
    ]
    for (const [name, content, message] of cases) {
      const file = files.write(name, content)
      await assert.rejects(importLayer(db, 'address-points', file), (error: unknown) => {
        assert.ok(error instanceof ImportFileError, name)
        assert.match(error.message, message)
        return true
      })
    }
    await assert.rejects(
      importLayer(db, 'address-points', `${files.dir}/missing.csv`),
      /missing\.csv: cannot be read/,
    )
    await assert.rejects(
      importLayer(db, 'roads', files.write('roads.csv', 'St_Name\nMain\n')),
      /roads are read from geojson; this file is csv/,
    )
    assert.deepEqual(await addressPoints(), before)
    assert.equal((await layerRow())?.version, 3)
    assert.equal(fs.existsSync(`${files.dir}/broken.geojson.rejects.csv`), false)
  })
})
