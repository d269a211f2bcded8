import type { Db } from '../../db/schema.ts'
import { buildRoadGraph, type RoadGraph } from './road-graph.ts'
import { findLayerVersion, listRoadSegmentsForGraph } from './road-graph.repository.ts'

/** How often a node asks whether the road layer changed: an import is rare, a search is not. */
const VERSION_CHECK_MS = 1000

interface CachedGraph {
  version: number | null
  graph: RoadGraph | null
  checkedAt: number
}
const cache = new WeakMap<object, CachedGraph>()

/**
 * The road graph of the database behind `cacheKey` (the Kysely instance: one graph per
 * database), rebuilt when the road layer's version changes and otherwise kept in memory. The
 * queries go through `db`, which may be a transaction of that database: PGlite has one
 * connection, so a caller inside a transaction must not reach for the pool. Null while no road
 * layer has been imported or when it is empty.
 */
export async function loadRoadGraph(
  db: Db,
  cacheKey: object = db,
  now: number = Date.now(),
): Promise<RoadGraph | null> {
  const cached = cache.get(cacheKey)
  if (cached && now - cached.checkedAt < VERSION_CHECK_MS) return cached.graph
  const version = await findLayerVersion(db, 'road_segments')
  const latest = cache.get(cacheKey)
  if (latest && latest.version === version) {
    latest.checkedAt = now
    return latest.graph
  }
  const graph = version === null ? null : buildRoadGraph(await listRoadSegmentsForGraph(db))
  const built = graph && graph.nodeCount > 0 ? graph : null
  cache.set(cacheKey, { version, graph: built, checkedAt: now })
  return built
}
