import {
  AddPhoneBody,
  ConfirmPhoneBody,
  ResendCodeBody,
  ResidentLogOnBody,
  ResidentPhone,
  ResidentSessionView,
  SignUpBody,
} from '@common/api/residents.ts'
import { IdParams } from '@common/api/schemas.ts'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { route } from '../../http/route.ts'
import {
  addPhone,
  confirmPhone,
  listMyPhones,
  removePhone,
  resendCode,
} from './resident-phones.service.ts'
import {
  RESIDENT_COOKIE,
  logOffResident,
  logOnResident,
  presentResidentSession,
  requireResident,
  signUp,
  type ResidentLogOn,
} from './resident-sessions.service.ts'

/** The portal's cookie lives beside the console's and is only ever sent to /api/portal/. */
function setResidentCookie(reply: FastifyReply, ctx: Ctx, token: string | null): void {
  const options = {
    path: '/api/portal',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: ctx.config.secureCookies,
  }
  if (token) reply.setCookie(RESIDENT_COOKIE, token, options)
  else reply.clearCookie(RESIDENT_COOKIE, options)
}

const opened = (reply: FastifyReply, ctx: Ctx) => (logOn: ResidentLogOn) => {
  setResidentCookie(reply, ctx, logOn.token)
  return logOn.view
}

export const residentRoutesList = [
  route({
    method: 'POST',
    url: '/api/portal/account',
    summary: 'A resident opens an account (and is logged on)',
    tag: 'portal',
    access: 'public',
    body: SignUpBody,
    response: ResidentSessionView,
    status: 201,
    handle: ({ ctx, body, reply }) => signUp(ctx, body).then(opened(reply, ctx)),
  }),
  route({
    method: 'POST',
    url: '/api/portal/session',
    summary: 'A resident logs on; sets the portal cookie',
    tag: 'portal',
    access: 'public',
    body: ResidentLogOnBody,
    response: ResidentSessionView,
    status: 201,
    handle: ({ ctx, body, reply }) => logOnResident(ctx, body).then(opened(reply, ctx)),
  }),
  route({
    method: 'GET',
    url: '/api/portal/session',
    summary: "The resident's session, with the CSRF token to send on changes",
    tag: 'portal',
    access: 'resident',
    response: ResidentSessionView,
    handle({ ctx, request }) {
      const resident = requireResident(ctx)
      if (!request.residentCsrfToken) throw new AppError('not_authenticated', 'log on first')
      return Promise.resolve(presentResidentSession(resident, request.residentCsrfToken))
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/portal/session',
    summary: 'A resident logs off',
    tag: 'portal',
    access: 'resident',
    async handle({ ctx, reply }) {
      await logOffResident(ctx)
      setResidentCookie(reply, ctx, null)
      return { ok: true }
    },
  }),
  route({
    method: 'GET',
    url: '/api/portal/phones',
    summary: "The resident's phone numbers and whether each is confirmed",
    tag: 'portal',
    access: 'resident',
    response: z.array(ResidentPhone),
    handle: ({ ctx }) => listMyPhones(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/portal/phones',
    summary: 'Add a phone number; a 6-digit code is sent to it by text or voice call',
    tag: 'portal',
    access: 'resident',
    body: AddPhoneBody,
    response: ResidentPhone,
    status: 201,
    handle: ({ ctx, body }) => addPhone(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/portal/phones/:id/confirm',
    summary: 'Confirm a phone number with its code (10 minutes, 5 tries)',
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    body: ConfirmPhoneBody,
    response: ResidentPhone,
    handle: ({ ctx, params, body }) => confirmPhone(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/portal/phones/:id/resend',
    summary: 'Send a new code (the old one stops working)',
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    body: ResendCodeBody,
    response: ResidentPhone,
    handle: ({ ctx, params, body }) => resendCode(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/portal/phones/:id',
    summary: 'Remove a phone number: calls from it no longer show the profile',
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    async handle({ ctx, params }) {
      await removePhone(ctx, params.id)
      return { ok: true }
    },
  }),
]
