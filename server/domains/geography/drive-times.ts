import { nearestGraphNode, secondsAt, type RoadGraph } from './road-graph.ts'

/** From a position off the network to its nearest node, and back: a slow straight line. */
export const ACCESS_MPH = 15
/** How often (in settled nodes) the search looks at the clock. */
const CLOCK_EVERY = 64

/** Per graph, the search's working arrays, reused: a generation stamp replaces clearing them. */
interface Scratch {
  generation: number
  seen: Uint32Array
  settled: Uint32Array
  seconds: Float64Array
  meters: Float64Array
  heap: MinHeap
}
const scratches = new WeakMap<RoadGraph, Scratch>()

function scratchFor(graph: RoadGraph): Scratch {
  let scratch = scratches.get(graph)
  if (!scratch) {
    scratch = {
      generation: 0,
      seen: new Uint32Array(graph.nodeCount),
      settled: new Uint32Array(graph.nodeCount),
      seconds: new Float64Array(graph.nodeCount),
      meters: new Float64Array(graph.nodeCount),
      heap: new MinHeap(1024),
    }
    scratches.set(graph, scratch)
  }
  scratch.generation++
  if (scratch.generation === 0xffffffff) {
    scratch.seen.fill(0)
    scratch.settled.fill(0)
    scratch.generation = 1
  }
  scratch.heap.clear()
  return scratch
}

/** A binary min-heap of (seconds, node) in typed arrays; stale entries are skipped on pop. */
class MinHeap {
  keys: Float64Array
  nodes: Int32Array
  size = 0
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity)
    this.nodes = new Int32Array(capacity)
  }
  clear(): void {
    this.size = 0
  }
  push(key: number, node: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2)
      keys.set(this.keys)
      const nodes = new Int32Array(this.size * 2)
      nodes.set(this.nodes)
      this.keys = keys
      this.nodes = nodes
    }
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.keys[i] = this.keys[parent]!
      this.nodes[i] = this.nodes[parent]!
      i = parent
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
  /** Removes the smallest entry; read it first from keys[0] and nodes[0]. */
  pop(): void {
    const last = --this.size
    if (last === 0) return
    const key = this.keys[last]!
    const node = this.nodes[last]!
    let i = 0
    for (;;) {
      let child = 2 * i + 1
      if (child >= last) break
      if (child + 1 < last && this.keys[child + 1]! < this.keys[child]!) child++
      if (this.keys[child]! >= key) break
      this.keys[i] = this.keys[child]!
      this.nodes[i] = this.nodes[child]!
      i = child
    }
    this.keys[i] = key
    this.nodes[i] = node
  }
}

export type SearchDirection = 'from' | 'to'

/**
 * Dijkstra from `start` (whose own time is `startSeconds`, distance `startMeters`). Direction
 * 'from' follows edges forward (times from the start); 'to' walks the reversed graph, so each
 * settled node's time is the drive from that node TO the start. `visit` sees nodes in time
 * order and returns true to stop. Returns how the search ended and the time it had reached.
 */
export function search(
  graph: RoadGraph,
  direction: SearchDirection,
  start: number,
  startSeconds: number,
  startMeters: number,
  visit: (node: number, seconds: number, meters: number) => boolean,
  deadline = Infinity,
): { ended: 'stopped' | 'exhausted' | 'out_of_time'; frontierSeconds: number } {
  const s = scratchFor(graph)
  const gen = s.generation
  const edgeStart = direction === 'to' ? graph.inStart : graph.outStart
  const edgeNode = direction === 'to' ? graph.inFrom : graph.outTo
  const edgeSeconds = direction === 'to' ? graph.inSeconds : graph.outSeconds
  const edgeMeters = direction === 'to' ? graph.inMeters : graph.outMeters
  const heap = s.heap
  s.seen[start] = gen
  s.seconds[start] = startSeconds
  s.meters[start] = startMeters
  heap.push(startSeconds, start)
  let settledCount = 0
  let frontier = startSeconds
  while (heap.size > 0) {
    const d = heap.keys[0]!
    const u = heap.nodes[0]!
    heap.pop()
    if (s.settled[u] === gen || d > s.seconds[u]!) continue
    if (settledCount++ % CLOCK_EVERY === 0 && performance.now() >= deadline) {
      return { ended: 'out_of_time', frontierSeconds: frontier }
    }
    s.settled[u] = gen
    frontier = d
    const um = s.meters[u]!
    if (visit(u, d, um)) return { ended: 'stopped', frontierSeconds: d }
    for (let e = edgeStart[u]!; e < edgeStart[u + 1]!; e++) {
      const v = edgeNode[e]!
      if (s.settled[v] === gen) continue
      const dv = d + edgeSeconds[e]!
      if (s.seen[v] !== gen || dv < s.seconds[v]!) {
        s.seen[v] = gen
        s.seconds[v] = dv
        s.meters[v] = um + edgeMeters[e]!
        heap.push(dv, v)
      }
    }
  }
  return { ended: 'exhausted', frontierSeconds: frontier }
}

/** A position wanting a drive time to the target, in a group (a unit type) that wants `n` fastest. */
export interface DriveSource {
  lat: number
  lon: number
  group: number
}

export type DriveTime =
  | { kind: 'routed'; seconds: number; meters: number }
  /** The search stopped first: the drive takes at least `atLeastSeconds`. */
  | { kind: 'not_reached'; atLeastSeconds: number }
  /** No road leads from the source's node to the target. */
  | { kind: 'unreachable' }
  /** The graph is empty. */
  | { kind: 'no_graph' }

export interface DriveTimesResult {
  times: DriveTime[]
  /** True when the time budget ran out before every wanted group was filled. */
  outOfTime: boolean
}

/**
 * Drive times from many sources to one target with ONE search over the reversed graph from the
 * target: every settled node then knows its time to the target, and a source's time is its
 * straight-line access to its nearest node plus that node's time. `wanted[g]` is how many of
 * group g's fastest sources are needed: the search stops once each group has that many whose
 * time no unsettled source can beat (an unsettled source is at least as far as the frontier),
 * or at `deadline` (performance.now() milliseconds), leaving the rest `not_reached`.
 */
export function driveTimesTo(
  graph: RoadGraph,
  target: { lat: number; lon: number },
  sources: DriveSource[],
  wanted: number[],
  deadline = Infinity,
): DriveTimesResult {
  const targetNode = nearestGraphNode(graph, target.lat, target.lon)
  if (!targetNode) return { times: sources.map(() => ({ kind: 'no_graph' })), outOfTime: false }
  const access = sources.map((source) => {
    const near = nearestGraphNode(graph, source.lat, source.lon)!
    return { node: near.node, meters: near.meters, seconds: secondsAt(near.meters, ACCESS_MPH) }
  })
  const atNode = new Map<number, number[]>()
  access.forEach((a, i) => {
    const list = atNode.get(a.node)
    if (list) list.push(i)
    else atNode.set(a.node, [i])
  })
  const groups = wanted.length
  const unsettled = new Array<number>(groups).fill(0)
  for (const source of sources) unsettled[source.group]!++
  const ready = new Array<number>(groups).fill(0)
  const done = wanted.map((w, g) => w <= 0 || unsettled[g] === 0)
  let groupsLeft = done.filter((d) => !d).length
  let sourcesLeft = sources.length
  // Settled sources whose total (access + node time) is still above the frontier, largest first.
  const pending: { total: number; group: number }[] = []
  const times: DriveTime[] = sources.map(() => ({ kind: 'unreachable' }))
  const finish = (g: number) => {
    if (!done[g] && (ready[g]! >= wanted[g]! || unsettled[g] === 0)) {
      done[g] = true
      groupsLeft--
    }
  }

  const ended = search(
    graph,
    'to',
    targetNode.node,
    secondsAt(targetNode.meters, ACCESS_MPH),
    targetNode.meters,
    (node, seconds, meters) => {
      const here = atNode.get(node)
      if (here) {
        for (const i of here) {
          const total = seconds + access[i]!.seconds
          times[i] = { kind: 'routed', seconds: total, meters: meters + access[i]!.meters }
          const group = sources[i]!.group
          unsettled[group]!--
          sourcesLeft--
          let at = pending.length
          while (at > 0 && pending[at - 1]!.total < total) at--
          pending.splice(at, 0, { total, group })
          finish(group)
        }
      }
      while (pending.length > 0 && pending[pending.length - 1]!.total <= seconds) {
        const { group } = pending.pop()!
        ready[group]!++
        finish(group)
      }
      return sourcesLeft === 0 || groupsLeft === 0
    },
    deadline,
  )
  if (ended.ended !== 'exhausted') {
    access.forEach((a, i) => {
      if (times[i]!.kind === 'unreachable') {
        times[i] = { kind: 'not_reached', atLeastSeconds: a.seconds + ended.frontierSeconds }
      }
    })
  }
  return { times, outOfTime: ended.ended === 'out_of_time' && groupsLeft > 0 }
}

/**
 * One route, source to target, by a forward search that stops at the target's node: what a
 * routing service would answer per unit (the naive baseline the benchmark compares against).
 */
export function routeSeconds(
  graph: RoadGraph,
  from: { lat: number; lon: number },
  to: { lat: number; lon: number },
): number | null {
  const start = nearestGraphNode(graph, from.lat, from.lon)
  const end = nearestGraphNode(graph, to.lat, to.lon)
  if (!start || !end) return null
  let found: number | null = null
  search(
    graph,
    'from',
    start.node,
    secondsAt(start.meters, ACCESS_MPH),
    start.meters,
    (node, s) => {
      if (node !== end.node) return false
      found = s + secondsAt(end.meters, ACCESS_MPH)
      return true
    },
  )
  return found
}
