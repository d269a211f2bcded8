import fs from 'node:fs/promises'
import { CsvSyntaxError, parseCsv } from './csv.ts'

export type SourceFormat = 'csv' | 'geojson'

/** A GeoJSON geometry as found in a file: not yet checked. */
export interface RawGeometry {
  type: unknown
  coordinates: unknown
}

/**
 * One row of a source file: a CSV record or a GeoJSON feature. `at` names it in rejects:
 * `line 12` (the CSV file line, the header is line 1) or `features[11]` (the index in the
 * FeatureCollection's array, from 0).
 */
export interface SourceRow {
  at: string
  format: SourceFormat
  get(name: string): unknown
  geometry: RawGeometry | null
}

export interface SourceFile {
  format: SourceFormat
  /** CSV only: the column names of the header line. */
  columns: string[] | null
  rows: SourceRow[]
  /** Rows refused before any layer rule, e.g. a CSV line with the wrong number of values. */
  malformed: { at: string; field: string; reason: string }[]
}

/** The file cannot be read or parsed at all: nothing was imported. */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`)
    this.name = 'ImportFileError'
  }
}

/**
 * Reads a CSV or GeoJSON file whole. The format is the content's: a file whose first character
 * is `{` is GeoJSON, anything else CSV (extensions lie more often than content does).
 */
export async function readSourceFile(file: string): Promise<SourceFile> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    throw new ImportFileError(file, `cannot be read (${(error as Error).message})`)
  }
  const body = text.replace(/^\uFEFF/, '').trimStart()
  if (body === '') throw new ImportFileError(file, 'the file is empty')
  return body.startsWith('{') ? readGeoJson(file, body) : readCsv(file, text)
}

function readGeoJson(file: string, text: string): SourceFile {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ImportFileError(file, `not valid JSON (${(error as Error).message})`)
  }
  if (!isObject(parsed) || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new ImportFileError(file, 'not a GeoJSON FeatureCollection (type and features[])')
  }
  const rows: SourceRow[] = []
  const malformed: SourceFile['malformed'] = []
  parsed.features.forEach((feature: unknown, index) => {
    const at = `features[${index}]`
    if (!isObject(feature) || feature.type !== 'Feature') {
      malformed.push({ at, field: 'type', reason: 'type: not a GeoJSON Feature' })
      return
    }
    const properties = isObject(feature.properties) ? feature.properties : {}
    const geometry = isObject(feature.geometry)
      ? { type: feature.geometry.type, coordinates: feature.geometry.coordinates }
      : null
    rows.push({ at, format: 'geojson', geometry, get: (name) => property(properties, name) })
  })
  return { format: 'geojson', columns: null, rows, malformed }
}

function readCsv(file: string, text: string): SourceFile {
  let csv
  try {
    csv = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(file, error.message)
    throw error
  }
  const index = new Map<string, number>()
  csv.header.forEach((name, i) => {
    if (name !== '' && !index.has(name.toLowerCase())) index.set(name.toLowerCase(), i)
  })
  const rows: SourceRow[] = []
  const malformed: SourceFile['malformed'] = []
  for (const record of csv.records) {
    const at = `line ${record.line}`
    if (record.values.length !== csv.header.length) {
      malformed.push({
        at,
        field: '',
        reason: `has ${record.values.length} values where the header has ${csv.header.length}`,
      })
      continue
    }
    const values = record.values
    rows.push({
      at,
      format: 'csv',
      geometry: null,
      get: (name) => {
        const i = index.get(name.toLowerCase())
        return i === undefined ? undefined : values[i]
      },
    })
  }
  return { format: 'csv', columns: csv.header, rows, malformed }
}

/** NENA names are matched exactly first, then case-insensitively (shapefile exports shout). */
function property(properties: Record<string, unknown>, name: string): unknown {
  if (name in properties) return properties[name]
  const lower = lowerCase(name)
  for (const key in properties) {
    if (lowerCase(key) === lower) return properties[key]
  }
  return undefined
}

/** Features repeat the same few keys: lower-casing each once saves most of a large import's checks. */
const lowerCaseKeys = new Map<string, string>()
function lowerCase(key: string): string {
  let lower = lowerCaseKeys.get(key)
  if (lower === undefined) {
    lower = key.toLowerCase()
    if (lowerCaseKeys.size < 10_000) lowerCaseKeys.set(key, lower)
  }
  return lower
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
