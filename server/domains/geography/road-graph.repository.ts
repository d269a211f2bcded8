import type { Db } from '../../db/schema.ts'
import type { GeographyLayer } from './geography.table.ts'

/** A layer's version, or null before its first import. */
export async function findLayerVersion(db: Db, layer: GeographyLayer): Promise<number | null> {
  const row = await db
    .selectFrom('geography_layers')
    .select('version')
    .where('layer', '=', layer)
    .executeTakeFirst()
  return row?.version ?? null
}

/** Every road segment, with only what the graph needs. */
export function listRoadSegmentsForGraph(db: Db) {
  return db.selectFrom('road_segments').select(['coordinates', 'one_way', 'speed_mph']).execute()
}
