import {
  CustodyEntry,
  LegalHoldBody,
  Recording,
  RecordingUploadQuery,
  RedactionBody,
  Waveform,
  WaveformQuery,
} from '@common/api/recordings.ts'
import { IdParams } from '@common/api/schemas.ts'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { AppError } from '../../http/errors.ts'
import { route } from '../../http/route.ts'
import { AUDIO_TYPES, TRANSCRIPT_TYPE, ingestRecording } from './ingest.service.ts'
import { redactRecording } from './redact.service.ts'
import {
  exportCustodyCsv,
  listCallRecordingsAudited,
  listCustodyAudited,
  openMedia,
  placeLegalHold,
  readRecording,
  readWaveform,
  releaseLegalHold,
  type OpenMedia,
} from './recordings.service.ts'
import { RawUpload, UPLOAD_URL } from './upload-body.ts'

const TAG = 'recordings'
const UPLOADERS = ['integration', 'administrator'] as const
const READERS = ['supervisor', 'records_clerk'] as const

/** Sends the opened file; it is closed when the stream ends or fails. */
function sendMedia(reply: FastifyReply, media: OpenMedia, disposition: 'inline' | 'attachment') {
  const { recording } = media
  reply
    .type(recording.kind === 'audio' ? 'audio/wav' : 'text/plain; charset=utf-8')
    .header('content-length', recording.byteSize)
    .header('content-disposition', `${disposition}; filename="${media.fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-recording-sha256', recording.sha256)
  return media.handle.createReadStream()
}

export const recordingRoutesList = [
  route({
    method: 'POST',
    url: UPLOAD_URL,
    summary: `Store a recording of the call: the body is the file (${AUDIO_TYPES.join(', ')}, or ${TRANSCRIPT_TYPE} for a transcript)`,
    tag: TAG,
    access: UPLOADERS,
    params: IdParams,
    query: RecordingUploadQuery,
    response: Recording,
    status: 201,
    handle: ({ ctx, params, query, request }) => {
      const body: unknown = request.body
      if (!(body instanceof RawUpload)) {
        throw new AppError(
          'recording_type_not_allowed',
          `Content-Type: send the file itself as ${AUDIO_TYPES.join(', ')} or ${TRANSCRIPT_TYPE}`,
          'Content-Type',
        )
      }
      return ingestRecording(ctx, {
        callId: params.id,
        source: 'upload',
        startedAt: query.startedAt ? new Date(query.startedAt) : undefined,
        externalId: query.externalId,
        contentType: body.contentType,
        body: body.stream,
      })
    },
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/recordings',
    summary: "The call's recordings, originals and redacted copies (audited)",
    tag: TAG,
    access: READERS,
    params: IdParams,
    response: z.array(Recording),
    handle: ({ ctx, params }) => listCallRecordingsAudited(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id',
    summary: 'One recording (audited)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    response: Recording,
    handle: ({ ctx, params }) => readRecording(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id/media',
    summary: 'The recording for playback (audited, in the chain of custody)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    async handle({ ctx, params, reply }) {
      return sendMedia(reply, await openMedia(ctx, params.id, 'played'), 'inline')
    },
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id/export',
    summary: 'The recording as a file to save (audited, in the chain of custody)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    async handle({ ctx, params, reply }) {
      return sendMedia(reply, await openMedia(ctx, params.id, 'exported'), 'attachment')
    },
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id/waveform',
    summary: 'Peak levels for drawing the waveform (audited, in the chain of custody)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    query: WaveformQuery,
    response: Waveform,
    handle: ({ ctx, params, query }) => readWaveform(ctx, params.id, query.points),
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id/custody',
    summary: "The recording's chain of custody (audited)",
    tag: TAG,
    access: READERS,
    params: IdParams,
    response: z.array(CustodyEntry),
    handle: ({ ctx, params }) => listCustodyAudited(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/recordings/:id/custody.csv',
    summary: 'The chain of custody as CSV (the export is itself logged in it)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    async handle({ ctx, params, reply }) {
      const { csv, fileName } = await exportCustodyCsv(ctx, params.id)
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
      return csv
    },
  }),
  route({
    method: 'POST',
    url: '/api/recordings/:id/legal-hold',
    summary: 'Place a legal hold: the media is kept past retention until it is released',
    tag: TAG,
    access: READERS,
    params: IdParams,
    body: LegalHoldBody,
    response: Recording,
    handle: ({ ctx, params, body }) => placeLegalHold(ctx, params.id, body.reason),
  }),
  route({
    method: 'DELETE',
    url: '/api/recordings/:id/legal-hold',
    summary: 'Release the legal hold (the body gives the reason)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    body: LegalHoldBody,
    response: Recording,
    handle: ({ ctx, params, body }) => releaseLegalHold(ctx, params.id, body.reason),
  }),
  route({
    method: 'POST',
    url: '/api/recordings/:id/redactions',
    summary: 'Make a redacted copy with the ranges silenced (the original is never changed)',
    tag: TAG,
    access: READERS,
    params: IdParams,
    body: RedactionBody,
    response: Recording,
    status: 201,
    handle: ({ ctx, params, body }) => redactRecording(ctx, params.id, body),
  }),
]
