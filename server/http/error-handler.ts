import type { FastifyError, FastifyInstance } from 'fastify'
import type { ErrorBody } from '@common/api/errors.ts'
import { AppError, statusOf } from './errors.ts'

/**
 * The one error edge: domain errors become their status and `{ error: { code, message, field } }`;
 * Fastify's own client errors (bad JSON, wrong content type) become 400s; anything else is logged
 * with the request id and answered 500 with no internals.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } }
      if (error.field) body.error.field = error.field
      return reply.code(statusOf(error.code)).send(body)
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      // An unsupported media type is the header's fault, not the body's.
      const field = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Content-Type' : 'body'
      const body: ErrorBody = {
        error: { code: 'invalid_input', message: `${field}: ${error.message}`, field },
      }
      return reply.code(status === 413 || status === 415 ? status : 400).send(body)
    }
    request.log.error({ err: error, requestId: request.id }, 'unexpected error')
    const body: ErrorBody = {
      error: {
        code: 'internal_error',
        message: 'something went wrong; it has been logged',
        requestId: request.id,
      },
    }
    return reply.code(500).send(body)
  })
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      error: { code: 'not_found', message: `no such route: ${request.method} ${request.url}` },
    }
    return reply.code(404).send(body)
  })
}
