import type { Db } from '../../db/schema.ts'
import type { AreaGeometry, GeographyLayer } from './geography.table.ts'

/**
 * What identifies the contents of a layer: its version and when it was imported (a fresh data
 * folder starts again at version 1), or null before its first import.
 */
export async function findLayerStamp(db: Db, layer: GeographyLayer): Promise<string | null> {
  const row = await db
    .selectFrom('geography_layers')
    .select(['version', 'imported_at'])
    .where('layer', '=', layer)
    .executeTakeFirst()
  return row ? `${row.version}@${new Date(row.imported_at).getTime()}` : null
}

// Ordered by id so that every node builds the same bytes, hence the same ETag.

export function listTownAreas(db: Db) {
  return db
    .selectFrom('jurisdictions')
    .select(['town', 'geometry_type', 'coordinates'])
    .orderBy('id')
    .execute()
}

export function listRoadLines(db: Db) {
  return db
    .selectFrom('road_segments')
    .select([
      'pre_direction',
      'street_name',
      'street_type',
      'post_direction',
      'road_class',
      'coordinates',
    ])
    .orderBy('id')
    .execute()
}

export function listResponseZoneAreas(db: Db) {
  return db
    .selectFrom('response_zones')
    .select(['id', 'station_code', 'discipline', 'geometry_type', 'coordinates'])
    .orderBy('id')
    .execute()
}

/** The type column and the coordinates column together make one GeoJSON geometry. */
export const areaGeometry = (
  type: AreaGeometry['type'],
  coordinates: AreaGeometry['coordinates'],
): AreaGeometry => ({ type, coordinates }) as AreaGeometry
