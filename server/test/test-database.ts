import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openEmbedded, openServer, type DatabaseHandle } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'

/**
 * A fresh, migrated database for one test file. `ECC_TEST_DATABASE=server` makes a new database
 * on the PostgreSQL server named by DATABASE_URL (dropped afterwards); otherwise a PGlite folder,
 * copied from the template the test runner migrated once (PGlite's first start costs seconds).
 */
export async function openTestDatabase(): Promise<{
  handle: DatabaseHandle
  dispose: () => Promise<void>
}> {
  if (process.env.ECC_TEST_DATABASE === 'server') return openFreshServerDatabase()
  const template = process.env.ECC_TEST_PGLITE_TEMPLATE
  if (template && fs.existsSync(template)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-test-'))
    fs.cpSync(template, dir, { recursive: true })
    const handle = await openEmbedded(dir)
    await migrate(handle.db)
    return {
      handle,
      dispose: () => fs.promises.rm(dir, { recursive: true, force: true }),
    }
  }
  const handle = await openEmbedded('memory://')
  await migrate(handle.db)
  return { handle, dispose: () => Promise.resolve() }
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: these tests need a PostgreSQL server')
  return url
}

/** Creates an empty database on the server; returns its URL and a function that drops it. */
export async function createServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = serverUrl()
  const name = `ecc_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

async function openFreshServerDatabase() {
  const { url, drop } = await createServerDatabase()
  const handle = await openServer(url)
  await migrate(handle.db)
  return { handle, dispose: drop }
}
