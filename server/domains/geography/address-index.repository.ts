import type { Db } from '../../db/schema.ts'
import type { AddressIndexRows } from './address-index.ts'
import type { AreaGeometry } from './geography.table.ts'

// The type column and the coordinates column together make one GeoJSON geometry.
const geometry = (type: AreaGeometry['type'], coordinates: AreaGeometry['coordinates']) =>
  ({ type, coordinates }) as AreaGeometry

/** Each layer's version, in one line: the index is rebuilt when this changes. */
export async function readLayerVersions(db: Db): Promise<string> {
  const rows = await db
    .selectFrom('geography_layers')
    .select(['layer', 'version'])
    .orderBy('layer')
    .execute()
  return rows.map((row) => `${row.layer}:${row.version}`).join(',')
}

/** Every row the address index is built from. */
export async function readAddressLayers(db: Db): Promise<AddressIndexRows> {
  const [addressPoints, roadSegments, msagRanges, placeNames, jurisdictions, responseZones] =
    // Sequential on purpose: PGlite has one connection, and a transaction must not interleave.
    [
      await db
        .selectFrom('address_points')
        .select([
          'house_number',
          'house_number_suffix',
          'pre_direction',
          'street_name',
          'street_type',
          'post_direction',
          'unit',
          'town',
          'postal_code',
          'state',
          'lat',
          'lon',
        ])
        .execute(),
      await db
        .selectFrom('road_segments')
        .select([
          'pre_direction',
          'street_name',
          'street_type',
          'post_direction',
          'from_left',
          'to_left',
          'from_right',
          'to_right',
          'town_left',
          'town_right',
          'coordinates',
        ])
        .execute(),
      await db
        .selectFrom('msag_ranges')
        .select([
          'pre_direction',
          'street_name',
          'street_type',
          'post_direction',
          'town',
          'low',
          'high',
          'parity',
        ])
        .execute(),
      await db
        .selectFrom('place_names')
        .select([
          'name',
          'house_number',
          'pre_direction',
          'street_name',
          'street_type',
          'post_direction',
          'town',
          'lat',
          'lon',
        ])
        .execute(),
      await db
        .selectFrom('jurisdictions')
        .select(['town', 'geometry_type', 'coordinates'])
        .execute(),
      await db
        .selectFrom('response_zones')
        .select(['station_code', 'discipline', 'geometry_type', 'coordinates'])
        .execute(),
    ]
  return {
    addressPoints,
    roadSegments,
    msagRanges,
    placeNames,
    jurisdictions: jurisdictions.map((row) => ({
      town: row.town,
      geometry: geometry(row.geometry_type, row.coordinates),
    })),
    responseZones: responseZones.map((row) => ({
      stationCode: row.station_code,
      discipline: row.discipline,
      geometry: geometry(row.geometry_type, row.coordinates),
    })),
  }
}

/**
 * The ids of the address points at these places (exact coordinates, as verification returns
 * them), keyed `lat,lon`; places with no address point are left out.
 */
export async function findAddressPointIds(
  db: Db,
  points: { lat: number; lon: number }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const wanted = new Set(points.map((p) => `${p.lat},${p.lon}`))
  const lats = [...new Set(points.map((p) => p.lat))]
  for (let start = 0; start < lats.length; start += 1000) {
    const rows = await db
      .selectFrom('address_points')
      .select(['id', 'lat', 'lon'])
      .where('lat', 'in', lats.slice(start, start + 1000))
      .orderBy('id')
      .execute()
    for (const row of rows) {
      const key = `${row.lat},${row.lon}`
      if (wanted.has(key) && !found.has(key)) found.set(key, String(row.id))
    }
  }
  return found
}
