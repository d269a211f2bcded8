import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Recording, RedactionBody } from '@common/api/recordings.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordCustody } from './custody.ts'
import { readWavInfo } from './ingest.service.ts'
import { mergeRanges, normaliseRanges, writeRedactedCopy } from './redaction.ts'
import * as repo from './recordings.repository.ts'
import { presentRecording } from './recordings.presenter.ts'
import { filePathOf, mediaExpired, notFound } from './recordings.service.ts'
import { absolutePath, hashFile, placeFile, removeFile, storagePathFor } from './storage.ts'

/**
 * Makes a redacted copy: a new file and row, the original untouched. Redacting a copy redacts
 * its original again with the copy's ranges and the new ones, so every copy is one step from
 * the evidence and its silenced stretches are all listed on it.
 */
export async function redactRecording(
  ctx: Ctx,
  id: string,
  body: RedactionBody,
): Promise<Recording> {
  const asked = await repo.findRecording(ctx.db, id)
  if (!asked) throw notFound()
  const original = asked.derived_from_id
    ? await repo.findRecording(ctx.db, asked.derived_from_id)
    : asked
  if (!original) throw notFound()
  if (original.kind !== 'audio' || original.duration_ms === null) {
    throw new AppError('invalid_input', 'ranges: only audio recordings can be redacted', 'ranges')
  }
  if (original.media_deleted_at || asked.media_deleted_at) throw mediaExpired()
  const ranges = mergeRanges([
    ...asked.redacted_ranges,
    ...normaliseRanges(body.ranges, original.duration_ms),
  ])

  const source = filePathOf(ctx, original)
  const info = readWavInfo(source, Number(original.byte_size))
  const { dir } = ctx.config.recordings
  const incoming = path.join(dir, '.incoming')
  await mkdir(incoming, { recursive: true })
  const tempPath = path.join(incoming, randomUUID())
  const copyId = randomUUID()
  const storagePath = storagePathFor(copyId, original.started_at, 'wav')
  let file: { sha256: string; byteSize: number }
  try {
    await writeRedactedCopy(source, tempPath, info, ranges)
    file = await hashFile(tempPath)
    await placeFile(dir, tempPath, storagePath)
  } catch (error) {
    await removeFile(tempPath)
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw mediaExpired()
    throw error
  }

  try {
    const copy = await runCommand(ctx, async (trx) => {
      const locked = await repo.lockRecording(trx, original.id)
      if (!locked) throw notFound()
      if (locked.media_deleted_at) throw mediaExpired()
      const inserted = await repo.insertRecording(trx, {
        id: copyId,
        call_id: original.call_id,
        kind: 'audio',
        content_type: original.content_type,
        encoding: original.encoding,
        sample_rate: original.sample_rate,
        channels: original.channels,
        duration_ms: original.duration_ms,
        byte_size: file.byteSize,
        sha256: file.sha256,
        storage_path: storagePath,
        started_at: original.started_at,
        source: 'redaction',
        demo: original.demo,
        derived_from_id: original.id,
        redacted_ranges: JSON.stringify(ranges),
        redaction_reason: body.reason,
        retain_until: locked.retain_until,
        created_at: ctx.now(),
        created_by_user_id: ctx.actor?.userId ?? null,
      })
      await recordCustody(trx, ctx, {
        recordingId: original.id,
        action: 'redacted',
        details: {
          derivedId: copyId,
          ranges,
          reason: body.reason,
          ...(asked.id !== original.id ? { requestedOn: asked.id } : {}),
        },
      })
      await recordCustody(trx, ctx, {
        recordingId: copyId,
        action: 'derived',
        details: { fromId: original.id, sha256: file.sha256 },
      })
      // Plain JSON: an Idempotency-Key's replay gives this back as stored.
      return presentRecording({ ...inserted, legal_hold_by_username: null })
    })
    // A replayed request gets the first copy back; this one's file is not needed.
    if (copy.id !== copyId) await removeFile(absolutePath(dir, storagePath))
    return copy
  } catch (error) {
    await removeFile(absolutePath(dir, storagePath))
    throw error
  }
}
