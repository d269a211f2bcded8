import { open, type FileHandle } from 'node:fs/promises'
import type { CustodyEntry, Recording, Waveform } from '@common/api/recordings.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { findCall } from '../calls/index.ts'
import { COMPONENT, recordCustody } from './custody.ts'
import * as repo from './recordings.repository.ts'
import type { RecordingView } from './recordings.repository.ts'
import {
  custodyCsv,
  presentCustody,
  presentRecording,
  presentWaveform,
} from './recordings.presenter.ts'
import { absolutePath } from './storage.ts'
import { readWavInfo } from './ingest.service.ts'
import { computePeaks } from './waveform.ts'

export const notFound = () => new AppError('recording_not_found', 'no such recording')
export const mediaExpired = () =>
  new AppError(
    'recording_media_expired',
    'the media of this recording was deleted when its retention ended; its record and custody remain',
  )

async function requireRecording(db: Db, id: string): Promise<RecordingView> {
  const row = await repo.findRecording(db, id)
  if (!row) throw notFound()
  return row
}

function requireMedia(row: RecordingView): RecordingView {
  if (row.media_deleted_at) throw mediaExpired()
  return row
}

export function filePathOf(ctx: Ctx, row: RecordingView): string {
  return absolutePath(ctx.config.recordings.dir, row.storage_path)
}

/** The recordings of a call, originals and redacted copies (metadata only); audited. */
export function listCallRecordingsAudited(ctx: Ctx, callId: string): Promise<Recording[]> {
  return runCommand(ctx, async (trx) => {
    const call = await findCall(trx, callId)
    if (!call) throw new AppError('call_not_found', 'no such call')
    const rows = await repo.listRecordingsOfCall(trx, callId)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'recording.listed',
      subject: { type: 'call', id: callId },
      details: { recordings: rows.length },
    })
    return rows.map(presentRecording)
  })
}

export function readRecording(ctx: Ctx, id: string): Promise<Recording> {
  return runCommand(ctx, async (trx) => {
    const row = await requireRecording(trx, id)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'recording.read',
      subject: { type: 'recording', id },
    })
    return presentRecording(row)
  })
}

export interface OpenMedia {
  recording: Recording
  handle: FileHandle
  fileName: string
}

/**
 * Opens a recording's file for playback or export. The file is opened before the custody line
 * is written (so no line claims a read that could not happen) and stays readable even if the
 * retention sweep removes it while it is being sent.
 */
export async function openMedia(
  ctx: Ctx,
  id: string,
  action: 'played' | 'exported',
): Promise<OpenMedia> {
  const row = requireMedia(await requireRecording(ctx.db, id))
  const handle = await open(filePathOf(ctx, row), 'r')
  try {
    const recording = await runCommand(ctx, async (trx) => {
      const current = requireMedia(await requireRecording(trx, id))
      await recordCustody(trx, ctx, { recordingId: id, action })
      return presentRecording(current)
    })
    return { recording, handle, fileName: fileNameOf(row) }
  } catch (error) {
    await handle.close()
    throw error
  }
}

/** `recording-2026-11-30-1a2b3c4d.wav`: the day it began (UTC) and the id's first characters. */
export function fileNameOf(row: RecordingView): string {
  const day = row.started_at.toISOString().slice(0, 10)
  const suffix = row.redacted_ranges.length > 0 ? '-redacted' : ''
  return `recording-${day}-${row.id.slice(0, 8)}${suffix}.${row.kind === 'audio' ? 'wav' : 'txt'}`
}

export async function readWaveform(ctx: Ctx, id: string, points: number): Promise<Waveform> {
  const row = requireMedia(await requireRecording(ctx.db, id))
  if (row.kind !== 'audio') {
    throw new AppError('invalid_input', 'id: a transcript has no waveform', 'id')
  }
  const file = filePathOf(ctx, row)
  const info = readWavInfo(file, Number(row.byte_size))
  const peaks = await computePeaks(file, info, points)
  await runCommand(ctx, async (trx) => {
    requireMedia(await requireRecording(trx, id))
    await recordCustody(trx, ctx, {
      recordingId: id,
      action: 'waveform_viewed',
      details: { points },
    })
  })
  return presentWaveform(id, info.durationMs, peaks)
}

export function listCustodyAudited(ctx: Ctx, id: string): Promise<CustodyEntry[]> {
  return runCommand(ctx, async (trx) => {
    await requireRecording(trx, id)
    const rows = await repo.listCustody(trx, id)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'recording.custody_read',
      subject: { type: 'recording', id },
    })
    return rows.map(presentCustody)
  })
}

/** The chain of custody as CSV; the export is itself a line of it, and the last. */
export function exportCustodyCsv(ctx: Ctx, id: string): Promise<{ csv: string; fileName: string }> {
  return runCommand(ctx, async (trx) => {
    const row = await requireRecording(trx, id)
    await recordCustody(trx, ctx, { recordingId: id, action: 'custody_exported' })
    const rows = await repo.listCustody(trx, id)
    return { csv: custodyCsv(row, rows), fileName: `custody-${row.id.slice(0, 8)}.csv` }
  })
}

/** A legal hold keeps the media past retention until released. */
export function placeLegalHold(ctx: Ctx, id: string, reason: string): Promise<Recording> {
  return runCommand(ctx, async (trx) => {
    const row = await repo.lockRecording(trx, id)
    if (!row) throw notFound()
    if (row.legal_hold_at) {
      throw new AppError('conflict', `a legal hold is already placed: ${row.legal_hold_reason}`)
    }
    await repo.updateRecording(trx, id, {
      legal_hold_reason: reason,
      legal_hold_at: ctx.now(),
      legal_hold_by_user_id: ctx.actor?.userId ?? null,
    })
    await recordCustody(trx, ctx, {
      recordingId: id,
      action: 'legal_hold_placed',
      details: { reason },
    })
    return presentRecording(await requireRecording(trx, id))
  })
}

export function releaseLegalHold(ctx: Ctx, id: string, reason: string): Promise<Recording> {
  return runCommand(ctx, async (trx) => {
    const row = await repo.lockRecording(trx, id)
    if (!row) throw notFound()
    if (!row.legal_hold_at) throw new AppError('conflict', 'there is no legal hold to release')
    await repo.updateRecording(trx, id, {
      legal_hold_reason: null,
      legal_hold_at: null,
      legal_hold_by_user_id: null,
    })
    await recordCustody(trx, ctx, {
      recordingId: id,
      action: 'legal_hold_released',
      details: {
        reason,
        heldSince: row.legal_hold_at.toISOString(),
        heldFor: row.legal_hold_reason,
      },
    })
    return presentRecording(await requireRecording(trx, id))
  })
}
