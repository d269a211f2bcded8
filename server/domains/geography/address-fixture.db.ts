import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { GEOGRAPHY_LAYERS } from './geography.table.ts'
import type { AddressIndexRows } from './address-index.ts'
import { forgetAddressIndex } from './address-verify.service.ts'

/**
 * Writes address rows into the layer tables, replacing what was there, and raises every layer's
 * version as an import does, so each node's index is rebuilt. For tests.
 */
export async function writeAddressLayers(
  db: Kysely<Database>,
  rows: AddressIndexRows,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of GEOGRAPHY_LAYERS) await trx.deleteFrom(table).execute()
    if (rows.addressPoints.length > 0) {
      await trx.insertInto('address_points').values(rows.addressPoints).execute()
    }
    if (rows.roadSegments.length > 0) {
      await trx
        .insertInto('road_segments')
        .values(
          rows.roadSegments.map((r) => ({
            ...r,
            speed_mph: 25,
            coordinates: JSON.stringify(r.coordinates),
          })),
        )
        .execute()
    }
    if (rows.msagRanges.length > 0) {
      await trx.insertInto('msag_ranges').values(rows.msagRanges).execute()
    }
    if (rows.placeNames.length > 0) {
      await trx.insertInto('place_names').values(rows.placeNames).execute()
    }
    if (rows.jurisdictions.length > 0) {
      await trx
        .insertInto('jurisdictions')
        .values(
          rows.jurisdictions.map((j) => ({
            town: j.town,
            geometry_type: j.geometry.type,
            coordinates: JSON.stringify(j.geometry.coordinates),
          })),
        )
        .execute()
    }
    if (rows.responseZones.length > 0) {
      await trx
        .insertInto('response_zones')
        .values(
          rows.responseZones.map((z) => ({
            station_code: z.stationCode,
            discipline: z.discipline,
            geometry_type: z.geometry.type,
            coordinates: JSON.stringify(z.geometry.coordinates),
          })),
        )
        .execute()
    }
    const previous = await trx.selectFrom('geography_layers').select(['layer', 'version']).execute()
    const versionOf = new Map(previous.map((row) => [row.layer, row.version]))
    for (const layer of GEOGRAPHY_LAYERS) {
      const version = (versionOf.get(layer) ?? 0) + 1
      await trx
        .insertInto('geography_layers')
        .values({
          layer,
          version,
          imported_at: new Date(),
          source_file: 'test fixture',
          rows_imported: 0,
          rows_rejected: 0,
        })
        .onConflict((oc) => oc.column('layer').doUpdateSet({ version }))
        .execute()
    }
  })
  // This node need not wait for its once-a-second version check.
  forgetAddressIndex(db)
}
