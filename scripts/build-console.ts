/**
 * Builds the browser console (console/ → console/dist) when its sources changed since the last
 * build, so `npm start` and the browser journeys always serve what the sources say. The hash of
 * the sources is kept beside the build.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'vite'

const ROOT = path.resolve(import.meta.dirname, '..')
const CONSOLE = path.join(ROOT, 'console')
const DIST = path.join(CONSOLE, 'dist')
const STAMP = path.join(DIST, '.sources-hash')
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'common']

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative)
  if (!fs.statSync(full).isDirectory()) return [relative]
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
}

function sourcesHash(): string {
  const hash = createHash('sha256')
  for (const file of SOURCES.flatMap(filesUnder).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)))
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
  return hash.digest('hex')
}

export async function buildConsole(options: { force?: boolean } = {}): Promise<boolean> {
  const hash = sourcesHash()
  if (!options.force && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash) {
    return false
  }
  await build({ configFile: path.join(CONSOLE, 'vite.config.ts') })
  fs.writeFileSync(STAMP, hash)
  return true
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const built = await buildConsole({ force: process.argv.includes('--force') })
  process.stdout.write(
    built
      ? `console built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
      : 'console is up to date\n',
  )
}
