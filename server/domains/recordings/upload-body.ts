import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../../config.ts'
import { AppError } from '../../http/errors.ts'
import { AUDIO_TYPES, TRANSCRIPT_TYPE } from './ingest.service.ts'
import { tooLarge } from './storage.ts'

export const UPLOAD_URL = '/api/calls/:id/recordings'

/** An upload's body, still unread: the service streams it to disk. */
export class RawUpload {
  constructor(
    readonly stream: NodeJS.ReadableStream,
    readonly contentType: string,
    readonly declaredLength: number | null,
  ) {}

  /** What an Idempotency-Key's request hash sees of the body (it is never buffered). */
  toJSON(): { contentType: string; length: number | null } {
    return { contentType: this.contentType, length: this.declaredLength }
  }
}

/**
 * WAV files and transcripts arrive as raw bodies and are handed on as streams: up to
 * `maxBytes` (256 MB by default) must never be held in memory. A body declared larger than the
 * limit is refused before a byte is read. Only the upload route takes these types.
 */
export function registerRecordingBodies(app: FastifyInstance, config: Config): void {
  // Fastify's own text/plain parser buffers; it is kept for every other route (below).
  app.removeContentTypeParser(TRANSCRIPT_TYPE)
  app.addContentTypeParser(
    [...AUDIO_TYPES, TRANSCRIPT_TYPE],
    async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
      const contentType = request.headers['content-type'] ?? ''
      if (request.routeOptions.url !== UPLOAD_URL || request.method !== 'POST') {
        if (contentType.startsWith(TRANSCRIPT_TYPE)) {
          return readText(payload, request.routeOptions.bodyLimit ?? DEFAULT_TEXT_LIMIT)
        }
        throw new AppError(
          'recording_type_not_allowed',
          `Content-Type: ${contentType} is not accepted here; send application/json`,
          'Content-Type',
        )
      }
      const header = request.headers['content-length']
      const declared = header === undefined ? null : Number(header)
      if (declared !== null && declared > config.recordings.maxBytes) {
        throw tooLarge(config.recordings.maxBytes)
      }
      return new RawUpload(payload, contentType, declared)
    },
  )
}

const DEFAULT_TEXT_LIMIT = 1024 * 1024

/** What Fastify's default text/plain parser did: the body as a string, within the limit. */
async function readText(payload: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of payload) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (size > limit) {
      // A 413 as Fastify's own parser gave (the error edge keeps its status).
      throw Object.assign(new Error(`larger than ${limit} bytes`), { statusCode: 413 })
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks).toString('utf8')
}
