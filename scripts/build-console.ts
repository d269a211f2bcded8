/**
 * Builds the browser apps (console/ → console/dist, portal/ → portal/dist) when their sources
 * changed since the last build, so `npm start` and the browser journeys always serve what the
 * sources say. The hash of each app's sources is kept beside its build.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'vite'

const ROOT = path.resolve(import.meta.dirname, '..')

interface BrowserApp {
  name: string
  folder: string
  /** Everything the build reads, relative to the repository (the portal also reads console/src). */
  sources: string[]
}

const APPS: BrowserApp[] = [
  {
    name: 'console',
    folder: 'console',
    sources: ['console/src', 'console/index.html', 'console/vite.config.ts', 'common'],
  },
  {
    name: 'portal',
    folder: 'portal',
    sources: ['portal/src', 'portal/index.html', 'portal/vite.config.ts', 'console/src', 'common'],
  },
]

function filesUnder(relative: string): string[] {
  const full = path.join(ROOT, relative)
  if (!fs.statSync(full).isDirectory()) return [relative]
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)))
}

function sourcesHash(app: BrowserApp): string {
  const hash = createHash('sha256')
  for (const file of app.sources.flatMap(filesUnder).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)))
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
  return hash.digest('hex')
}

async function buildApp(app: BrowserApp, force: boolean): Promise<boolean> {
  const stamp = path.join(ROOT, app.folder, 'dist', '.sources-hash')
  const hash = sourcesHash(app)
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return false
  await build({ configFile: path.join(ROOT, app.folder, 'vite.config.ts') })
  fs.writeFileSync(stamp, hash)
  return true
}

/** Builds each app whose sources changed (all with `force`); returns the names of those built. */
export async function buildBrowserApps(options: { force?: boolean } = {}): Promise<string[]> {
  const built: string[] = []
  // One after the other: the machine is small and Vite already uses every core it has.
  for (const app of APPS) {
    if (await buildApp(app, options.force ?? false)) built.push(app.name)
  }
  return built
}

/** The console alone: kept for callers that only serve the dispatch floor. */
export async function buildConsole(options: { force?: boolean } = {}): Promise<boolean> {
  return buildApp(APPS[0]!, options.force ?? false)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now()
  const built = await buildBrowserApps({ force: process.argv.includes('--force') })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  process.stdout.write(
    built.length > 0
      ? `${built.join(' and ')} built in ${seconds} s\n`
      : 'console and portal are up to date\n',
  )
}
