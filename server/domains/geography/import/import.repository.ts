import { sql } from 'kysely'
import type { Db, Trx } from '../../../db/schema.ts'
import type { GeographyLayer } from '../geography.table.ts'

/**
 * Serialises imports of one layer: two imports running at once would each delete the rows they
 * see and both insert, leaving the layer doubled. Released at commit or rollback.
 */
export async function lockLayer(trx: Trx, layer: GeographyLayer): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`ecc.geography.${layer}`}))`.execute(trx)
}

/** DELETE, not TRUNCATE: readers keep seeing the previous layer until the import commits. */
export async function deleteLayerRows(trx: Trx, layer: GeographyLayer): Promise<void> {
  await trx.deleteFrom(layer).execute()
}

/**
 * Inserts a batch as one JSON document expanded by json_populate_recordset: one parameter
 * instead of one per value, and PostgreSQL converts each field to its column's type. About
 * twice as fast as a multi-row VALUES list, on the server and on PGlite alike.
 * `jsonColumns` hold JSON text already (coordinates) and are embedded as they are.
 */
export async function insertLayerRows(
  trx: Trx,
  layer: GeographyLayer,
  rows: Record<string, unknown>[],
  jsonColumns: ReadonlySet<string> = JSON_COLUMNS,
): Promise<void> {
  const columns = Object.keys(rows[0] ?? {})
  if (columns.length === 0) return
  const keys = columns.map((column) => `${JSON.stringify(column)}:`)
  const document = `[${rows
    .map(
      (row) =>
        `{${columns
          .map((column, i) => {
            const value = row[column]
            const text =
              jsonColumns.has(column) && typeof value === 'string'
                ? value
                : JSON.stringify(value ?? null)
            return keys[i]! + text
          })
          .join(',')}}`,
    )
    .join(',')}]`
  const list = sql.join(columns.map((column) => sql.ref(column)))
  await sql`insert into ${sql.table(layer)} (${list})
    select ${list} from json_populate_recordset(null::${sql.table(layer)}, ${document}::json)`.execute(
    trx,
  )
}

const JSON_COLUMNS: ReadonlySet<string> = new Set(['coordinates'])

/** Records the import and bumps the layer's version; returns the new version. */
export async function recordLayerImport(
  trx: Trx,
  layer: GeographyLayer,
  sourceFile: string,
  rowsImported: number,
  rowsRejected: number,
): Promise<number> {
  const row = await trx
    .insertInto('geography_layers')
    .values({
      layer,
      version: 1,
      imported_at: new Date(),
      source_file: sourceFile,
      rows_imported: rowsImported,
      rows_rejected: rowsRejected,
    })
    .onConflict((oc) =>
      oc.column('layer').doUpdateSet((eb) => ({
        version: sql<number>`${eb.ref('geography_layers.version')} + 1`,
        imported_at: eb.ref('excluded.imported_at'),
        source_file: eb.ref('excluded.source_file'),
        rows_imported: eb.ref('excluded.rows_imported'),
        rows_rejected: eb.ref('excluded.rows_rejected'),
      })),
    )
    .returning('version')
    .executeTakeFirstOrThrow()
  return row.version
}

export async function findLayerVersion(db: Db, layer: GeographyLayer): Promise<number> {
  const row = await db
    .selectFrom('geography_layers')
    .select('version')
    .where('layer', '=', layer)
    .executeTakeFirst()
  return row?.version ?? 0
}
