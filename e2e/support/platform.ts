import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { listMigrations } from '../../server/db/migrate.ts'
import { spawnServer, waitForHealth, type ServerProcess } from '../../server/test/server-process.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const TMP = path.join(ROOT, '.tmp')
/** The sources whose output is in the template: a change to any of them makes a new one. */
const DEMO_SOURCES = [path.join(ROOT, 'data'), path.join(ROOT, 'server/demo')]
const TEMPLATE_PREFIX = 'e2e-template-'
/** Templates of finished runs that nobody removed (a journey run by hand) go after this. */
const STALE_TEMPLATE_MS = 12 * 60 * 60 * 1000
const START_TIMEOUT_MS = 180_000
const STOP_TIMEOUT_MS = 15_000

/** A platform process for one journey file, on its own copy of the demo center. */
export interface JourneyPlatform {
  url: string
  /** Everything the platform printed, for a failing journey's message. */
  output: () => string
  /** The port the NG911 SIP ingress took (the system picks it), from its start-up log line. */
  sipPort: () => Promise<number>
  /** Stops it with SIGTERM (SIGKILL if it hangs) and removes its data folder. */
  stop: () => Promise<void>
}

export interface JourneyPlatformOptions {
  /** Settings on top of the defaults (see server/config.ts), e.g. a short idle timeout. */
  env?: Record<string, string>
}

/**
 * Starts the platform on the embedded database, on a copy of this run's template: migrated, with
 * the demo center loaded. Loading the demo takes seconds, so each journey copies it instead.
 */
export async function startJourneyPlatform(
  options: JourneyPlatformOptions = {},
): Promise<JourneyPlatform> {
  const template = await journeyTemplate()
  fs.mkdirSync(TMP, { recursive: true })
  const dataDir = fs.mkdtempSync(path.join(TMP, 'e2e-data-'))
  fs.cpSync(template, dataDir, { recursive: true })
  fs.rmSync(path.join(dataDir, 'ready'))
  const server = await spawnServer({ ECC_DATA_DIR: dataDir, ECC_DEMO: '1', ...options.env })
  const stop = async () => {
    await stopServer(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(server, START_TIMEOUT_MS)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    url: server.url,
    output: () => server.output(),
    sipPort: () => loggedSipPort(server),
    stop,
  }
}

const SIP_LISTENING = 'NG911 SIP ingress listening'

/** Reads `port` from the ingress's log line, waiting a little: it may start after /api/health. */
async function loggedSipPort(server: ServerProcess, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    for (const line of server.output().split('\n')) {
      if (!line.includes(SIP_LISTENING)) continue
      const port = (JSON.parse(line) as { port?: unknown }).port
      if (typeof port === 'number' && port > 0) return port
    }
    if (Date.now() > deadline) {
      throw new Error(`the platform logged no "${SIP_LISTENING}":\n${server.output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * This run's template data folder, made on first use. A run is `ECC_E2E_RUN` (set by
 * scripts/run-tests.ts) or else the test runner's process: the demo center's times are those of
 * its loading, so a template is not carried from one run to the next. It is also keyed by the
 * migrations and the demo sources, and made aside then renamed, so concurrent runs never share a
 * half-made one.
 */
export async function journeyTemplate(): Promise<string> {
  const run = process.env.ECC_E2E_RUN ?? `p${process.ppid}`
  const dir = path.join(TMP, `${TEMPLATE_PREFIX}${sourcesHash()}-${run}`)
  if (fs.existsSync(path.join(dir, 'ready'))) return dir
  fs.mkdirSync(TMP, { recursive: true })
  removeStaleTemplates()
  const building = `${dir}.building-${process.pid}`
  fs.rmSync(building, { recursive: true, force: true })
  fs.mkdirSync(building)
  try {
    await loadDemoInto(building)
    fs.writeFileSync(path.join(building, 'ready'), new Date().toISOString())
    fs.renameSync(building, dir)
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true })
    // Another process of the same run finished first: its template is as good.
    if (fs.existsSync(path.join(dir, 'ready'))) return dir
    throw error
  }
  return dir
}

/** Removes the templates of a run (scripts/run-tests.ts, after its browser pass). */
export function removeJourneyTemplates(run: string): void {
  if (!fs.existsSync(TMP)) return
  for (const name of fs.readdirSync(TMP)) {
    if (name.startsWith(TEMPLATE_PREFIX) && name.endsWith(`-${run}`)) {
      fs.rmSync(path.join(TMP, name), { recursive: true, force: true })
    }
  }
}

/** Starts the platform once on an empty folder so that it migrates and loads the demo center. */
async function loadDemoInto(dataDir: string): Promise<void> {
  const server = await spawnServer({ ECC_DATA_DIR: dataDir, ECC_DEMO: '1' })
  try {
    await waitForHealth(server, START_TIMEOUT_MS)
  } catch (error) {
    await stopServer(server)
    throw error
  }
  if (!/demo center loaded/.test(server.output())) {
    await stopServer(server)
    throw new Error(`the platform did not load the demo center:\n${server.output()}`)
  }
  // A clean stop closes PGlite, which writes its files out and removes the lock file.
  const code = await stopServer(server)
  if (code !== 0 || fs.existsSync(path.join(dataDir, 'ecc.lock'))) {
    throw new Error(`the platform did not stop cleanly (${code}):\n${server.output()}`)
  }
}

async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited
  server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  try {
    return await server.exited
  } finally {
    clearTimeout(timer)
  }
}

function sourcesHash(): string {
  const hash = createHash('sha256')
  for (const migration of listMigrations()) hash.update(migration.name).update(migration.sql)
  for (const file of DEMO_SOURCES.flatMap(sourceFiles).sort()) {
    hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file))
  }
  return hash.digest('hex').slice(0, 12)
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'pgdata' ? [] : sourceFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : []
  })
}

function removeStaleTemplates(): void {
  for (const name of fs.readdirSync(TMP)) {
    if (!name.startsWith(TEMPLATE_PREFIX)) continue
    const full = path.join(TMP, name)
    if (Date.now() - fs.statSync(full).mtimeMs > STALE_TEMPLATE_MS) {
      fs.rmSync(full, { recursive: true, force: true })
    }
  }
}
