import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Incident, Recommendation } from '@common/api/incidents.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import {
  buildAgency,
  buildIncident,
  buildStation,
  buildUnit,
  staffWith,
} from '../../test/factories.ts'
import { RIVER_TOWN, RIVER_TOWN_SEGMENTS } from './river-town.fixture.ts'

let t: TestPlatform
let dispatcher: StaffSession
before(async () => {
  t = await startTestPlatform()
  dispatcher = await staffWith(t, ['dispatcher'])
})
after(() => t.close())

type Place = { lat: number; lon: number }
let serial = 0
const TOWN = 'Rivertown'

/** Takes the units of earlier tests off the board, so each test sees only its own. */
async function clearTheBoard(): Promise<void> {
  await t.db
    .updateTable('units')
    .set({ status: 'out_of_service', out_of_service_reason: 'earlier test' })
    .execute()
}

async function engineAt(
  place: Place | null,
  overrides: { status?: 'available' | 'out_of_service'; fix?: Place & { ageSeconds: number } } = {},
) {
  const agency = await buildAgency(t, { kind: 'fire', code: `RF${++serial}`, town: TOWN })
  const station = place
    ? await buildStation(t, { agencyId: agency.id, town: TOWN, ...place })
    : null
  const unit = await buildUnit(t, {
    agencyId: agency.id,
    stationId: station?.id ?? null,
    code: `RE${serial}`,
    status: overrides.status ?? 'in_quarters',
  })
  if (overrides.fix) await placeFix(unit.id, overrides.fix)
  return unit
}

async function placeFix(unitId: string, fix: Place & { ageSeconds: number }): Promise<void> {
  await t.db
    .updateTable('units')
    .set({
      fix_lat: fix.lat,
      fix_lon: fix.lon,
      fix_at: new Date(t.clock.now().getTime() - fix.ageSeconds * 1000),
    })
    .where('id', '=', unitId)
    .execute()
}

async function recommendationFor(incidentId: string): Promise<Recommendation> {
  const response = await dispatcher.request('GET', `/api/incidents/${incidentId}/recommendation`)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<Recommendation>()
}

const fireAtTheMill = (natureCode = 'FIRE-VEH') =>
  buildIncident(t, { natureCode, town: TOWN, ...RIVER_TOWN.incident })

/** Imports the river town's roads the way an import leaves them: rows, then a new layer version. */
async function loadRiverTown(): Promise<void> {
  await t.db
    .insertInto('road_segments')
    .values(
      RIVER_TOWN_SEGMENTS.map((segment) => ({
        street_name: segment.name,
        one_way: segment.one_way,
        speed_mph: segment.speed_mph,
        coordinates: JSON.stringify(segment.coordinates),
      })),
    )
    .execute()
  await t.db
    .insertInto('geography_layers')
    .values({
      layer: 'road_segments',
      version: 1,
      imported_at: new Date(),
      source_file: 'river-town.geojson',
      rows_imported: RIVER_TOWN_SEGMENTS.length,
      rows_rejected: 0,
    })
    .execute()
  // The graph is re-checked at most once a second.
  t.clock.advance(2000)
}

describe('GET /api/incidents/:id/recommendation by drive time', () => {
  it('ranks by straight line and says so while no road network is loaded', async () => {
    await clearTheBoard()
    const east = await engineAt(RIVER_TOWN.eastBank)
    await engineAt(RIVER_TOWN.westBank)
    const incident = await fireAtTheMill()
    const recommendation = await recommendationFor(incident.id)
    assert.equal(recommendation.approximate, true)
    assert.match(recommendation.approximateReason ?? '', /no road network loaded/)
    const [line] = recommendation.lines
    assert.deepEqual(line!.recommendedUnitCodes, [east.code])
    assert.equal(line!.choices[0]!.approximate, true)
    assert.ok(line!.choices[0]!.distanceM! < 650, 'a straight line across the river')
  })

  it('ranks by road: the unit across the river, closer as the crow flies, loses', async () => {
    await loadRiverTown()
    await clearTheBoard()
    await engineAt(RIVER_TOWN.eastBank)
    const west = await engineAt(RIVER_TOWN.westBank)
    const broken = await engineAt(RIVER_TOWN.incident, { status: 'out_of_service' })
    const incident = await fireAtTheMill()
    const recommendation = await recommendationFor(incident.id)
    assert.equal(recommendation.approximate, false, recommendation.approximateReason ?? '')
    const [line] = recommendation.lines
    assert.deepEqual(line!.recommendedUnitIds, [west.id])
    const [choice] = line!.choices
    assert.equal(choice!.code, west.code)
    assert.equal(choice!.from, 'station')
    assert.equal(choice!.approximate, false)
    assert.ok(choice!.distanceM! > 1500 && choice!.distanceM! < 1700, `${choice!.distanceM} m`)
    assert.ok(
      choice!.driveSeconds! > 100 && choice!.driveSeconds! < 150,
      `${choice!.driveSeconds} s`,
    )
    const mentioned = JSON.stringify(recommendation)
    assert.equal(mentioned.includes(broken.id), false, 'out of service never appears')
  })

  it('places a unit with a stale fix at its station, flagged, and skips one with no position', async () => {
    await clearTheBoard()
    const stale = await engineAt(RIVER_TOWN.farEast, {
      fix: { ...RIVER_TOWN.incident, ageSeconds: 7200 },
    })
    const nowhere = await engineAt(null)
    const incident = await fireAtTheMill()
    const [line] = (await recommendationFor(incident.id)).lines
    const [choice] = line!.choices
    assert.equal(choice!.unitId, stale.id)
    assert.equal(choice!.from, 'station')
    assert.equal(choice!.stale, true)
    assert.ok(Math.abs(choice!.fixAgeSeconds! - 7200) <= 2, `${choice!.fixAgeSeconds}`)
    assert.ok(choice!.distanceM! > 6000, 'from the far station, over the bridge')
    assert.deepEqual(
      line!.skipped.map((s) => [s.unitId, s.reason]),
      [[nowhere.id, 'no AVL fix and no station: its position is unknown']],
    )

    await placeFix(stale.id, { ...RIVER_TOWN.incident, ageSeconds: 30 })
    const [fresh] = (await recommendationFor(incident.id)).lines[0]!.choices
    assert.equal(fresh!.from, 'avl')
    assert.equal(fresh!.stale, false)
    assert.ok(fresh!.distanceM! < 50, 'the fresh fix is at the incident')
  })

  it('answers by straight line, flagged approximate, when the search has no time', async () => {
    await clearTheBoard()
    const east = await engineAt(RIVER_TOWN.eastBank)
    await engineAt(RIVER_TOWN.westBank)
    const incident = await fireAtTheMill()
    const budget = t.config.routeBudgetMs
    t.config.routeBudgetMs = 0
    try {
      const recommendation = await recommendationFor(incident.id)
      assert.equal(recommendation.approximate, true)
      assert.match(recommendation.approximateReason ?? '', /ran out of its 0 ms budget/)
      assert.deepEqual(recommendation.lines[0]!.recommendedUnitIds, [east.id])
    } finally {
      t.config.routeBudgetMs = budget
    }
  })

  it('says so when the incident has no position at all', async () => {
    await clearTheBoard()
    const unit = await engineAt(RIVER_TOWN.westBank)
    const incident = await buildIncident(t, {
      natureCode: 'FIRE-VEH',
      town: TOWN,
      lat: null,
      lon: null,
    })
    const recommendation = await recommendationFor(incident.id)
    assert.equal(recommendation.approximate, true)
    assert.match(recommendation.approximateReason ?? '', /incident has no position/)
    assert.deepEqual(recommendation.lines[0]!.recommendedUnitIds, [unit.id])
    assert.equal(recommendation.lines[0]!.choices[0]!.driveSeconds, null)
  })
})

describe('POST /api/incidents/:id/alarm by drive time', () => {
  it('sends the next level by drive time from inside the upgrade transaction', async () => {
    await clearTheBoard()
    const east = await engineAt(RIVER_TOWN.eastBank)
    const west = await engineAt(RIVER_TOWN.westBank)
    const farEast = await engineAt(RIVER_TOWN.farEast)
    const incident = await fireAtTheMill('FIRE-BRUSH')
    const first = await recommendationFor(incident.id)
    assert.deepEqual(first.lines[0]!.recommendedUnitIds, [west.id])
    const sent = await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [west.id],
    })
    assert.equal(sent.statusCode, 200, sent.body)

    const upgraded = await dispatcher.request('POST', `/api/incidents/${incident.id}/alarm`, {})
    assert.equal(upgraded.statusCode, 200, upgraded.body)
    const body = upgraded.json<{ incident: Incident; recommendation: Recommendation }>()
    const line = body.recommendation.lines.find((l) => l.unitType === 'engine')!
    assert.equal(line.alreadyAssigned, 1)
    assert.deepEqual(line.recommendedUnitIds, [east.id, farEast.id], 'nearest by road first')
    assert.ok(line.choices[0]!.driveSeconds! < line.choices[1]!.driveSeconds!)
    assert.deepEqual(
      body.incident.units.map((u) => u.unitId).sort(),
      [east.id, west.id, farEast.id].sort(),
    )
  })
})
