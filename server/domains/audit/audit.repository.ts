import { sql } from 'kysely'
import type { ListAuditQuery } from '@common/api/audit.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { AuditRow, NewAuditRow } from './audit.table.ts'

export async function insertAuditRow(db: Db, row: NewAuditRow): Promise<string> {
  const inserted = await db
    .insertInto('audit_log')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return inserted.id
}

export function listAuditRows(db: Db, query: ListAuditQuery): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll()
  if (query.userId) q = q.where('user_id', '=', query.userId)
  if (query.component) q = q.where('component', '=', query.component)
  if (query.eventType) q = q.where('event_type', '=', query.eventType)
  if (query.outcome) q = q.where('outcome', '=', query.outcome)
  if (query.since) q = q.where('at', '>=', new Date(query.since))
  if (query.until) q = q.where('at', '<', new Date(query.until))
  if (query.before) q = q.where('id', '<', String(query.before))
  return q.orderBy('id', 'desc').limit(query.limit).execute()
}

export interface ChainTip {
  seq: string
  chain_hash: string
  tx: string
  id: string
}

export async function findChainTip(db: Db): Promise<ChainTip | null> {
  const tip = await db
    .selectFrom('audit_chain as c')
    .innerJoin('audit_log as a', 'a.id', 'c.audit_id')
    .select(['c.seq', 'c.chain_hash', 'a.tx', 'a.id'])
    .orderBy('c.seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  return tip ?? null
}

/**
 * Audit rows after `tip` in chain order, only from transactions that have all finished
 * (below the oldest running one), so no row can later appear before a sealed one.
 */
export async function listUnsealedRows(
  db: Db,
  after: { tx: string; id: string } | null,
  limit: number,
): Promise<Pick<AuditRow, 'id' | 'tx' | 'row_hash'>[]> {
  const result = await sql<Pick<AuditRow, 'id' | 'tx' | 'row_hash'>>`
    select id, tx::text as tx, row_hash from audit_log
    where tx < pg_snapshot_xmin(pg_current_snapshot())
      and (tx, id) > (${after?.tx ?? '0'}::xid8, ${after?.id ?? '0'}::bigint)
    order by tx, id
    limit ${limit}`.execute(db)
  return result.rows
}

export async function insertChainLinks(
  trx: Trx,
  links: { seq: string; audit_id: string; prev_hash: string; chain_hash: string }[],
): Promise<void> {
  if (links.length > 0) await trx.insertInto('audit_chain').values(links).execute()
}

/** Only one node seals at a time; the others skip their turn. */
/** Takes the sealer's lock for the transaction; without `wait`, gives up when another holds it. */
export async function lockSealer(trx: Trx, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(hashtext('ecc.audit.sealer'))`.execute(trx)
    return true
  }
  const result = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext('ecc.audit.sealer')) as locked`.execute(trx)
  return result.rows[0]?.locked === true
}

/**
 * Whether every transaction that has written an audit row so far has finished: only then can
 * the sealer link them all. Any running transaction in the cluster holds the horizon back.
 */
export async function auditRowsAllBelowHorizon(db: Db): Promise<boolean> {
  const result = await sql<{ below: boolean }>`
    select coalesce(max(tx) < pg_snapshot_xmin(pg_current_snapshot()), true) as below
    from audit_log`.execute(db)
  return result.rows[0]?.below === true
}

export type ChainedAuditRow = AuditRow & {
  seq: string | null
  prev_hash: string | null
  chain_hash: string | null
}

/** Audit rows in chain order (sealed first, by seq; then the unsealed tail), a page at a time. */
export async function listRowsInChainOrder(
  db: Db,
  after: { sealed: boolean; key: string },
  limit: number,
): Promise<ChainedAuditRow[]> {
  const base = db
    .selectFrom('audit_log as a')
    .leftJoin('audit_chain as c', 'c.audit_id', 'a.id')
    .selectAll('a')
    .select(['c.seq', 'c.prev_hash', 'c.chain_hash'])
    .limit(limit)
  if (after.sealed) {
    return base
      .where('c.seq', 'is not', null)
      .where('c.seq', '>', after.key)
      .orderBy('c.seq')
      .execute()
  }
  return base.where('c.seq', 'is', null).where('a.id', '>', after.key).orderBy('a.id').execute()
}

export async function deleteAuditRowsBefore(
  trx: Trx,
  before: Date,
  retentionDays: number,
): Promise<{ count: number; lastChainHash: string | null }> {
  await sql`select set_config('ecc.audit_retention_days', ${String(retentionDays)}, true)`.execute(
    trx,
  )
  const last = await trx
    .selectFrom('audit_chain as c')
    .innerJoin('audit_log as a', 'a.id', 'c.audit_id')
    .select('c.chain_hash')
    .where('a.at', '<', before)
    .orderBy('c.seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const result = await trx.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst()
  return { count: Number(result.numDeletedRows), lastChainHash: last?.chain_hash ?? null }
}
