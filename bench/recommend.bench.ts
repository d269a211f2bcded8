/**
 * Closest-unit recommendation over the demo region's road graph (Worcester and two neighbouring
 * towns, tens of thousands of segments), in process. Figure: p99 time of one
 * recommendation (a structure-fire run card: 3 engines, 1 ladder, 1 ambulance) ranking 100
 * candidate units by drive time with one search from the incident over the reversed graph.
 * Baseline: the naive loop, one shortest-path search per unit, in the same process on the same
 * graph. Target: p99 ≤ 30 ms and the naive loop ≥ 20× slower.
 */
import type { UnitType } from '@common/domain/units.ts'
import { buildRoadGraph, routeSeconds, type RoadGraph } from '../server/domains/geography/index.ts'
import type { RoadSegmentInput } from '../server/domains/geography/road-graph.ts'
import { rankUnits, type CandidateUnit } from '../server/domains/incidents/unit-ranking.ts'
import { generateDemoRegion } from '../data/demo-region.ts'
import { seededRandom, type SeededRandom } from '../data/seeded-random.ts'
import { percentile, type BenchResult } from './lib/measure.ts'

const UNITS = 100
const INCIDENTS = 50
const ROUNDS = 5
const RUN_CARD = new Map<UnitType, number>([
  ['engine', 3],
  ['ladder', 1],
  ['ambulance', 1],
])
const TARGET_P99_MS = 30
const TARGET_RATIO = 20

export function recommendBench(): Promise<BenchResult> {
  const random = seededRandom(2026)
  const region = generateDemoRegion()
  const segments: RoadSegmentInput[] = region.roads.map((road) => ({
    coordinates: road.coordinates,
    one_way: road.oneWay,
    speed_mph: road.speed,
  }))
  const built = performance.now()
  const graph = buildRoadGraph(segments)
  const buildMs = performance.now() - built
  // Incidents, AVL fixes and stations at the region's addresses, so all stand on its streets.
  const somewhere = () => {
    const point = random.pick(region.addressPoints)
    return { lat: point.lat, lon: point.lon }
  }
  const now = new Date()
  const units = Array.from({ length: UNITS }, (_, i) => candidate(random, i, now, somewhere))
  const incidents = Array.from({ length: INCIDENTS }, somewhere)
  const settings = { avlStaleSeconds: 1800, routeBudgetMs: 10_000, now }

  const ours: number[] = []
  let approximate = 0
  // One warm-up pass for the JIT, then timed rounds.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const incident of incidents) {
      const started = performance.now()
      const ranking = rankUnits(graph, { ...incident, town: null }, units, RUN_CARD, settings)
      const ms = performance.now() - started
      if (round > 0) {
        ours.push(ms)
        if (ranking.approximateReason) approximate++
      }
    }
  }
  const naive: number[] = []
  let disagreements = 0
  for (const [index, incident] of incidents.entries()) {
    const started = performance.now()
    const chosen = naiveRanking(graph, incident, units)
    naive.push(performance.now() - started)
    if (index < 10) disagreements += compare(graph, incident, units, chosen, settings)
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
  const p99 = percentile(ours, 99)
  const ratio = mean(naive) / mean(ours)
  return Promise.resolve({
    name: 'recommendation by drive time vs one route per unit',
    figure: `p99 ${p99.toFixed(2)} ms per recommendation (mean ${mean(ours).toFixed(2)} ms)`,
    baseline: `naive loop: p99 ${percentile(naive, 99).toFixed(1)} ms (mean ${mean(naive).toFixed(1)} ms)`,
    ratio,
    target: `p99 ≤ ${TARGET_P99_MS} ms and ≥ ${TARGET_RATIO}× (naive mean / ours)`,
    met: p99 <= TARGET_P99_MS && ratio >= TARGET_RATIO && disagreements === 0,
    details: [
      `graph: ${graph.nodeCount} nodes, ${graph.edgeCount} directed edges from ${segments.length} segments (the generated demo region), built in ${buildMs.toFixed(0)} ms`,
      `${UNITS} candidate units, ${INCIDENTS} incidents, ${ROUNDS} rounds; run card 3 engines, 1 ladder, 1 ambulance`,
      `approximate answers (budget spent): ${approximate} of ${ours.length}`,
      `choices differing from the naive loop (first 10 incidents): ${disagreements}`,
    ],
  })
}

function candidate(
  random: SeededRandom,
  i: number,
  now: Date,
  somewhere: () => { lat: number; lon: number },
): CandidateUnit {
  const unitType: UnitType = i % 5 === 0 ? 'ladder' : i % 2 === 0 ? 'engine' : 'ambulance'
  const fix = somewhere()
  const station = somewhere()
  const fresh = random.chance(0.7)
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    code: `U${i}`,
    unitType,
    homeTown: 'Worcester',
    fixLat: fix.lat,
    fixLon: fix.lon,
    fixAt: new Date(now.getTime() - (fresh ? 60_000 : 7_200_000)),
    stationLat: station.lat,
    stationLon: station.lon,
  }
}

/** One route per unit from where it is, then the fastest of each type. */
function naiveRanking(
  graph: RoadGraph,
  incident: { lat: number; lon: number },
  units: CandidateUnit[],
): Map<UnitType, string[]> {
  const timed = units.map((unit) => {
    const fresh = unit.fixAt!.getTime() > Date.now() - 1800_000
    const from = fresh
      ? { lat: unit.fixLat!, lon: unit.fixLon! }
      : { lat: unit.stationLat!, lon: unit.stationLon! }
    return { unit, seconds: routeSeconds(graph, from, incident) ?? Infinity }
  })
  const chosen = new Map<UnitType, string[]>()
  for (const [type, count] of RUN_CARD) {
    chosen.set(
      type,
      timed
        .filter((t) => t.unit.unitType === type)
        .sort((a, b) => a.seconds - b.seconds)
        .slice(0, count)
        .map((t) => t.unit.id),
    )
  }
  return chosen
}

/** The one-search answer must pick the units the naive loop picks. */
function compare(
  graph: RoadGraph,
  incident: { lat: number; lon: number },
  units: CandidateUnit[],
  naive: Map<UnitType, string[]>,
  settings: { avlStaleSeconds: number; routeBudgetMs: number; now: Date },
): number {
  const ranking = rankUnits(graph, { ...incident, town: null }, units, RUN_CARD, settings)
  let differ = 0
  for (const [type, ids] of naive) {
    const ours = ranking.byType.get(type)!.chosen.map((c) => c.unitId)
    if (ours.join() !== ids.join()) differ++
  }
  return differ
}
