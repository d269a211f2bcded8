import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { UnitType } from '@common/domain/units.ts'
import { buildRoadGraph } from '../geography/index.ts'
import { RIVER_TOWN, RIVER_TOWN_SEGMENTS } from './river-town.fixture.ts'
import {
  NO_INCIDENT_POSITION,
  NO_ROAD_NETWORK,
  rankUnits,
  type CandidateUnit,
  type RankingSettings,
} from './unit-ranking.ts'

const graph = buildRoadGraph(RIVER_TOWN_SEGMENTS)
const now = new Date('2026-06-01T12:00:00Z')
const settings: RankingSettings = { avlStaleSeconds: 1800, routeBudgetMs: 1000, now }
const incident = { ...RIVER_TOWN.incident, town: 'Rivertown' }

let serial = 0
function unit(overrides: Partial<CandidateUnit> = {}): CandidateUnit {
  serial++
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    code: `E${serial}`,
    unitType: 'engine',
    homeTown: 'Rivertown',
    fixLat: null,
    fixLon: null,
    fixAt: null,
    stationLat: null,
    stationLon: null,
    ...overrides,
  }
}
const atStation = (place: { lat: number; lon: number }, overrides: Partial<CandidateUnit> = {}) =>
  unit({ stationLat: place.lat, stationLon: place.lon, ...overrides })
const need = (n: number, type: UnitType = 'engine') => new Map<UnitType, number>([[type, n]])

describe(rankUnits.name, () => {
  it('picks the unit that is closer by road, not the one closer in a straight line', () => {
    const east = atStation(RIVER_TOWN.eastBank)
    const west = atStation(RIVER_TOWN.westBank)
    const ranking = rankUnits(graph, incident, [east, west], need(2), settings)
    const [first, second] = ranking.byType.get('engine')!.chosen
    assert.equal(first!.code, west.code)
    assert.equal(second!.code, east.code)
    assert.ok(first!.driveSeconds! < second!.driveSeconds!)
    assert.ok(second!.distanceM! > 4500, `road distance over the bridge: ${second!.distanceM}`)
    assert.equal(first!.approximate, false)
    assert.equal(first!.from, 'station')
    assert.equal(ranking.approximateReason, null)
  })

  it('ranks by straight line, flagged approximate, when no road network is loaded', () => {
    const east = atStation(RIVER_TOWN.eastBank)
    const west = atStation(RIVER_TOWN.westBank)
    const ranking = rankUnits(null, incident, [west, east], need(1), settings)
    const [only] = ranking.byType.get('engine')!.chosen
    assert.equal(only!.code, east.code)
    assert.equal(only!.approximate, true)
    assert.ok(only!.distanceM! > 500 && only!.distanceM! < 650, `${only!.distanceM}`)
    assert.equal(ranking.approximateReason, NO_ROAD_NETWORK)
  })

  it('falls back to a straight-line ranking, flagged approximate, when the search budget is spent', () => {
    const east = atStation(RIVER_TOWN.eastBank)
    const west = atStation(RIVER_TOWN.westBank)
    const ranking = rankUnits(graph, incident, [west, east], need(1), {
      ...settings,
      routeBudgetMs: 0,
    })
    const [only] = ranking.byType.get('engine')!.chosen
    assert.equal(only!.code, east.code, 'the straight-line winner')
    assert.equal(only!.approximate, true)
    assert.match(ranking.approximateReason ?? '', /ran out of its 0 ms budget/)
  })

  it('starts a unit from a fresh AVL fix, and from its station when the fix is stale', () => {
    const fresh = atStation(RIVER_TOWN.eastBank, {
      fixLat: RIVER_TOWN.incident.lat,
      fixLon: RIVER_TOWN.incident.lon,
      fixAt: new Date(now.getTime() - 60_000),
    })
    const stale = atStation(RIVER_TOWN.farEast, {
      fixLat: RIVER_TOWN.incident.lat,
      fixLon: RIVER_TOWN.incident.lon,
      fixAt: new Date(now.getTime() - 7200_000),
    })
    const west = atStation(RIVER_TOWN.westBank)
    const chosen = rankUnits(graph, incident, [stale, west, fresh], need(3), settings).byType.get(
      'engine',
    )!.chosen
    assert.deepEqual(
      chosen.map((c) => [c.code, c.from, c.fixAgeSeconds, c.stale]),
      [
        [fresh.code, 'avl', 60, false],
        [west.code, 'station', null, false],
        [stale.code, 'station', 7200, true],
      ],
    )
  })

  it('skips a unit with no usable position, with the reason, and reports it only once', () => {
    const nowhere = unit()
    const lost = unit({ fixLat: 42.26, fixLon: -71.8, fixAt: new Date(now.getTime() - 4000_000) })
    const west = atStation(RIVER_TOWN.westBank)
    const line = rankUnits(graph, incident, [nowhere, lost, west], need(3), settings).byType.get(
      'engine',
    )!
    assert.deepEqual(
      line.chosen.map((c) => c.code),
      [west.code],
    )
    assert.deepEqual(
      line.skipped.map((s) => s.code),
      [nowhere.code, lost.code],
    )
    assert.match(line.skipped[0]!.reason, /no AVL fix and no station/)
    assert.match(line.skipped[1]!.reason, /stale/)
  })

  it('ranks by home town then code when the incident has no position', () => {
    const away = atStation(RIVER_TOWN.westBank, { homeTown: 'Elsewhere', code: 'A1' })
    const home = unit({ code: 'Z9' })
    const ranking = rankUnits(
      graph,
      { lat: null, lon: null, town: 'rivertown' },
      [away, home],
      need(2),
      settings,
    )
    const line = ranking.byType.get('engine')!
    assert.deepEqual(
      line.chosen.map((c) => [c.code, c.driveSeconds]),
      [
        ['Z9', null],
        ['A1', null],
      ],
    )
    assert.deepEqual(line.skipped, [])
    assert.equal(ranking.approximateReason, NO_INCIDENT_POSITION)
  })

  it('keeps each type to its own candidates and count', () => {
    const ladder = atStation(RIVER_TOWN.westBank, { unitType: 'ladder' })
    const engine = atStation(RIVER_TOWN.westBank)
    const patrol = atStation(RIVER_TOWN.westBank, { unitType: 'patrol' })
    const ranking = rankUnits(
      graph,
      incident,
      [ladder, engine, patrol],
      new Map<UnitType, number>([
        ['engine', 1],
        ['ladder', 0],
      ]),
      settings,
    )
    assert.deepEqual(
      ranking.byType.get('engine')!.chosen.map((c) => c.code),
      [engine.code],
    )
    assert.deepEqual(ranking.byType.get('ladder')!.chosen, [])
    assert.equal(ranking.byType.has('patrol'), false)
  })
})
