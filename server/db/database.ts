import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.ts'
import { acquireLockFile } from './lock-file.ts'
import type { Database } from './schema.ts'

export type DatabaseKind = 'embedded' | 'server'

/**
 * The one handle to the system of record. Only server/db knows whether it is PGlite or a
 * PostgreSQL server; everything else sees Kysely and the listen/notify pair.
 */
export interface DatabaseHandle {
  kind: DatabaseKind
  /** What a committed write survives, as logged at start-up and answered by /api/health. */
  durability: string
  /** The server's connection URL; null for the embedded database. */
  url: string | null
  db: Kysely<Database>
  /** Calls `onNotify` for each NOTIFY on `channel`, and `onReconnect` when a lost listener is back. */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<void>
  notify(channel: string, payload: string): Promise<void>
  close(): Promise<void>
}

export const EMBEDDED_DURABILITY = 'embedded: survives a process crash, not power loss'
export const SERVER_DURABILITY = 'server: fsync on'

export function openDatabase(database: Config['database']): Promise<DatabaseHandle> {
  return database.kind === 'server' ? openServer(database.url) : openEmbedded(database.dataDir)
}

/** PGlite in `dataDir/pgdata`, or in memory when `dataDir` is `memory://`. */
export async function openEmbedded(dataDir: string): Promise<DatabaseHandle> {
  let release = (): void => {}
  let pgDataDir = dataDir
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true })
    release = acquireLockFile(path.join(dataDir, 'ecc.lock'))
    pgDataDir = path.join(dataDir, 'pgdata')
  }
  try {
    const pglite = await PGlite.create(pgDataDir)
    // PGlite has one connection: the pool's size is 1, and code must pass its transaction down.
    const pool = new pg.Pool(createPgConfig(pglite))
    pool.on('error', ignoreIdleClientError)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return {
      kind: 'embedded',
      durability: EMBEDDED_DURABILITY,
      url: null,
      db,
      async listen(channel, onNotify) {
        await pglite.listen(channel, onNotify)
      },
      async notify(channel, payload) {
        await sql`select pg_notify(${channel}, ${payload})`.execute(db)
      },
      async close() {
        await db.destroy()
        await pglite.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}

export async function openServer(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 20 })
  pool.on('error', ignoreIdleClientError)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const listeners: pg.Client[] = []
  let closed = false

  async function connectListener(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<void> {
    const client = new pg.Client({ connectionString: url })
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '')
    })
    client.on('error', () => {
      const index = listeners.indexOf(client)
      if (index >= 0) listeners.splice(index, 1)
      void client.end().catch(() => undefined)
      if (!closed) scheduleReconnect(channel, onNotify, onReconnect)
    })
    await client.connect()
    await client.query(`listen ${pg.escapeIdentifier(channel)}`)
    listeners.push(client)
  }

  function scheduleReconnect(
    channel: string,
    onNotify: (payload: string) => void,
    onReconnect?: () => void,
  ): void {
    setTimeout(() => {
      connectListener(channel, onNotify, onReconnect)
        // Notifications sent while the listener was away are lost: the caller catches up.
        .then(() => onReconnect?.())
        .catch(() => scheduleReconnect(channel, onNotify, onReconnect))
    }, 500).unref()
  }

  try {
    await sql`select 1`.execute(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  return {
    kind: 'server',
    durability: SERVER_DURABILITY,
    url,
    db,
    listen: connectListener,
    async notify(channel, payload) {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db)
    },
    async close() {
      closed = true
      await Promise.all(listeners.map((client) => client.end().catch(() => undefined)))
      await db.destroy()
    },
  }
}

/**
 * A server that may lose acknowledged commits is refused in production: `fsync` or
 * `synchronous_commit` off would turn "acknowledged" into "probably".
 */
export async function findDurabilityProblem(handle: DatabaseHandle): Promise<string | null> {
  if (handle.kind === 'embedded') return null
  const fsync = await sql<{ fsync: string }>`show fsync`.execute(handle.db)
  const commit = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(
    handle.db,
  )
  if (fsync.rows[0]?.fsync !== 'on') return 'the PostgreSQL server runs with fsync off'
  if (commit.rows[0]?.synchronous_commit === 'off') {
    return 'the PostgreSQL server runs with synchronous_commit off'
  }
  return null
}

/**
 * An idle pooled connection was closed by the server (a restart, a failover, an administrator).
 * The pool drops it and opens a new one on demand; without this handler the error would end the
 * process. Queries in flight get their own error.
 */
function ignoreIdleClientError(): void {}
