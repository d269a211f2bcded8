import {
  distanceM,
  insideRing,
  METERS_PER_LAT,
  METERS_PER_LON,
  offsetM,
  roundPosition,
  type LonLat,
} from './demo-geometry.ts'
import {
  ANCHOR_STREETS,
  BRIDGES,
  DEMO_TOWNS,
  DOWNTOWN,
  INTERSTATE,
  LAKE_RING,
  STREET_NAME_POOL,
  TOWN_CENTERS,
  TOWN_LINE_IN_LAKE_LON,
  TOWN_RINGS,
  TYPES_BY_LENGTH,
  type AnchorStreet,
  type DemoTown,
  type StreetName,
} from './demo-streets.ts'
import { hashRandom, type SeededRandom } from './seeded-random.ts'

/**
 * GENERATED DEMO DATA: the road network. A jittered grid of blocks (106 m in Worcester, every
 * other line in the two towns around it), cut into named streets, with the hand-placed streets
 * of demo-streets.ts laid on it first, two bridges over the lake and an interstate with ramps.
 */
const SPACING_M = 106
const JITTER_M = 25
const LAT0 = 42.2
const LON0 = -71.96
const LAT1 = 42.345
const LON1 = -71.645
const D_LAT = SPACING_M / METERS_PER_LAT
const D_LON = SPACING_M / METERS_PER_LON

export type OneWay = 'B' | 'FT' | 'TF'
export type RoadClass = 'Primary' | 'Secondary' | 'Local' | 'Ramp'

export interface DemoSegment {
  street: StreetName
  townLeft: DemoTown
  townRight: DemoTown
  /** First position to last; address numbers grow in that direction. */
  coordinates: LonLat[]
  oneWay: OneWay
  speed: number
  roadClass: RoadClass
  /** The street this block belongs to and its place along it (0 = first block); null off-street. */
  stretch: Stretch | null
  block: number
}

export interface Stretch {
  street: StreetName
  town: DemoTown
  anchor: AnchorStreet | null
}

interface GridNode {
  i: number
  j: number
  position: LonLat
  town: DemoTown
}

interface Edge {
  a: number
  b: number
  from: GridNode
  to: GridNode
  town: DemoTown
  taken: boolean
}

interface Line {
  orient: 'NS' | 'EW'
  index: number
  edges: Edge[]
  byStart: Map<number, Edge>
  byEnd: Map<number, Edge>
}

export function townAt(point: LonLat): DemoTown | null {
  for (const town of DEMO_TOWNS) if (insideRing(point, TOWN_RINGS[town])) return town
  return null
}

export function inLake(point: LonLat): boolean {
  return insideRing(point, LAKE_RING)
}

const stepOf = (town: DemoTown) => (town === 'Worcester' ? 1 : 2)
const roundTo = (value: number, step: number) => Math.round(value / step) * step
export const streetKey = (street: StreetName) =>
  [street.pre ?? '', street.name.toUpperCase(), street.type ?? '', street.post ?? ''].join('|')

/** The nodes of the grid: inside a town, out of the lake, every other line outside Worcester. */
function buildNodes(): Map<number, GridNode> {
  const nodes = new Map<number, GridNode>()
  const columns = Math.ceil((LON1 - LON0) / D_LON)
  const rows = Math.ceil((LAT1 - LAT0) / D_LAT)
  for (let i = 0; i <= columns; i++) {
    for (let j = 0; j <= rows; j++) {
      const dx = (hashRandom(1, i, j) * 2 - 1) * JITTER_M
      const dy = (hashRandom(2, i, j) * 2 - 1) * JITTER_M
      const position = roundPosition(offsetM([LON0 + i * D_LON, LAT0 + j * D_LAT], dx, dy))
      const town = townAt(position)
      if (town === null || inLake(position)) continue
      if (town !== 'Worcester' && (i % 2 !== 0 || j % 2 !== 0)) continue
      nodes.set(i * 10_000 + j, { i, j, position, town })
    }
  }
  return nodes
}

function buildLines(nodes: Map<number, GridNode>): { rows: Line[]; columns: Line[] } {
  const rowNodes = new Map<number, GridNode[]>()
  const columnNodes = new Map<number, GridNode[]>()
  for (const node of nodes.values()) {
    if (!rowNodes.has(node.j)) rowNodes.set(node.j, [])
    if (!columnNodes.has(node.i)) columnNodes.set(node.i, [])
    rowNodes.get(node.j)!.push(node)
    columnNodes.get(node.i)!.push(node)
  }
  const line = (orient: 'NS' | 'EW', index: number, list: GridNode[]): Line => {
    const along = (node: GridNode) => (orient === 'EW' ? node.i : node.j)
    list.sort((p, q) => along(p) - along(q))
    const result: Line = { orient, index, edges: [], byStart: new Map(), byEnd: new Map() }
    for (let k = 1; k < list.length; k++) {
      const from = list[k - 1]!
      const to = list[k]!
      const gap = along(to) - along(from)
      const suburban = from.town !== 'Worcester' || to.town !== 'Worcester'
      if (gap > (suburban ? 2 : 1)) continue
      const middle: LonLat = [
        (from.position[0] + to.position[0]) / 2,
        (from.position[1] + to.position[1]) / 2,
      ]
      const town = townAt(middle)
      if (town === null || inLake(middle)) continue
      const edge = { a: along(from), b: along(to), from, to, town, taken: false }
      result.edges.push(edge)
      result.byStart.set(edge.a, edge)
      result.byEnd.set(edge.b, edge)
    }
    return result
  }
  const sortedKeys = (map: Map<number, GridNode[]>) => [...map.keys()].sort((p, q) => p - q)
  return {
    rows: sortedKeys(rowNodes).map((j) => line('EW', j, rowNodes.get(j)!)),
    columns: sortedKeys(columnNodes).map((i) => line('NS', i, columnNodes.get(i)!)),
  }
}

interface PlacedStretch extends Stretch {
  /** In the order numbers grow. */
  edges: Edge[]
  /** True when numbers grow with the grid index (east or north). */
  forward: boolean
  roadClass: RoadClass
  speed: number
  oneWay: OneWay
}

/**
 * Lays a hand-placed street on the grid line nearest its point, starting where its house
 * number lands on that point; tries the neighbouring lines when another street is in the way.
 */
function placeAnchor(
  anchor: AnchorStreet,
  lines: { rows: Line[]; columns: Line[] },
  blocksNeeded: number,
): PlacedStretch {
  const step = stepOf(anchor.town)
  const [lon, lat] = anchor.at
  const across = anchor.orient === 'NS' ? (lon - LON0) / D_LON : (lat - LAT0) / D_LAT
  const along = anchor.orient === 'NS' ? (lat - LAT0) / D_LAT : (lon - LON0) / D_LON
  const start = roundTo(along - (anchor.dir * step * (anchor.number ?? 0)) / 100, step)
  const list = anchor.orient === 'NS' ? lines.columns : lines.rows
  const nearest = roundTo(across, step)
  for (const shift of [0, step, -step, 2 * step, -2 * step]) {
    const line = list.find((l) => l.index === nearest + shift)
    if (!line) continue
    const edges: Edge[] = []
    let at = start
    while (edges.length < anchor.blocks) {
      const edge = anchor.dir > 0 ? line.byStart.get(at) : line.byEnd.get(at)
      if (!edge || edge.taken || edge.town !== anchor.town) break
      edges.push(edge)
      at = anchor.dir > 0 ? edge.b : edge.a
    }
    if (edges.length < Math.max(1, blocksNeeded)) continue
    for (const edge of edges) edge.taken = true
    const { pre, name, type, post } = anchor
    return {
      street: { pre, name, type, post },
      town: anchor.town,
      anchor,
      edges,
      forward: anchor.dir > 0,
      roadClass: anchor.roadClass ?? 'Secondary',
      speed: anchor.speed ?? (anchor.roadClass === 'Local' ? 25 : 30),
      oneWay: anchor.oneWay ?? 'B',
    }
  }
  throw new Error(`demo region: no room for ${anchor.name} ${anchor.type ?? ''} in ${anchor.town}`)
}

/** Unique street names per town, never one of the hand-placed names of that town. */
function nameMaker(random: SeededRandom) {
  const used = new Map<DemoTown, Set<string>>()
  const reserved = new Map<DemoTown, Set<string>>()
  for (const town of DEMO_TOWNS) {
    used.set(town, new Set())
    reserved.set(town, new Set(ANCHOR_STREETS.filter((a) => a.town === town).map((a) => a.name)))
  }
  return (town: DemoTown, blocks: number): StreetName => {
    const types =
      blocks <= 1
        ? TYPES_BY_LENGTH.short
        : blocks <= 4
          ? TYPES_BY_LENGTH.medium
          : TYPES_BY_LENGTH.long
    const free = (name: string, type: string) =>
      !reserved.get(town)!.has(name) && !used.get(town)!.has(`${name} ${type}`)
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = random.pick(STREET_NAME_POOL)
      const type = random.pick(types)
      if (free(name, type)) {
        used.get(town)!.add(`${name} ${type}`)
        return { name, type }
      }
    }
    for (const type of [...types, 'St', 'Rd', 'Ave', 'Dr', 'Ln', 'Ct', 'Pl', 'Ter', 'Way']) {
      for (const name of STREET_NAME_POOL) {
        if (free(name, type)) {
          used.get(town)!.add(`${name} ${type}`)
          return { name, type }
        }
      }
    }
    throw new Error(`demo region: out of street names in ${town}`)
  }
}

function inDowntown([lon, lat]: LonLat): boolean {
  return (
    lat >= DOWNTOWN.south && lat <= DOWNTOWN.north && lon >= DOWNTOWN.west && lon <= DOWNTOWN.east
  )
}

/** Cuts the free runs of every line into streets of a few to a couple of dozen blocks. */
function placeGeneratedStreets(
  lines: { rows: Line[]; columns: Line[] },
  random: SeededRandom,
): PlacedStretch[] {
  const nameFor = nameMaker(random)
  const placed: PlacedStretch[] = []
  for (const line of [...lines.rows, ...lines.columns]) {
    let run: Edge[] = []
    const flush = () => {
      let at = 0
      while (at < run.length) {
        const town = run[at]!.town
        const length = random.chance(0.12)
          ? random.between(1, 2)
          : town === 'Worcester'
            ? random.between(6, 22)
            : random.between(4, 14)
        const edges = run.slice(at, at + length)
        at += edges.length
        // A missing block now and then: dead ends and T junctions instead of a perfect grid.
        if (at < run.length && random.chance(0.22)) at++
        const middle = edges[Math.floor(edges.length / 2)]!.from.position
        const center = TOWN_CENTERS[town]
        const axis = line.orient === 'EW' ? 0 : 1
        // Numbers grow away from the town center, as they do in New England towns.
        const forward = middle[axis] >= center[axis]
        const downtownCross =
          line.orient === 'EW' &&
          edges.every((e) => inDowntown(e.from.position) && inDowntown(e.to.position))
        placed.push({
          street: nameFor(town, edges.length),
          town,
          anchor: null,
          edges: forward ? edges : [...edges].reverse(),
          forward,
          roadClass: 'Local',
          speed: 25,
          oneWay: downtownCross ? (line.index % 2 === 0 ? 'FT' : 'TF') : 'B',
        })
      }
      run = []
    }
    for (const edge of line.edges) {
      const last = run[run.length - 1]
      if (edge.taken || (last && (last.b !== edge.a || last.town !== edge.town))) flush()
      if (!edge.taken) run.push(edge)
    }
    flush()
  }
  return placed
}

function stretchSegments(stretch: PlacedStretch): DemoSegment[] {
  return stretch.edges.map((edge, block) => ({
    street: stretch.street,
    townLeft: edge.town,
    townRight: edge.town,
    coordinates: stretch.forward
      ? [edge.from.position, edge.to.position]
      : [edge.to.position, edge.from.position],
    oneWay: stretch.oneWay,
    speed: stretch.speed,
    roadClass: stretch.roadClass,
    stretch,
    block,
  }))
}

function bridgeSegments(stretches: PlacedStretch[]): DemoSegment[] {
  const find = (street: StreetName) =>
    stretches.find((s) => s.anchor !== null && streetKey(s.street) === streetKey(street))!
  return BRIDGES.flatMap(({ west, east }) => {
    const w = find(west)
    const e = find(east)
    const wLast = w.edges[w.edges.length - 1]!
    const westEnd = w.forward ? wLast.to.position : wLast.from.position
    const eFirst = e.edges[0]!
    const eastStart = e.forward ? eFirst.from.position : eFirst.to.position
    const middle = roundPosition([TOWN_LINE_IN_LAKE_LON, (westEnd[1] + eastStart[1]) / 2])
    const part = (stretch: PlacedStretch, coordinates: LonLat[]): DemoSegment => ({
      street: stretch.street,
      townLeft: stretch.town,
      townRight: stretch.town,
      coordinates,
      oneWay: 'B',
      speed: stretch.speed,
      roadClass: stretch.roadClass,
      stretch: null,
      block: 0,
    })
    return [part(w, [westEnd, middle]), part(e, [middle, eastStart])]
  })
}

/** Divided carriageways (one-way each) with on- and off-ramps at each interchange. */
function interstateSegments(streetSegments: DemoSegment[]): DemoSegment[] {
  const centerline: LonLat[] = []
  const vertexOfWaypoint: number[] = []
  INTERSTATE.waypoints.forEach((point, w) => {
    if (w > 0) {
      const previous = INTERSTATE.waypoints[w - 1]!
      const pieces = Math.ceil(distanceM(previous, point) / 150)
      for (let k = 1; k < pieces; k++) {
        centerline.push([
          previous[0] + ((point[0] - previous[0]) * k) / pieces,
          previous[1] + ((point[1] - previous[1]) * k) / pieces,
        ])
      }
    }
    vertexOfWaypoint.push(centerline.length)
    centerline.push(point)
  })
  const last = centerline.length - 1
  const carriageway = (side: 1 | -1) =>
    centerline.map((point, k) => {
      const before = centerline[Math.max(0, k - 1)]!
      const after = centerline[Math.min(last, k + 1)]!
      const dx = (after[0] - before[0]) * METERS_PER_LON
      const dy = (after[1] - before[1]) * METERS_PER_LAT
      const length = Math.hypot(dx, dy)
      // Traffic keeps right: eastbound on the right of the centerline, westbound on the left.
      return roundPosition(offsetM(point, (side * 18 * dy) / length, (-side * 18 * dx) / length))
    })
  const eastbound = carriageway(1)
  const westbound = carriageway(-1)

  const degree = new Map<string, number>()
  const key = (p: LonLat) => `${p[0]},${p[1]}`
  for (const segment of streetSegments) {
    for (const end of [
      segment.coordinates[0]!,
      segment.coordinates[segment.coordinates.length - 1]!,
    ]) {
      degree.set(key(end), (degree.get(key(end)) ?? 0) + 1)
    }
  }
  const junctions = [...degree.entries()]
    .filter(([, d]) => d >= 3)
    .map(([k]) => k.split(',').map(Number) as LonLat)
  const nearestJunction = (point: LonLat) => {
    let best = junctions[0]!
    for (const candidate of junctions) {
      if (distanceM(candidate, point) < distanceM(best, point)) best = candidate
    }
    return best
  }

  const splits = new Set<number>([0, last])
  for (let k = 0; k <= last; k += 4) splits.add(k)
  const segments: DemoSegment[] = []
  const road = (
    coordinates: LonLat[],
    name: string,
    roadClass: RoadClass,
    speed: number,
  ): DemoSegment => {
    const middle = coordinates[Math.floor(coordinates.length / 2)]!
    const town = townAt(middle) ?? townAt(coordinates[0]!)
    if (town === null) throw new Error(`demo region: ${name} leaves the region`)
    return {
      street: { name },
      townLeft: town,
      townRight: town,
      coordinates,
      oneWay: 'FT',
      speed,
      roadClass,
      stretch: null,
      block: 0,
    }
  }
  for (const { at, exit } of INTERSTATE.exits) {
    const k = vertexOfWaypoint[at]!
    const street = nearestJunction(centerline[k]!)
    const ramp = (coordinates: LonLat[]) =>
      road(coordinates, `${INTERSTATE.name} Exit ${exit}`, 'Ramp', 30)
    // At either end the carriageways begin and end on the ramps themselves.
    const before = k === last ? last : k - 1
    const after = k === 0 ? 0 : k + 1
    if (k > 0) splits.add(before)
    if (k < last) splits.add(after)
    // Off the eastbound before the bridge over the street, on again after it; the reverse westbound.
    if (k < last) {
      segments.push(ramp([street, eastbound[after]!]), ramp([westbound[after]!, street]))
    }
    if (k > 0) segments.push(ramp([eastbound[before]!, street]), ramp([street, westbound[before]!]))
  }
  const cuts = [...splits].sort((p, q) => p - q)
  for (let c = 1; c < cuts.length; c++) {
    const from = cuts[c - 1]!
    const to = cuts[c]!
    segments.push(road(eastbound.slice(from, to + 1), INTERSTATE.name, 'Primary', 55))
    segments.push(road(westbound.slice(from, to + 1).reverse(), INTERSTATE.name, 'Primary', 55))
  }
  return segments
}

/** Keeps the largest connected piece: every road of the demo can reach every other. */
function largestComponent(segments: DemoSegment[]): DemoSegment[] {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root)!
    let node = x
    while (node !== root) {
      const next = parent.get(node)!
      parent.set(node, root)
      node = next
    }
    return root
  }
  const key = (p: LonLat) => `${p[0]},${p[1]}`
  const ends = (s: DemoSegment) => [
    key(s.coordinates[0]!),
    key(s.coordinates[s.coordinates.length - 1]!),
  ]
  for (const segment of segments) {
    const [a, b] = ends(segment) as [string, string]
    if (!parent.has(a)) parent.set(a, a)
    if (!parent.has(b)) parent.set(b, b)
    parent.set(find(a), find(b))
  }
  const sizes = new Map<string, number>()
  for (const segment of segments) {
    const root = find(ends(segment)[0]!)
    sizes.set(root, (sizes.get(root) ?? 0) + 1)
  }
  let biggest = ''
  for (const [root, size] of sizes) if (size > (sizes.get(biggest) ?? 0)) biggest = root
  return segments.filter((segment) => find(ends(segment)[0]!) === biggest)
}

/**
 * The whole road network. `blocksNeeded` says, per hand-placed street, how many blocks the
 * addresses that must exist on it need (a station at number 640 needs seven).
 */
export function generateRoadNetwork(
  random: SeededRandom,
  blocksNeeded: (street: AnchorStreet) => number,
): DemoSegment[] {
  const lines = buildLines(buildNodes())
  const anchors = ANCHOR_STREETS.map((anchor) => placeAnchor(anchor, lines, blocksNeeded(anchor)))
  const generated = placeGeneratedStreets(lines, random)
  const stretches = [...anchors, ...generated]
  const streets = stretches.flatMap(stretchSegments)
  const bridges = bridgeSegments(anchors)
  const interstate = interstateSegments(streets)
  return largestComponent([...streets, ...bridges, ...interstate])
}
