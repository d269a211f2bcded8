/**
 * `npm test`: the whole suite. Runs every test file on the embedded database (PGlite); when
 * DATABASE_URL names a PostgreSQL server, runs them all again on it, with the tests that need a
 * server (`*.server-only.test.ts`). Then the browser journeys (`e2e/*.e2e.ts`) in Debian's
 * Chromium, one file at a time, after building the console. Ends with one line:
 * `N passed, N failed`.
 * `--embedded-only` skips the PostgreSQL server pass (`npm run test:embedded`), for a quicker round.
 * `--no-browser` skips the browser journeys.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { chromiumPath } from '../e2e/support/chromium.ts'
import { ensureDebianPackage } from './debian-package.ts'
import { removeJourneyTemplates } from '../e2e/support/platform.ts'
import { openEmbedded } from '../server/db/database.ts'
import { listMigrations, migrate } from '../server/db/migrate.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const TMP = path.join(ROOT, '.tmp')
const SERVER_ONLY = /\.server-only\.test\.ts$/
const BUILD_CONSOLE = path.join(ROOT, 'scripts/build-console.ts')

interface Counts {
  passed: number
  failed: number
  skipped: number
}

/** Files whose names end in `suffix`: `.test.ts` never matches a journey (`*.e2e.ts`). */
function findTestFiles(dir: string, suffix = '.test.ts'): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTestFiles(full, suffix)
    return entry.name.endsWith(suffix) ? [path.relative(ROOT, full)] : []
  })
}

/** A migrated PGlite folder, made once per set of migrations; each test file starts from a copy. */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256')
  for (const migration of listMigrations()) hash.update(migration.name).update(migration.sql)
  const dir = path.join(TMP, `pglite-template-${hash.digest('hex').slice(0, 12)}`)
  if (fs.existsSync(path.join(dir, 'ready'))) return dir
  fs.rmSync(dir, { recursive: true, force: true })
  const handle = await openEmbedded(dir)
  await migrate(handle.db)
  await handle.close()
  fs.writeFileSync(path.join(dir, 'ready'), new Date().toISOString())
  return dir
}

function runPass(label: string, files: string[], env: NodeJS.ProcessEnv, concurrency = 2): Counts {
  process.stdout.write(`\n=== ${label}: ${files.length} test files ===\n`)
  const tap = path.join(TMP, `results-${label.replace(/\W+/g, '-')}.tap`)
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-timeout=300000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: ROOT, env, stdio: 'inherit' },
  )
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : ''
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
  const counts = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped'),
  }
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1 // the runner itself failed
  return counts
}

/** Why the server in DATABASE_URL cannot run the tests (they create a database per file), or null. */
async function serverProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    const { rows } = await client.query<{ allowed: boolean }>(
      'select rolcreatedb or rolsuper as allowed from pg_roles where rolname = current_user',
    )
    return rows[0]?.allowed ? null : 'its user may not create databases (grant CREATEDB)'
  } catch (error) {
    return `${(error as Error).message} (create it first, e.g. createdb, or fix DATABASE_URL)`
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * The browser journeys, one file at a time (each starts a platform and a Chromium, and the
 * machine may have two cores). Chromium is checked, then the console built, before any starts.
 */
function runBrowserPass(env: NodeJS.ProcessEnv): Counts {
  const journeys = findTestFiles(path.join(ROOT, 'e2e'), '.e2e.ts').sort()
  // Node's runner, given no files, would look for tests everywhere.
  if (journeys.length === 0) return { passed: 0, failed: 0, skipped: 0 }
  const failedBefore = (step: string, error: unknown): Counts => {
    process.stdout.write(`\n=== browser journeys: not run: ${step}: ${String(error)}\n`)
    return { passed: 0, failed: 1, skipped: 0 }
  }
  try {
    chromiumPath()
  } catch (error) {
    return failedBefore('Chromium', (error as Error).message)
  }
  if (fs.existsSync(BUILD_CONSOLE)) {
    process.stdout.write('\n=== building the console ===\n')
    const build = spawnSync('npx', ['tsx', BUILD_CONSOLE], { cwd: ROOT, env, stdio: 'inherit' })
    if (build.status !== 0) return failedBefore('the console build', `exit ${build.status}`)
  }
  // The journeys' template data folder (demo center loaded) is made once for this run.
  const run = `r${process.pid}`
  try {
    return runPass('browser journeys', journeys, { ...env, ECC_E2E_RUN: run }, 1)
  } finally {
    removeJourneyTemplates(run)
  }
}

async function main(): Promise<void> {
  const embeddedOnly = process.argv.includes('--embedded-only')
  const noBrowser = process.argv.includes('--no-browser')
  fs.mkdirSync(TMP, { recursive: true })
  const files = [
    ...findTestFiles(path.join(ROOT, 'server')),
    ...findTestFiles(path.join(ROOT, 'common')),
    ...findTestFiles(path.join(ROOT, 'console')),
    ...findTestFiles(path.join(ROOT, 'portal')),
    ...findTestFiles(path.join(ROOT, 'e2e')),
  ].sort()
  const everywhere = files.filter((file) => !SERVER_ONLY.test(file))
  const serverOnly = files.filter((file) => SERVER_ONLY.test(file))
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  const add = (counts: Counts) => {
    total.passed += counts.passed
    total.failed += counts.failed
    total.skipped += counts.skipped
  }

  // The SIP tests drive Debian's sipp (package sip-tester) against the platform.
  try {
    ensureDebianPackage('/usr/bin/sipp', 'sip-tester')
  } catch (error) {
    process.stdout.write(`\n=== sipp: ${(error as Error).message}\n`)
    total.failed++
  }
  // The CAP 1.2 documents are validated by Debian's xmllint (package libxml2-utils).
  try {
    ensureDebianPackage('/usr/bin/xmllint', 'libxml2-utils')
  } catch (error) {
    process.stdout.write(`\n=== xmllint: ${(error as Error).message}\n`)
    total.failed++
  }
  const template = await pgliteTemplate()
  const { DATABASE_URL: databaseUrl, ...withoutServer } = process.env
  add(
    runPass('embedded database (PGlite)', everywhere, {
      ...withoutServer,
      ECC_TEST_PGLITE_TEMPLATE: template,
      ECC_TEST_DATABASE: 'embedded',
    }),
  )

  if (databaseUrl && !embeddedOnly) {
    const problem = await serverProblem(databaseUrl)
    if (problem) {
      process.stdout.write(`\nThe PostgreSQL server in DATABASE_URL cannot be used: ${problem}\n`)
      process.stdout.write(`\n${total.passed} passed, ${total.failed + 1} failed\n`)
      process.exit(1)
    }
    add(runPass('PostgreSQL server', files, { ...process.env, ECC_TEST_DATABASE: 'server' }))
  } else if (!embeddedOnly) {
    process.stdout.write(
      `\nNot run: ${serverOnly.length} test files that need a PostgreSQL server (${serverOnly.join(', ')}), ` +
        'and the second pass of the suite on a server. Set DATABASE_URL to an empty database on a ' +
        'PostgreSQL 15+ server to run them (.ci/run does).\n',
    )
  }
  if (noBrowser) {
    process.stdout.write('\nNot run: the browser journeys (--no-browser).\n')
  } else {
    add(runBrowserPass(withoutServer))
  }
  if (total.skipped > 0) {
    process.stdout.write(`${total.skipped} skipped (each with its reason above)\n`)
  }
  process.stdout.write(`\n${total.passed} passed, ${total.failed} failed\n`)
  process.exit(total.failed > 0 ? 1 : 0)
}

await main()
