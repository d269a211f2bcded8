import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { DEMO_LAYERS, writeDemoRegion } from '../../data/demo-region.ts'
import type { Database } from '../db/schema.ts'
import { importLayer, type ImportSummary } from '../domains/geography/import/index.ts'

/**
 * Loads the GENERATED DEMO DATA region (data/demo-region.ts) into the geography layers, through
 * the same importer an operator runs on real GIS files, strictly: a generated row the importer
 * refuses is a bug in the generator, and fails the start rather than leaving a gap in the map.
 * The files go to a temporary folder that is removed afterwards.
 */
export async function loadDemoRegion(db: Kysely<Database>): Promise<ImportSummary[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ecc-demo-region-'))
  try {
    const files = await writeDemoRegion(dir)
    const summaries: ImportSummary[] = []
    for (const layer of DEMO_LAYERS) summaries.push(await importLayer(db, layer, files[layer]))
    return summaries
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
