import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { GENESIS_HASH, chainHash, hashAuditContent } from './audit-hash.ts'
import * as repo from './audit.repository.ts'
import type { ChainedAuditRow } from './audit.repository.ts'

const BATCH = 1000
/** How long a waiting caller gives running transactions (anywhere in the cluster) to finish. */
const HORIZON_WAIT_MS = 10_000

/**
 * Links committed audit rows into the hash chain, in log order. Writers only hash their own row;
 * chaining here, after commit, keeps them from queueing on one lock. Returns the rows sealed.
 * The periodic sealer skips a turn when another node is sealing; `wait` queues behind it instead,
 * and first lets running transactions finish, for callers that need every committed row sealed
 * when it returns.
 */
export async function sealAuditChain(
  db: Kysely<Database>,
  { wait = false }: { wait?: boolean } = {},
): Promise<number> {
  if (wait) await waitForHorizon(db)
  return db.transaction().execute(async (trx) => {
    if (!(await repo.lockSealer(trx, wait))) return 0
    const tip = await repo.findChainTip(trx)
    let seq = BigInt(tip?.seq ?? '0')
    let prev = tip?.chain_hash ?? GENESIS_HASH
    let after = tip ? { tx: tip.tx, id: tip.id } : null
    let sealed = 0
    for (;;) {
      const rows = await repo.listUnsealedRows(trx, after, BATCH)
      if (rows.length === 0) return sealed
      const links = rows.map((row) => {
        seq += 1n
        const link = {
          seq: String(seq),
          audit_id: row.id,
          prev_hash: prev,
          chain_hash: chainHash(prev, row.row_hash),
        }
        prev = link.chain_hash
        return link
      })
      await repo.insertChainLinks(trx, links)
      sealed += rows.length
      const last = rows[rows.length - 1]!
      after = { tx: last.tx, id: last.id }
    }
  })
}

async function waitForHorizon(db: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + HORIZON_WAIT_MS
  while (!(await repo.auditRowsAllBelowHorizon(db)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

export interface ChainReport {
  ok: boolean
  /** Rows whose content and link were checked. */
  sealed: number
  /** Rows committed too recently to be linked yet; their own hash was checked. */
  unsealed: number
  firstBroken: { auditId: string; reason: string } | null
}

/**
 * Walks the whole chain: each row's content must match its hash, each link must follow from
 * the one before, and no link may be missing. Names the first row that breaks.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainReport> {
  const report: ChainReport = { ok: true, sealed: 0, unsealed: 0, firstBroken: null }
  const broken = (auditId: string, reason: string): ChainReport => ({
    ...report,
    ok: false,
    firstBroken: { auditId, reason },
  })
  let prevHash: string | null = null
  let prevSeq: bigint | null = null
  let key = '0'
  for (;;) {
    const rows = await repo.listRowsInChainOrder(db, { sealed: true, key }, BATCH)
    for (const row of rows) {
      const problem = contentProblem(row)
      if (problem) return broken(row.id, problem)
      const seq = BigInt(row.seq!)
      // The first remaining link is the anchor (older rows may have been purged after retention).
      if (prevSeq !== null && seq !== prevSeq + 1n) {
        return broken(
          row.id,
          `chain link ${prevSeq + 1n} is missing: a row was removed before this one`,
        )
      }
      if (prevHash !== null && row.prev_hash !== prevHash) {
        return broken(row.id, 'the link does not follow from the row before it')
      }
      if (row.chain_hash !== chainHash(row.prev_hash!, row.row_hash)) {
        return broken(row.id, 'the stored chain hash does not match')
      }
      prevHash = row.chain_hash
      prevSeq = seq
      report.sealed++
    }
    if (rows.length < BATCH) break
    key = rows[rows.length - 1]!.seq!
  }
  key = '0'
  for (;;) {
    const rows = await repo.listRowsInChainOrder(db, { sealed: false, key }, BATCH)
    for (const row of rows) {
      const problem = contentProblem(row)
      if (problem) return broken(row.id, problem)
      report.unsealed++
    }
    if (rows.length < BATCH) break
    key = rows[rows.length - 1]!.id
  }
  return report
}

function contentProblem(row: ChainedAuditRow): string | null {
  const hash = hashAuditContent({
    at: row.at,
    component: row.component,
    eventType: row.event_type,
    outcome: row.outcome,
    userId: row.user_id,
    username: row.username,
    positionId: row.position_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details,
    requestId: row.request_id,
  })
  return hash === row.row_hash ? null : 'the row was changed after it was written'
}
