import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { FieldReader } from './fields.ts'
import {
  deleteLayerRows,
  findLayerVersion,
  insertLayerRows,
  lockLayer,
  recordLayerImport,
} from './import.repository.ts'
import { LAYERS, uniqueKey, type ImportLayerName } from './layers.ts'
import { writeRejectsFile, type Reject } from './rejects-file.ts'
import { ImportFileError, readSourceFile } from './source-file.ts'

export interface ImportOptions {
  /** Import the good rows and skip the bad; by default one bad row refuses the whole file. */
  allowRejects?: boolean
  /** Where the rejects go; by default `<file>.rejects.csv`, written only when there are any. */
  rejectsFile?: string
  /** Called after each batch written, with the rows written so far and the rows to write. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void
}

export interface ImportSummary {
  layer: ImportLayerName
  file: string
  rowsRead: number
  rowsImported: number
  rowsRejected: number
  rejectsFile: string | null
  /** The layer's version after the import (unchanged when the import was refused). */
  version: number
}

/** Rows were rejected and rejects were not allowed (or no row was left): nothing was written. */
export class ImportRejectedError extends Error {
  constructor(
    message: string,
    readonly summary: ImportSummary,
  ) {
    super(message)
    this.name = 'ImportRejectedError'
  }
}

/** Rows per INSERT: large enough to amortise a statement, small enough for a steady progress bar. */
const BATCH_ROWS = 5000

/**
 * Replaces one geography layer with the rows of a GeoJSON or CSV file, all or nothing: every
 * row is checked and normalised first, then one transaction deletes the old rows, inserts the
 * new in batches and bumps the layer's version (so every node rebuilds its indexes). A file
 * that cannot be read or parsed throws ImportFileError; rejected rows throw ImportRejectedError
 * unless `allowRejects`. Either way the previous layer stays, and the rejects file is written.
 */
export async function importLayer(
  db: Kysely<Database>,
  layer: ImportLayerName,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const definition = LAYERS[layer]
  const source = await readSourceFile(file)
  if (!definition.formats.includes(source.format)) {
    throw new ImportFileError(
      file,
      `${layer} are read from ${definition.formats.join(' or ')}; this file is ${source.format}`,
    )
  }
  if (source.columns) {
    const present = new Set(source.columns.map((name) => name.toLowerCase()))
    const missing = definition.requiredColumns
      .filter((names) => !names.some((name) => present.has(name.toLowerCase())))
      .map((names) => names.join(' or '))
    if (missing.length > 0) {
      throw new ImportFileError(file, `the header lacks the column(s) ${missing.join(', ')}`)
    }
  }
  const rowsRead = source.rows.length + source.malformed.length
  if (rowsRead === 0) {
    throw new ImportFileError(file, 'the file holds no rows; the layer is left as it was')
  }

  const rejects: Reject[] = [...source.malformed]
  const rejectedRows = new Set(source.malformed.map((reject) => reject.at))
  const rows: Record<string, unknown>[] = []
  const seen = new Map<string, string>()
  for (const sourceRow of source.rows) {
    const fields = new FieldReader(sourceRow)
    const row = definition.toRow(fields) as Record<string, unknown>
    const key = fields.problems.length === 0 ? uniqueKey(definition.table, row) : null
    const first = key === null ? undefined : seen.get(key)
    if (first !== undefined) {
      fields.problem('Inc_Muni', `"${String(row.town)}" is already at ${first}`)
    }
    if (fields.problems.length > 0) {
      rejectedRows.add(sourceRow.at)
      for (const problem of fields.problems) rejects.push({ at: sourceRow.at, ...problem })
      continue
    }
    if (key !== null) seen.set(key, sourceRow.at)
    rows.push(row)
  }

  const rejectsFile = options.rejectsFile ?? (rejects.length > 0 ? `${file}.rejects.csv` : null)
  if (rejectsFile !== null) await writeRejectsFile(rejectsFile, rejects)
  const summary: ImportSummary = {
    layer,
    file,
    rowsRead,
    rowsImported: 0,
    rowsRejected: rejectedRows.size,
    rejectsFile,
    version: await findLayerVersion(db, definition.table),
  }
  if (summary.rowsRejected > 0 && !options.allowRejects) {
    throw new ImportRejectedError(
      `${summary.rowsRejected} of ${rowsRead} rows rejected (see ${rejectsFile}); nothing was ` +
        'imported and the layer is left as it was (--allow-rejects imports the good rows)',
      summary,
    )
  }
  if (rows.length === 0) {
    throw new ImportRejectedError(
      `every row was rejected (see ${rejectsFile}); the layer is left as it was`,
      summary,
    )
  }

  const batchSize = BATCH_ROWS
  const version = await db.transaction().execute(async (trx) => {
    await lockLayer(trx, definition.table)
    await deleteLayerRows(trx, definition.table)
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize)
      await insertLayerRows(trx, definition.table, batch)
      options.onProgress?.(start + batch.length, rows.length)
    }
    return recordLayerImport(
      trx,
      definition.table,
      path.resolve(file),
      rows.length,
      summary.rowsRejected,
    )
  })
  return { ...summary, rowsImported: rows.length, version }
}
