import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { refuseAndAudit } from '../domains/audit/index.ts'
import { RESIDENT_COOKIE, resolveResidentSession } from '../domains/residents/index.ts'
import { CSRF_HEADER, SESSION_COOKIE, resolveSession } from '../domains/staff/index.ts'
import type { Ctx } from './context.ts'
import { AppError } from './errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx
    /** Why a cookie did not give a session (expired), for the 401 a protected route answers. */
    sessionProblem?: AppError
    session?: { csrfToken: string; position: { id: string; code: string; name: string } | null }
    /** The resident session's CSRF token, on /api/portal/ requests. */
    residentCsrfToken?: string
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const PORTAL_API = '/api/portal/'

/**
 * Builds each request's context and, from the session cookie, its actor. State-changing requests
 * made with a session must carry the session's CSRF token in `x-csrf-token` (the cookie is also
 * SameSite=Strict; the header is the second lock).
 */
export function registerAuth(
  app: FastifyInstance,
  baseCtx: () => Omit<Ctx, 'actor' | 'requestId'>,
): void {
  app.decorateRequest('ctx', null as unknown as Ctx)
  app.addHook('onRequest', async (request) => {
    request.ctx = { ...baseCtx(), actor: null, resident: null, requestId: request.id }
    if ((request.routeOptions.config as { sessionless?: boolean } | undefined)?.sessionless) return
    // The portal and the console never share a session: a resident's cookie counts only on
    // /api/portal/, and a staff cookie never there.
    if (request.url.startsWith(PORTAL_API)) return resolveResident(request)
    const token = request.cookies[SESSION_COOKIE]
    if (!token || !request.url.startsWith('/api/')) return
    const session = await resolveSession(request.ctx, token)
    if (session.kind === 'expired') {
      request.sessionProblem = new AppError(
        'session_expired',
        'the session timed out: log on again',
      )
      return
    }
    if (session.kind === 'none') return
    request.ctx.actor = session.actor
    request.session = { csrfToken: session.csrfToken, position: session.position }
    if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, session.csrfToken)) {
      await refuseAndAudit(
        request.ctx,
        {
          component: 'access',
          eventType: 'access.denied',
          subject: {
            type: 'route',
            id: `${request.method} ${request.routeOptions.url ?? request.url}`,
          },
        },
        new AppError(
          'csrf_failed',
          `${CSRF_HEADER}: missing or wrong; send the token from the log-on`,
          CSRF_HEADER,
        ),
      )
    }
  })
}

async function resolveResident(request: FastifyRequest): Promise<void> {
  const token = request.cookies[RESIDENT_COOKIE]
  if (!token) return
  const session = await resolveResidentSession(request.ctx, token)
  if (session.kind === 'expired') {
    request.sessionProblem = new AppError('session_expired', 'the session timed out: log on again')
    return
  }
  if (session.kind === 'none') return
  request.ctx.resident = session.resident
  request.residentCsrfToken = session.csrfToken
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, session.csrfToken)) {
    throw new AppError(
      'csrf_failed',
      `${CSRF_HEADER}: missing or wrong; send the token from the log-on`,
      CSRF_HEADER,
    )
  }
}

function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const given = request.headers[CSRF_HEADER]
  if (typeof given !== 'string' || given.length !== expected.length) return false
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected))
}
