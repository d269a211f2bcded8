import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.ts'

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/

export interface Migration {
  version: number
  name: string
  sql: string
}

/** The numbered `.sql` files, in order. A merged migration is never edited: fix it with a new one. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => NAME.test(file))
    .sort()
    .map((file) => ({
      version: Number(NAME.exec(file)?.[1]),
      name: file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }))
}

/**
 * Applies the pending migrations in one transaction under an advisory lock, so that several
 * nodes starting together apply each migration once. Returns the names applied.
 */
export async function migrate(
  db: Kysely<Database>,
  migrations = listMigrations(),
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('ecc.migrate'))`.execute(trx)
    await sql`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`.execute(trx)
    const applied = await sql<{ version: number }>`select version from schema_migrations`.execute(
      trx,
    )
    const done = new Set(applied.rows.map((row) => row.version))
    const names: string[] = []
    for (const migration of migrations) {
      if (done.has(migration.version)) continue
      await sql.raw(migration.sql).execute(trx)
      await sql`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`.execute(
        trx,
      )
      names.push(migration.name)
    }
    return names
  })
}
