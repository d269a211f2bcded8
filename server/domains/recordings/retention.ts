import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { recordCustody } from './custody.ts'
import * as repo from './recordings.repository.ts'
import { absolutePath, removeFile } from './storage.ts'

const BATCH = 100

/**
 * Deletes the media of recordings whose retention is over and that no legal hold protects
 * (neither on them nor on their original). The row and its custody stay. The file is removed
 * after the commit: a crash in between leaves a file no row points at, never a row pointing at
 * nothing. Returns how many were expired.
 */
export async function expireRecordings(ctx: Ctx): Promise<number> {
  let expired = 0
  for (;;) {
    const due = await repo.listExpiredRecordings(ctx.db, ctx.now(), BATCH)
    let expiredNow = 0
    for (const candidate of due) {
      if (await expireOne(ctx, candidate.id)) expiredNow++
    }
    expired += expiredNow
    // A short batch is the last; a batch of which nothing could go would come back unchanged.
    if (due.length < BATCH || expiredNow === 0) return expired
  }
}

async function expireOne(ctx: Ctx, id: string): Promise<boolean> {
  const storagePath = await runCommand(ctx, async (trx) => {
    const row = await repo.lockRecording(trx, id)
    if (!row || row.media_deleted_at || row.legal_hold_at) return null
    if (row.retain_until.getTime() > ctx.now().getTime()) return null
    if (row.derived_from_id) {
      const original = await repo.findRecording(trx, row.derived_from_id)
      if (original?.legal_hold_at) return null
    }
    await repo.updateRecording(trx, id, { media_deleted_at: ctx.now() })
    await recordCustody(trx, ctx, {
      recordingId: id,
      action: 'media_expired',
      actor: { label: 'system' },
      details: { retainUntil: row.retain_until.toISOString(), sha256: row.sha256 },
    })
    return row.storage_path
  })
  if (storagePath === null) return false
  await removeFile(absolutePath(ctx.config.recordings.dir, storagePath))
  return true
}
