/** Small source files for the importer tests, written to a temp folder the test owns. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { openTestDatabase } from '../../../test/test-database.ts'

export interface TempFolder {
  dir: string
  write(name: string, content: string): string
  remove(): void
}

export function tempFolder(): TempFolder {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-import-'))
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name)
      fs.writeFileSync(file, content)
      return file
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** A fresh database and an empty temp folder for one test file; `close` removes both. */
export async function openImportTestbed(): Promise<{
  db: Kysely<Database>
  files: TempFolder
  close: () => Promise<void>
}> {
  const { handle, dispose } = await openTestDatabase()
  const files = tempFolder()
  return {
    db: handle.db,
    files,
    close: async () => {
      await handle.close()
      await dispose()
      files.remove()
    },
  }
}

type Props = Record<string, unknown>

export function featureCollection(features: { geometry: unknown; properties: Props }[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((feature) => ({ type: 'Feature', ...feature })),
  })
}

export const point = (lon: unknown, lat: unknown) => ({ type: 'Point', coordinates: [lon, lat] })
export const line = (...coordinates: unknown[]) => ({ type: 'LineString', coordinates })

/** A square polygon around (lon, lat); `open` leaves out the closing position. */
export function square(lon: number, lat: number, size = 0.01, open = false) {
  const ring = [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
  ]
  return { type: 'Polygon', coordinates: [open ? ring : [...ring, [lon, lat]]] }
}

export function csv(rows: (string | number)[][]): string {
  return `${rows.map((row) => row.join(',')).join('\n')}\n`
}

/** The rejects file as [at, field] pairs plus the reasons, for assertions. */
export function readRejects(file: string): { at: string; field: string; reason: string }[] {
  const [, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n')
  return lines.map((text) => {
    const match = /^([^,]*),([^,]*),(.*)$/.exec(text)
    if (!match) throw new Error(`not a rejects line: ${text}`)
    const reason = match[3]!.startsWith('"')
      ? match[3]!.slice(1, -1).replace(/""/g, '"')
      : match[3]!
    return { at: match[1]!, field: match[2]!, reason }
  })
}
