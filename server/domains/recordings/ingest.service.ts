import { randomUUID } from 'node:crypto'
import { openSync, closeSync, readSync } from 'node:fs'
import type { Recording, RecordingKind, RecordingSource } from '@common/api/recordings.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { findCall } from '../calls/index.ts'
import { recordCustody } from './custody.ts'
import * as repo from './recordings.repository.ts'
import { presentRecording } from './recordings.presenter.ts'
import {
  absolutePath,
  placeFile,
  receiveFile,
  removeFile,
  storagePathFor,
  type ReceivedFile,
} from './storage.ts'
import { parseWavFrom, type WavInfo } from './wav.ts'

const DAY_MS = 86_400_000

export const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave'] as const
export const TRANSCRIPT_TYPE = 'text/plain'

export interface IngestInput {
  callId: string
  source: RecordingSource
  demo?: boolean
  startedAt?: Date
  externalId?: string
  contentType: string
  body: NodeJS.ReadableStream | Buffer
}

/** audio for a WAV, transcript for UTF-8 text; anything else is refused (415). */
export function kindOf(contentType: string): RecordingKind {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  if ((AUDIO_TYPES as readonly string[]).includes(type)) return 'audio'
  if (type === TRANSCRIPT_TYPE) return 'transcript'
  throw new AppError(
    'recording_type_not_allowed',
    `Content-Type: ${type || 'none'}; send ${AUDIO_TYPES.join(', ')} or ${TRANSCRIPT_TYPE}`,
    'Content-Type',
  )
}

export function retainUntil(ctx: Ctx, startedAt: Date): Date {
  return new Date(startedAt.getTime() + ctx.config.recordings.retentionDays * DAY_MS)
}

/**
 * Stores a recording of a call: the upload route, the demo recorder and the phone system's
 * recorder all come through here. The file is received (hashed, counted, capped), checked,
 * made durable and moved into place; then the row, its first custody line and the audit row are
 * written in one transaction. If that fails the file is removed again.
 */
export async function ingestRecording(ctx: Ctx, input: IngestInput): Promise<Recording> {
  const kind = kindOf(input.contentType)
  const call = await findCall(ctx.db, input.callId)
  if (!call) throw new AppError('call_not_found', 'no such call', 'callId')
  const { dir, maxBytes } = ctx.config.recordings
  const received = await receiveFile(dir, input.body, {
    maxBytes,
    inspect: kind === 'transcript' ? utf8Checker() : undefined,
  })
  let audio: WavInfo | null = null
  try {
    if (received.byteSize === 0) {
      throw new AppError('invalid_input', 'body: empty; send the file itself', 'body')
    }
    if (kind === 'audio') audio = readWavInfo(received.tempPath, received.byteSize)
  } catch (error) {
    await removeFile(received.tempPath)
    throw error
  }
  const id = randomUUID()
  const startedAt = input.startedAt ?? call.arrived_at
  const storagePath = storagePathFor(id, startedAt, kind === 'audio' ? 'wav' : 'txt')
  await placeFile(dir, received.tempPath, storagePath)
  try {
    const recording = await runCommand(ctx, async (trx) => {
      const inserted = await repo.insertRecording(trx, {
        id,
        call_id: call.id,
        kind,
        content_type: kind === 'audio' ? 'audio/wav' : TRANSCRIPT_TYPE,
        encoding: audio?.encoding ?? null,
        sample_rate: audio?.sampleRate ?? null,
        channels: audio?.channels ?? null,
        duration_ms: audio?.durationMs ?? null,
        byte_size: received.byteSize,
        sha256: received.sha256,
        storage_path: storagePath,
        started_at: startedAt,
        source: input.source,
        demo: input.demo ?? false,
        external_id: input.externalId ?? null,
        retain_until: retainUntil(ctx, startedAt),
        created_at: ctx.now(),
        created_by_user_id: ctx.actor?.userId ?? null,
      })
      await recordCustody(trx, ctx, {
        recordingId: inserted.id,
        action: 'ingested',
        details: ingestDetails(input, received),
      })
      // Plain JSON: an Idempotency-Key's replay gives this back as stored.
      return presentRecording({ ...inserted, legal_hold_by_username: null })
    })
    // A replayed request gets the first upload's recording; this one's file is not needed.
    if (recording.id !== id) await removeFile(absolutePath(dir, storagePath))
    return recording
  } catch (error) {
    await removeFile(absolutePath(dir, storagePath))
    throw error
  }
}

function ingestDetails(input: IngestInput, received: ReceivedFile): Record<string, unknown> {
  return {
    callId: input.callId,
    source: input.source,
    sha256: received.sha256,
    byteSize: received.byteSize,
    ...(input.externalId ? { externalId: input.externalId } : {}),
    ...(input.demo ? { demo: true } : {}),
  }
}

/** Parses the header of a WAV on disk, reading only the chunk headers it walks. */
export function readWavInfo(file: string, size: number): WavInfo {
  const fd = openSync(file, 'r')
  try {
    return parseWavFrom((offset, length) => {
      const buffer = Buffer.alloc(length)
      const read = readSync(fd, buffer, 0, length, offset)
      return buffer.subarray(0, read)
    }, size)
  } finally {
    closeSync(fd)
  }
}

/** Refuses text that is not UTF-8, chunk by chunk (a character may straddle two chunks). */
function utf8Checker(): (chunk: Buffer | null) => void {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  return (chunk) => {
    try {
      if (chunk) decoder.decode(chunk, { stream: true })
      else decoder.decode()
    } catch {
      throw new AppError('invalid_input', 'body: a transcript must be UTF-8 text', 'body')
    }
  }
}
