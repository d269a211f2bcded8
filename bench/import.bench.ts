/**
 * Import of 200k address points. Figure: rows per second through importLayer (read the GeoJSON
 * file, check and normalise every row, one transaction replacing the layer) into a fresh
 * database on the server. Baseline: the same rows, already normalised, inserted by a bare
 * multi-row INSERT loop with pg in one transaction, in the same run. Target: report only; met
 * when nothing was rejected and every row landed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { normalDirection, normalName, normalStreetType } from '../common/domain/address.ts'
import { openServer } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { importLayer } from '../server/domains/geography/import/index.ts'
import { createServerDatabase } from '../server/test/test-database.ts'
import { seededRandom } from '../data/seeded-random.ts'
import type { BenchResult } from './lib/measure.ts'

const ROWS = 200_000
const BASELINE_BATCH = 1000

const STREETS = ['Main', 'Park', 'Elm', 'Pleasant', 'Highland', 'Chandler', 'Grove', 'Salisbury']
const TYPES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Drive', 'Lane', 'Court']
const DIRECTIONS = ['', '', '', 'North', 'S', 'East', 'W']
const TOWNS = ['Worcester', 'Leicester', 'Shrewsbury']

interface Properties {
  Add_Number: number
  St_PreDir: string
  St_Name: string
  St_PosTyp: string
  Unit: string
  Inc_Muni: string
  Post_Code: string
}

/** Deterministic points spread over the demo towns, with spellings the importer normalises. */
function generatePoints(): { properties: Properties; lon: number; lat: number }[] {
  const random = seededRandom(200_000)
  return Array.from({ length: ROWS }, (_, i) => ({
    properties: {
      Add_Number: 1 + random.int(3000),
      St_PreDir: random.pick(DIRECTIONS),
      St_Name: `${random.pick(STREETS)} ${Math.floor(i / 40)}`,
      St_PosTyp: random.pick(TYPES),
      Unit: random.chance(0.1) ? `Apt ${1 + random.int(20)}` : '',
      Inc_Muni: random.pick(TOWNS),
      Post_Code: `016${String(random.int(100)).padStart(2, '0')}`,
    },
    lon: -71.9 + random.next() * 0.2,
    lat: 42.2 + random.next() * 0.15,
  }))
}

const COLUMNS = [
  'house_number',
  'pre_direction',
  'street_name',
  'street_type',
  'unit',
  'town',
  'postal_code',
  'state',
  'lat',
  'lon',
] as const

async function insertBaseline(url: string, rows: unknown[][]): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const started = performance.now()
    await client.query('begin')
    for (let start = 0; start < rows.length; start += BASELINE_BATCH) {
      const batch = rows.slice(start, start + BASELINE_BATCH)
      const values = batch
        .map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`)
        .join(', ')
      await client.query(
        `insert into address_points (${COLUMNS.join(', ')}) values ${values}`,
        batch.flat(),
      )
    }
    await client.query('commit')
    const elapsed = (performance.now() - started) / 1000
    await client.query('truncate address_points')
    return rows.length / elapsed
  } finally {
    await client.end()
  }
}

export async function importBench(): Promise<BenchResult> {
  const points = generatePoints()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-import-bench-'))
  const file = path.join(dir, 'address-points.geojson')
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      generated: 'bench/import.bench.ts (deterministic test data, not real addresses)',
      features: points.map((point) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
        properties: point.properties,
      })),
    }),
  )
  const normalised = points.map(({ properties: p, lon, lat }) => [
    p.Add_Number,
    normalDirection(p.St_PreDir) || null,
    normalName(p.St_Name),
    normalStreetType(p.St_PosTyp) || null,
    p.Unit || null,
    p.Inc_Muni,
    p.Post_Code,
    'MA',
    lat,
    lon,
  ])

  const database = await createServerDatabase()
  const handle = await openServer(database.url)
  try {
    await migrate(handle.db)
    const baseline = await insertBaseline(database.url, normalised)
    const started = performance.now()
    const summary = await importLayer(handle.db, 'address-points', file)
    const figure = summary.rowsImported / ((performance.now() - started) / 1000)
    const count = await handle.db
      .selectFrom('address_points')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const landed = Number(count.n)
    return {
      name: 'import',
      figure: `${Math.round(figure)} rows/s through importLayer (${ROWS} address points, GeoJSON ${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`,
      baseline: `${Math.round(baseline)} rows/s by a bare multi-row INSERT loop (pg, one transaction)`,
      ratio: figure / baseline,
      target: 'report only (met when nothing is rejected and every row lands)',
      met: summary.rowsRejected === 0 && summary.rowsImported === ROWS && landed === ROWS,
      details: [
        `rows read ${summary.rowsRead}, imported ${summary.rowsImported}, rejected ${summary.rowsRejected}, in the table ${landed}`,
      ],
    }
  } finally {
    await handle.close()
    await database.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
