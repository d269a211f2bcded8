import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { seededRandom, type SeededRandom } from '../../../data/seeded-random.ts'
import { haversineM } from './distance.ts'
import { ACCESS_MPH, driveTimesTo, routeSeconds, search } from './drive-times.ts'
import type { OneWay, Position } from './geography.table.ts'
import {
  buildRoadGraph,
  nearestGraphNode,
  polylineM,
  secondsAt,
  type RoadSegmentInput,
} from './road-graph.ts'

interface RandomNetwork {
  points: Position[]
  /** Indices into points, as the segments were drawn (first to last). */
  ends: [number, number][]
  segments: RoadSegmentInput[]
}

/** Intersections scattered over a few km, joined by two-way and one-way streets, some curved. */
function randomNetwork(random: SeededRandom, nodes: number, streets: number): RandomNetwork {
  const points: Position[] = Array.from({ length: nodes }, () => [
    -71.85 + random.next() * 0.06,
    42.24 + random.next() * 0.05,
  ])
  const ends: [number, number][] = []
  const segments: RoadSegmentInput[] = []
  for (let s = 0; s < streets; s++) {
    const a = random.int(nodes)
    let b = random.int(nodes)
    if (b === a) b = (a + 1) % nodes
    const [ax, ay] = points[a]!
    const [bx, by] = points[b]!
    const bend: Position = [(ax + bx) / 2 + (random.next() - 0.5) * 0.004, (ay + by) / 2]
    ends.push([a, b])
    segments.push({
      coordinates: random.chance(0.5) ? [points[a]!, bend, points[b]!] : [points[a]!, points[b]!],
      one_way: random.pick<OneWay>(['B', 'B', 'FT', 'TF']),
      speed_mph: random.pick([20, 25, 30, 40, 55]),
    })
  }
  return { points, ends, segments }
}

/** All-pairs drive times by Floyd-Warshall, straight from the segments. */
function floydWarshall(network: RandomNetwork): number[][] {
  const n = network.points.length
  const d = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
  )
  network.segments.forEach((segment, s) => {
    const [a, b] = network.ends[s]!
    const time = secondsAt(polylineM(segment.coordinates), segment.speed_mph)
    if (segment.one_way !== 'TF') d[a]![b] = Math.min(d[a]![b]!, time)
    if (segment.one_way !== 'FT') d[b]![a] = Math.min(d[b]![a]!, time)
  })
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const via = d[i]![k]! + d[k]![j]!
        if (via < d[i]![j]!) d[i]![j] = via
      }
    }
  }
  return d
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) < 1e-6 * Math.max(1, expected),
    `${what}: ${actual} vs ${expected}`,
  )

describe('buildRoadGraph', () => {
  it('joins end points that snap to the same place and keeps distinct ones apart', () => {
    const graph = buildRoadGraph([
      {
        coordinates: [
          [-71.8, 42.26],
          [-71.79, 42.26],
        ],
        one_way: 'B',
        speed_mph: 30,
      },
      // Starts 0.3e-6 degrees from the first segment's end: the same intersection.
      {
        coordinates: [
          [-71.7900003, 42.26],
          [-71.78, 42.26],
        ],
        one_way: 'B',
        speed_mph: 30,
      },
      // Starts 5e-6 degrees away (about 40 cm): a different point.
      {
        coordinates: [
          [-71.780005, 42.26],
          [-71.77, 42.26],
        ],
        one_way: 'FT',
        speed_mph: 30,
      },
    ])
    assert.equal(graph.nodeCount, 5)
    assert.equal(graph.edgeCount, 5, 'two two-way segments and one one-way')
    const far = nearestGraphNode(graph, 42.26, -71.8)!
    const end = nearestGraphNode(graph, 42.26, -71.78)!
    const joined = routeSeconds(graph, { lat: 42.26, lon: -71.8 }, { lat: 42.26, lon: -71.78 })
    assert.ok(joined !== null && joined > 0, 'the first two segments join')
    assert.notEqual(far.node, end.node)
    assert.equal(
      routeSeconds(graph, { lat: 42.26, lon: -71.8 }, { lat: 42.26, lon: -71.77 }),
      null,
      'the third segment does not touch the second',
    )
  })

  it('weights an edge by its length along the polyline over its speed, one way only when told', () => {
    const bend: Position[] = [
      [-71.8, 42.26],
      [-71.795, 42.265],
      [-71.79, 42.26],
    ]
    const graph = buildRoadGraph([{ coordinates: bend, one_way: 'TF', speed_mph: 30 }])
    const a = { lat: 42.26, lon: -71.8 }
    const b = { lat: 42.26, lon: -71.79 }
    assert.equal(routeSeconds(graph, a, b), null, 'TF: not from the first point to the last')
    close(
      routeSeconds(graph, b, a)!,
      polylineM(bend) / (30 * 0.44704),
      'from the last to the first',
    )
    assert.ok(polylineM(bend) > haversineM(a.lat, a.lon, b.lat, b.lon) * 1.2)
  })
})

describe('nearestGraphNode', () => {
  it('finds the node a brute-force scan finds, inside and outside the network', () => {
    const random = seededRandom(7)
    const network = randomNetwork(random, 400, 900)
    const graph = buildRoadGraph(network.segments)
    for (let probe = 0; probe < 300; probe++) {
      const lat = 42.2 + random.next() * 0.13
      const lon = -71.9 + random.next() * 0.16
      const found = nearestGraphNode(graph, lat, lon)!
      let best = Infinity
      for (let node = 0; node < graph.nodeCount; node++) {
        best = Math.min(best, haversineM(lat, lon, graph.lat[node]!, graph.lon[node]!))
      }
      assert.ok(Math.abs(found.meters - best) < 0.01 + best * 1e-4, `${found.meters} vs ${best}`)
    }
  })

  it('answers null on an empty graph', () => {
    assert.equal(nearestGraphNode(buildRoadGraph([]), 42.26, -71.8), null)
  })
})

describe('search', () => {
  it('gives every node its drive time to a target equal to Floyd-Warshall, one-way streets included', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed)
      const network = randomNetwork(random, 30, 20 + random.int(50))
      const graph = buildRoadGraph(network.segments)
      const all = floydWarshall(network)
      const used = [...new Set(network.ends.flat())]
      const nodeOf = (p: number) =>
        nearestGraphNode(graph, network.points[p]![1], network.points[p]![0])!
      for (const target of used.slice(0, 5)) {
        const toTarget = new Map<number, number>()
        search(graph, 'to', nodeOf(target).node, 0, 0, (node, seconds) => {
          toTarget.set(node, seconds)
          return false
        })
        const fromTarget = new Map<number, number>()
        search(graph, 'from', nodeOf(target).node, 0, 0, (node, seconds) => {
          fromTarget.set(node, seconds)
          return false
        })
        for (const p of used) {
          const node = nodeOf(p)
          assert.equal(node.meters, 0)
          const expectedTo = all[p]![target]!
          const expectedFrom = all[target]![p]!
          if (expectedTo === Infinity) assert.equal(toTarget.has(node.node), false)
          else close(toTarget.get(node.node)!, expectedTo, `seed ${seed}: ${p} to ${target}`)
          if (expectedFrom === Infinity) assert.equal(fromTarget.has(node.node), false)
          else close(fromTarget.get(node.node)!, expectedFrom, `seed ${seed}: ${target} to ${p}`)
        }
      }
    }
  })
})

describe('driveTimesTo', () => {
  const setup = (seed: number) => {
    const random = seededRandom(seed)
    const network = randomNetwork(random, 40, 110)
    const graph = buildRoadGraph(network.segments)
    const all = floydWarshall(network)
    const nearestPoint = (lat: number, lon: number) => {
      let best = { point: -1, meters: Infinity }
      network.ends.flat().forEach((p) => {
        const meters = haversineM(lat, lon, network.points[p]![1], network.points[p]![0])
        if (meters < best.meters) best = { point: p, meters }
      })
      return best
    }
    /** Straight to the nearest intersection at the access speed, by road, then straight again. */
    const bruteForce = (from: { lat: number; lon: number }, to: { lat: number; lon: number }) => {
      const a = nearestPoint(from.lat, from.lon)
      const b = nearestPoint(to.lat, to.lon)
      return (
        secondsAt(a.meters, ACCESS_MPH) + all[a.point]![b.point]! + secondsAt(b.meters, ACCESS_MPH)
      )
    }
    const at = () => ({ lat: 42.24 + random.next() * 0.05, lon: -71.85 + random.next() * 0.06 })
    return { random, graph, bruteForce, at }
  }

  it('times every source like one route per source would, with no early stop', () => {
    for (let seed = 20; seed < 30; seed++) {
      const { graph, bruteForce, at } = setup(seed)
      const target = at()
      const sources = Array.from({ length: 25 }, () => ({ ...at(), group: 0 }))
      const { times, outOfTime } = driveTimesTo(graph, target, sources, [sources.length])
      assert.equal(outOfTime, false)
      sources.forEach((source, i) => {
        const expected = bruteForce(source, target)
        const time = times[i]!
        if (expected === Infinity) assert.equal(time.kind, 'unreachable')
        else {
          assert.equal(time.kind, 'routed', `seed ${seed} source ${i}`)
          if (time.kind === 'routed') close(time.seconds, expected, `seed ${seed} source ${i}`)
          const single = routeSeconds(graph, source, target)
          close(single!, expected, `seed ${seed} single route ${i}`)
        }
      })
    }
  })

  it('stops early yet returns the same fastest units per group, and bounds the rest from below', () => {
    for (let seed = 40; seed < 55; seed++) {
      const { random, graph, bruteForce, at } = setup(seed)
      const target = at()
      const groups = 3
      const sources = Array.from({ length: 30 }, () => ({ ...at(), group: random.int(groups) }))
      const wanted = Array.from({ length: groups }, () => random.int(4))
      const { times } = driveTimesTo(graph, target, sources, wanted)
      const truth = sources.map((s) => bruteForce(s, target))
      for (let g = 0; g < groups; g++) {
        const members = sources.map((s, i) => i).filter((i) => sources[i]!.group === g)
        const best = members
          .map((i) => truth[i]!)
          .filter((t) => t < Infinity)
          .sort((a, b) => a - b)
          .slice(0, wanted[g])
        const routed = members
          .map((i) => times[i]!)
          .flatMap((t) => (t.kind === 'routed' ? [t.seconds] : []))
          .sort((a, b) => a - b)
          .slice(0, wanted[g])
        assert.equal(routed.length, best.length, `seed ${seed} group ${g}`)
        routed.forEach((t, k) => close(t, best[k]!, `seed ${seed} group ${g} rank ${k}`))
      }
      times.forEach((time, i) => {
        if (time.kind === 'not_reached') {
          assert.ok(time.atLeastSeconds <= truth[i]! + 1e-6, `seed ${seed}: a lower bound`)
        }
      })
    }
  })

  it('answers out of time, every source not reached, when the budget is already spent', () => {
    const { graph, at } = setup(3)
    const sources = Array.from({ length: 5 }, () => ({ ...at(), group: 0 }))
    const result = driveTimesTo(graph, at(), sources, [2], performance.now() - 1)
    assert.equal(result.outOfTime, true)
    assert.deepEqual(
      result.times.map((t) => t.kind),
      ['not_reached', 'not_reached', 'not_reached', 'not_reached', 'not_reached'],
    )
  })
})
