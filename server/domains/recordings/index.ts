import type { Logger } from 'pino'
import type { Recording, RecordingSource } from '@common/api/recordings.ts'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import type { AnyRoute } from '../../http/route.ts'
import * as ingest from './ingest.service.ts'
import * as release from './release.ts'
import { recordingRoutesList } from './recordings.routes.ts'
import { expireRecordings } from './retention.ts'

/** 911 recordings: ingestion, playback, redaction, retention and the chain of custody. */
export const recordingRoutes: AnyRoute[] = [...recordingRoutesList]

export { registerRecordingBodies } from './upload-body.ts'
export { expireRecordings } from './retention.ts'
export { recordDemoCalls, startDemoRecorder } from './demo-recordings.ts'
export { makeToneWav } from './wav-fixture.ts'
export { redactRecording } from './redact.service.ts'

/** Deletes the media of recordings past retention, every `intervalMs` on each node. */
export function startRecordingRetention(options: {
  ctx: () => Ctx
  intervalMs: number
  log: Logger
}): PeriodicJob {
  return startPeriodicJob({
    name: 'recording retention',
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => expireRecordings(options.ctx()),
  })
}

/** Metadata of a call's recordings, without an audit row: for the records clerk's own domain. */
export function listCallRecordings(db: Db, callId: string): Promise<Recording[]> {
  return release.listCallRecordings(db, callId)
}

/** Audio originals per call. */
export function countRecordingsByCall(db: Db, callIds: string[]): Promise<Map<string, number>> {
  return release.countRecordingsByCall(db, callIds)
}

/**
 * Releases recordings to a records request (custody 'released'). Each must belong to the call
 * and still have its media, else `invalid_input` naming `recordingIds`.
 */
export function releaseRecordings(
  trx: Trx,
  ctx: Ctx,
  input: { callId: string; recordingIds: string[]; requestId: string; requestNumber: string },
): Promise<Recording[]> {
  return release.releaseRecordings(trx, ctx, input)
}

/** The file of a released recording for download (custody 'downloaded'); 410 once expired. */
export function openReleasedRecording(
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
  return release.openReleasedRecording(trx, ctx, input)
}

/** Stores a recording of a call (upload route, demo recorder, the phone system's recorder). */
export function ingestRecording(
  ctx: Ctx,
  input: {
    callId: string
    source: RecordingSource
    demo?: boolean
    startedAt?: Date
    externalId?: string
    contentType: string
    body: NodeJS.ReadableStream | Buffer
  },
): Promise<Recording> {
  return ingest.ingestRecording(ctx, input)
}
