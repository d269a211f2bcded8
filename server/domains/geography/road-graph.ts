import type { OneWay, Position } from './geography.table.ts'
import { haversineM } from './distance.ts'
import { buildNodeGrid, nearestNode, type NodeGrid } from './node-grid.ts'

const MPH_TO_MPS = 0.44704
/** End points closer than this (degrees, about 10 cm) are the same intersection. */
export const SNAP_DEGREES = 1e-6

/** The part of a road segment the graph needs. */
export interface RoadSegmentInput {
  /** [lon, lat] pairs, first to last, as GeoJSON orders them. */
  coordinates: Position[]
  one_way: OneWay
  speed_mph: number
}

/**
 * The road network as a directed graph in compressed sparse rows, in both directions: `out*`
 * lists the edges leaving a node, `in*` the edges arriving (the reversed graph, which a search
 * from the incident walks to learn every node's time TO the incident). Typed arrays keep tens of
 * thousands of segments a few megabytes and the search free of object churn.
 */
export interface RoadGraph {
  nodeCount: number
  edgeCount: number
  lat: Float64Array
  lon: Float64Array
  outStart: Int32Array
  outTo: Int32Array
  outSeconds: Float64Array
  outMeters: Float64Array
  inStart: Int32Array
  inFrom: Int32Array
  inSeconds: Float64Array
  inMeters: Float64Array
  grid: NodeGrid
}

/** Length of a polyline of [lon, lat] positions, in metres. */
export function polylineM(coordinates: Position[]): number {
  let total = 0
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1]!
    const [lon2, lat2] = coordinates[i]!
    total += haversineM(lat1, lon1, lat2, lon2)
  }
  return total
}

/** Seconds to cover `meters` at `mph`. */
export function secondsAt(meters: number, mph: number): number {
  return meters / (mph * MPH_TO_MPS)
}

/** The key two end points share when they are the same intersection. */
export function snapKey(lat: number, lon: number): string {
  return `${Math.round(lat / SNAP_DEGREES)}:${Math.round(lon / SNAP_DEGREES)}`
}

/**
 * Builds the graph: one node per distinct (snapped) segment end point, one edge per direction
 * a segment may be driven, weighted by its length along the polyline over its speed. Segments
 * with fewer than two positions, or whose ends snap together, add no edge.
 */
export function buildRoadGraph(segments: Iterable<RoadSegmentInput>): RoadGraph {
  const nodeOf = new Map<string, number>()
  const lats: number[] = []
  const lons: number[] = []
  const from: number[] = []
  const to: number[] = []
  const seconds: number[] = []
  const meters: number[] = []
  const node = (position: Position): number => {
    const [lon, lat] = position
    const key = snapKey(lat, lon)
    let id = nodeOf.get(key)
    if (id === undefined) {
      id = lats.length
      nodeOf.set(key, id)
      lats.push(lat)
      lons.push(lon)
    }
    return id
  }
  for (const segment of segments) {
    const points = segment.coordinates
    if (points.length < 2 || !(segment.speed_mph > 0)) continue
    const a = node(points[0]!)
    const b = node(points[points.length - 1]!)
    if (a === b) continue
    const length = polylineM(points)
    const time = secondsAt(length, segment.speed_mph)
    if (segment.one_way !== 'TF') {
      from.push(a)
      to.push(b)
      seconds.push(time)
      meters.push(length)
    }
    if (segment.one_way !== 'FT') {
      from.push(b)
      to.push(a)
      seconds.push(time)
      meters.push(length)
    }
  }
  const nodeCount = lats.length
  const lat = Float64Array.from(lats)
  const lon = Float64Array.from(lons)
  const out = compress(nodeCount, from, to, seconds, meters)
  const inn = compress(nodeCount, to, from, seconds, meters)
  return {
    nodeCount,
    edgeCount: from.length,
    lat,
    lon,
    outStart: out.start,
    outTo: out.other,
    outSeconds: out.seconds,
    outMeters: out.meters,
    inStart: inn.start,
    inFrom: inn.other,
    inSeconds: inn.seconds,
    inMeters: inn.meters,
    grid: buildNodeGrid(lat, lon),
  }
}

/** Edges grouped by `key` node (counting sort), with the node at the other end beside each. */
function compress(
  nodeCount: number,
  key: number[],
  other: number[],
  seconds: number[],
  meters: number[],
): { start: Int32Array; other: Int32Array; seconds: Float64Array; meters: Float64Array } {
  const start = new Int32Array(nodeCount + 1)
  for (const k of key) start[k + 1] = start[k + 1]! + 1
  for (let i = 0; i < nodeCount; i++) start[i + 1] = start[i + 1]! + start[i]!
  const fill = start.slice(0, nodeCount)
  const otherOut = new Int32Array(key.length)
  const secondsOut = new Float64Array(key.length)
  const metersOut = new Float64Array(key.length)
  for (let e = 0; e < key.length; e++) {
    const k = key[e]!
    const slot = fill[k]!
    fill[k] = slot + 1
    otherOut[slot] = other[e]!
    secondsOut[slot] = seconds[e]!
    metersOut[slot] = meters[e]!
  }
  return { start, other: otherOut, seconds: secondsOut, meters: metersOut }
}

/** The graph node nearest a point, with the straight-line distance to it; null on an empty graph. */
export function nearestGraphNode(
  graph: RoadGraph,
  lat: number,
  lon: number,
): { node: number; meters: number } | null {
  return nearestNode(graph.grid, graph.lat, graph.lon, lat, lon)
}
