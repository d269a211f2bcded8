import type { RecommendedUnit } from '@common/api/incidents.ts'
import type { UnitType } from '@common/domain/units.ts'
import {
  driveTimesTo,
  haversineM,
  secondsAt,
  type DriveTime,
  type RoadGraph,
} from '../geography/index.ts'

/** The estimate when no road route is known: a straight line at a cautious urban speed. */
export const STRAIGHT_LINE_MPH = 25

export const NO_ROAD_NETWORK = 'no road network loaded: ranked by straight-line distance'
export const NO_INCIDENT_POSITION =
  'the incident has no position: ranked by home town, not by distance'

/** A free unit that could be recommended, with what places it. */
export interface CandidateUnit {
  id: string
  code: string
  unitType: UnitType
  homeTown: string
  fixLat: number | null
  fixLon: number | null
  fixAt: Date | null
  stationLat: number | null
  stationLon: number | null
}

export interface RankingSettings {
  avlStaleSeconds: number
  routeBudgetMs: number
  now: Date
}

export interface RankedType {
  /** The fastest `need` units, fastest first. */
  chosen: RecommendedUnit[]
  skipped: { unitId: string; code: string; reason: string }[]
}

export interface Ranking {
  byType: Map<UnitType, RankedType>
  /** Why some choice is an estimate, or null when every choice was routed. */
  approximateReason: string | null
}

interface Placed {
  unit: CandidateUnit
  lat: number
  lon: number
  from: 'avl' | 'station'
  fixAgeSeconds: number | null
  stale: boolean
}

interface Scored extends Placed {
  key: number
  driveSeconds: number | null
  distanceM: number | null
  approximateReason: string | null
}

/**
 * Ranks each type's candidates by estimated drive time to the incident and keeps the `need`
 * fastest. A unit starts from its last AVL fix while younger than the stale limit, else from
 * its station (flagged stale when it had a fix); a unit with neither is skipped with the
 * reason. With a road graph, one search from the incident over the reversed graph times every
 * unit; what it cannot time (budget spent, no road route) falls back to a straight line and is
 * flagged approximate, as is everything when no graph is loaded. Ties go to a routed time, then
 * to a unit of the incident's town, then to unit-code order.
 */
export function rankUnits(
  graph: RoadGraph | null,
  incident: { lat: number | null; lon: number | null; town: string | null },
  candidates: CandidateUnit[],
  need: Map<UnitType, number>,
  settings: RankingSettings,
): Ranking {
  const types = [...need.keys()]
  const byType = new Map<UnitType, RankedType>(types.map((t) => [t, { chosen: [], skipped: [] }]))
  const target =
    incident.lat === null || incident.lon === null ? null : { lat: incident.lat, lon: incident.lon }
  const wantedUnits = candidates.filter((unit) => byType.has(unit.unitType))
  let scored: Scored[]
  if (target) {
    const placed: Placed[] = []
    for (const unit of wantedUnits) {
      const where = placeUnit(unit, settings)
      if ('reason' in where) {
        byType
          .get(unit.unitType)!
          .skipped.push({ unitId: unit.id, code: unit.code, reason: where.reason })
      } else placed.push(where)
    }
    scored = scoreByDistance(graph, target, placed, types, need, settings)
  } else {
    // Nothing can be measured, so no unit is skipped for lack of a position either.
    scored = wantedUnits.map((unit) => {
      const where = placeUnit(unit, settings)
      return {
        unit,
        lat: 0,
        lon: 0,
        from: 'reason' in where ? 'station' : where.from,
        fixAgeSeconds: 'reason' in where ? null : where.fixAgeSeconds,
        stale: 'reason' in where ? false : where.stale,
        key: 0,
        driveSeconds: null,
        distanceM: null,
        approximateReason: NO_INCIDENT_POSITION,
      }
    })
  }
  const town = incident.town?.toLowerCase() ?? null
  const reasons = new Set<string>()
  for (const type of types) {
    const chosen = scored
      .filter((s) => s.unit.unitType === type)
      .sort(
        (a, b) =>
          a.key - b.key ||
          // A routed time beats an estimate that merely bounds it from below.
          Number(a.approximateReason !== null) - Number(b.approximateReason !== null) ||
          Number(b.unit.homeTown.toLowerCase() === town) -
            Number(a.unit.homeTown.toLowerCase() === town) ||
          (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0),
      )
      .slice(0, need.get(type) ?? 0)
    for (const s of chosen) if (s.approximateReason) reasons.add(s.approximateReason)
    byType.get(type)!.chosen = chosen.map(present)
  }
  return { byType, approximateReason: reasons.size > 0 ? [...reasons].join('; ') : null }
}

function placeUnit(unit: CandidateUnit, settings: RankingSettings): Placed | { reason: string } {
  const fixAgeSeconds =
    unit.fixAt && unit.fixLat !== null && unit.fixLon !== null
      ? Math.max(0, Math.round((settings.now.getTime() - unit.fixAt.getTime()) / 1000))
      : null
  if (fixAgeSeconds !== null && fixAgeSeconds <= settings.avlStaleSeconds) {
    return { unit, lat: unit.fixLat!, lon: unit.fixLon!, from: 'avl', fixAgeSeconds, stale: false }
  }
  const stale = fixAgeSeconds !== null
  if (unit.stationLat !== null && unit.stationLon !== null) {
    return {
      unit,
      lat: unit.stationLat,
      lon: unit.stationLon,
      from: 'station',
      fixAgeSeconds,
      stale,
    }
  }
  return {
    reason: stale
      ? `no station, and its last AVL fix is ${describeAge(fixAgeSeconds)} old (stale after ${describeAge(settings.avlStaleSeconds)})`
      : 'no AVL fix and no station: its position is unknown',
  }
}

function scoreByDistance(
  graph: RoadGraph | null,
  target: { lat: number; lon: number },
  placed: Placed[],
  types: UnitType[],
  need: Map<UnitType, number>,
  settings: RankingSettings,
): Scored[] {
  const straight = (p: Placed) => {
    const meters = haversineM(p.lat, p.lon, target.lat, target.lon)
    return { meters, seconds: secondsAt(meters, STRAIGHT_LINE_MPH) }
  }
  if (!graph) {
    return placed.map((p) => {
      const line = straight(p)
      return {
        ...p,
        key: line.seconds,
        driveSeconds: line.seconds,
        distanceM: line.meters,
        approximateReason: NO_ROAD_NETWORK,
      }
    })
  }
  const group = new Map(types.map((type, index) => [type, index]))
  const deadline = performance.now() + settings.routeBudgetMs
  const { times, outOfTime } = driveTimesTo(
    graph,
    target,
    placed.map((p) => ({ lat: p.lat, lon: p.lon, group: group.get(p.unit.unitType)! })),
    types.map((type) => need.get(type) ?? 0),
    deadline,
  )
  return placed.map((p, i) => {
    const time: DriveTime = times[i]!
    if (time.kind === 'routed') {
      return {
        ...p,
        key: time.seconds,
        driveSeconds: time.seconds,
        distanceM: time.meters,
        approximateReason: null,
      }
    }
    const line = straight(p)
    // A unit the search did not reach is at least as far as the search went.
    const floor = time.kind === 'not_reached' ? time.atLeastSeconds : 0
    const seconds = Math.max(line.seconds, floor)
    return {
      ...p,
      key: seconds,
      driveSeconds: seconds,
      distanceM: line.meters,
      approximateReason:
        time.kind === 'not_reached'
          ? outOfTime
            ? `the road search ran out of its ${settings.routeBudgetMs} ms budget: units it did not reach are ranked by straight line`
            : 'slower than the units the road search settled first'
          : time.kind === 'unreachable'
            ? 'no road route found from its position: ranked by straight line'
            : NO_ROAD_NETWORK,
    }
  })
}

function present(s: Scored): RecommendedUnit {
  return {
    unitId: s.unit.id,
    code: s.unit.code,
    driveSeconds: s.driveSeconds === null ? null : Math.round(s.driveSeconds),
    distanceM: s.distanceM === null ? null : Math.round(s.distanceM),
    from: s.from,
    fixAgeSeconds: s.fixAgeSeconds,
    stale: s.stale,
    approximate: s.approximateReason !== null,
    approximateReason: s.approximateReason,
  }
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} s`
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 3600)} h`
}
