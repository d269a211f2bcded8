/**
 * `npm run import -- <layer> <file> [--allow-rejects] [--rejects <file>]`: replaces one geography
 * layer with a GeoJSON or CSV file, all or nothing (docs/geography.md). Writes to DATABASE_URL
 * when set, else to the embedded database in ECC_DATA_DIR, which the platform must not hold.
 * Progress on stderr, the summary on stdout; exit 1 when the import fails, 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/config.ts'
import { openDatabase, type DatabaseHandle } from '../server/db/database.ts'
import { DataFolderInUseError } from '../server/db/lock-file.ts'
import { migrate } from '../server/db/migrate.ts'
import {
  IMPORT_LAYERS,
  ImportFileError,
  importLayer,
  ImportRejectedError,
  isImportLayerName,
  type ImportSummary,
} from '../server/domains/geography/import/index.ts'

const USAGE =
  'usage: npm run import -- <layer> <file> [--allow-rejects] [--rejects <file>]\n' +
  `  layers: ${IMPORT_LAYERS.join(', ')}\n`

function usage(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}`)
  process.exit(2)
}

/** A bar rewritten in place on a terminal; a line per tenth of the way in a log. */
function progressReporter(stream: NodeJS.WriteStream): {
  update: (done: number, total: number) => void
  end: () => void
} {
  const tty = stream.isTTY === true
  let lastDraw = 0
  let lastTenth = -1
  let drawn = false
  return {
    update(done, total) {
      const fraction = total === 0 ? 1 : done / total
      if (tty) {
        const now = Date.now()
        if (now - lastDraw < 100 && done < total) return
        lastDraw = now
        const width = 30
        const filled = Math.round(fraction * width)
        stream.write(
          `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)
            .toString()
            .padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows`,
        )
        drawn = true
      } else {
        const tenth = Math.floor(fraction * 10)
        if (tenth === lastTenth) return
        lastTenth = tenth
        stream.write(`imported ${done} of ${total} rows (${Math.floor(fraction * 100)}%)\n`)
      }
    },
    end() {
      if (drawn) stream.write('\n')
    },
  }
}

function printSummary(title: string, summary: ImportSummary, seconds: number | null): void {
  const lines = [
    title,
    `  rows read:     ${summary.rowsRead}`,
    `  imported:      ${summary.rowsImported}`,
    `  rejected:      ${summary.rowsRejected}`,
    `  rejects file:  ${summary.rejectsFile ?? 'none'}`,
    `  layer version: ${summary.version}`,
  ]
  if (seconds !== null) {
    lines.push(`  rows/s:        ${Math.round(summary.rowsImported / Math.max(seconds, 1e-3))}`)
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}

async function main(): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'allow-rejects': { type: 'boolean', default: false },
        rejects: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    usage((error as Error).message)
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE)
    return 0
  }
  const [layer, file, ...extra] = parsed.positionals
  if (!layer || !file) usage('a layer and a file are required')
  if (extra.length > 0) usage(`unexpected argument(s): ${extra.join(' ')}`)
  if (!isImportLayerName(layer)) usage(`unknown layer "${layer}"`)

  const config = loadConfig()
  let database: DatabaseHandle
  try {
    database = await openDatabase(config.database)
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      process.stderr.write(
        `import refused: the embedded database is in use (${error.message}).\n` +
          'The platform holds its data folder while it runs: stop it and import again, or ' +
          'import into a PostgreSQL server through DATABASE_URL.\n',
      )
      return 1
    }
    throw error
  }
  const progress = progressReporter(process.stderr)
  const started = performance.now()
  try {
    await migrate(database.db)
    process.stderr.write(`reading ${file} ...\n`)
    const summary = await importLayer(database.db, layer, file, {
      allowRejects: parsed.values['allow-rejects'],
      ...(parsed.values.rejects ? { rejectsFile: parsed.values.rejects } : {}),
      onProgress: progress.update,
    })
    progress.end()
    printSummary(`imported ${layer} from ${file}`, summary, (performance.now() - started) / 1000)
    return 0
  } catch (error) {
    progress.end()
    if (error instanceof ImportRejectedError) {
      printSummary(`refused ${layer} from ${file}`, error.summary, null)
      process.stderr.write(`import failed: ${error.message}\n`)
      return 1
    }
    if (error instanceof ImportFileError) {
      process.stderr.write(`import failed: ${error.message}\n`)
      return 1
    }
    throw error
  } finally {
    await database.close()
  }
}

try {
  process.exitCode = await main()
} catch (error) {
  process.stderr.write(`import failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
}
