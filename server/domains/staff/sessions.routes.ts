import { LogOnBody, SessionView } from '@common/api/sessions.ts'
import type { FastifyReply } from 'fastify'
import { route } from '../../http/route.ts'
import { AppError } from '../../http/errors.ts'
import { logOff, logOn, requireActor } from './sessions.service.ts'
import { SESSION_COOKIE } from './session-token.ts'
import { presentSession } from './staff.presenter.ts'
import type { Ctx } from '../../http/context.ts'

function setSessionCookie(reply: FastifyReply, ctx: Ctx, token: string | null): void {
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.secureCookies,
  }
  if (token) reply.setCookie(SESSION_COOKIE, token, options)
  else reply.clearCookie(SESSION_COOKIE, options)
}

export const sessionRoutes = [
  route({
    method: 'POST',
    url: '/api/session',
    summary: 'Log on (optionally at a position); sets the session cookie',
    tag: 'sessions',
    access: 'public',
    body: LogOnBody,
    response: SessionView,
    status: 201,
    async handle({ ctx, body, reply }) {
      const { token, view } = await logOn(ctx, body)
      setSessionCookie(reply, ctx, token)
      return view
    },
  }),
  route({
    method: 'GET',
    url: '/api/session',
    summary: 'The current session, with the CSRF token to send on changes',
    tag: 'sessions',
    access: 'staff',
    response: SessionView,
    handle({ ctx, request }) {
      const actor = requireActor(ctx)
      if (!request.session) throw new AppError('not_authenticated', 'log on first')
      const { position, csrfToken } = request.session
      return Promise.resolve(
        presentSession(actor, position, csrfToken, ctx.config.idleTimeoutMinutes),
      )
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    summary: 'Log off: ends the session and frees the position',
    tag: 'sessions',
    access: 'staff',
    async handle({ ctx, reply }) {
      await logOff(ctx)
      setSessionCookie(reply, ctx, null)
      return { ok: true }
    },
  }),
]
