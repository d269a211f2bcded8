import type { Recording } from '@common/api/recordings.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordCustody } from './custody.ts'
import * as repo from './recordings.repository.ts'
import { presentRecording } from './recordings.presenter.ts'
import { fileNameOf, filePathOf, mediaExpired, notFound } from './recordings.service.ts'

/** What the records-requests domain uses: metadata, counts, release and the requester's download. */

export async function listCallRecordings(db: Db, callId: string): Promise<Recording[]> {
  const rows = await repo.listRecordingsOfCall(db, callId)
  return rows.map(presentRecording)
}

export function countRecordingsByCall(db: Db, callIds: string[]): Promise<Map<string, number>> {
  return repo.countAudioOriginals(db, callIds)
}

/** Marks recordings of a call as released to a records request (custody 'released'). */
export async function releaseRecordings(
  trx: Trx,
  ctx: Ctx,
  input: { callId: string; recordingIds: string[]; requestId: string; requestNumber: string },
): Promise<Recording[]> {
  const ids = [...new Set(input.recordingIds)].sort()
  const released: Recording[] = []
  for (const id of ids) {
    // In id order, so two releases of overlapping sets take their locks in the same order.
    const row = await repo.lockRecording(trx, id)
    if (!row || row.call_id !== input.callId) {
      throw new AppError(
        'invalid_input',
        `recordingIds: ${id} is not a recording of this call`,
        'recordingIds',
      )
    }
    if (row.media_deleted_at) {
      throw new AppError(
        'invalid_input',
        `recordingIds: the media of ${id} was deleted when its retention ended`,
        'recordingIds',
      )
    }
    await recordCustody(trx, ctx, {
      recordingId: id,
      action: 'released',
      details: { requestId: input.requestId, requestNumber: input.requestNumber },
    })
    released.push(presentRecording(row))
  }
  return released
}

/** The file of a released recording, for the requester's download (custody 'downloaded'). */
export async function openReleasedRecording(
  trx: Trx,
  ctx: Ctx,
  input: {
    recordingId: string
    requestId: string
    actor: { label: string; residentAccountId?: string | null }
  },
): Promise<{
  filePath: string
  fileName: string
  contentType: string
  byteSize: number
  sha256: string
}> {
  const row = await repo.findRecording(trx, input.recordingId)
  if (!row) throw notFound()
  if (row.media_deleted_at) throw mediaExpired()
  await recordCustody(trx, ctx, {
    recordingId: row.id,
    action: 'downloaded',
    actor: input.actor,
    details: { requestId: input.requestId },
  })
  return {
    filePath: filePathOf(ctx, row),
    fileName: fileNameOf(row),
    contentType: row.kind === 'audio' ? 'audio/wav' : 'text/plain; charset=utf-8',
    byteSize: Number(row.byte_size),
    sha256: row.sha256,
  }
}
