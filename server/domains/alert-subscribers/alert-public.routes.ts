import { InboundTextBody, InboundTextResult } from '@common/api/alert-subscribers.ts'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { parseInput } from '../../http/validate.ts'
import { confirmEmailLink } from './contacts.service.ts'
import {
  authorizeTextProvider,
  describeUnsubscribeToken,
  handleInboundText,
  unsubscribeByToken,
} from './opt-out.service.ts'
import { isTokenShaped, sendPage } from './public-pages.ts'

const TAG = 'alerts-public'
const UNSUBSCRIBE_URL = '/api/alerts/unsubscribe'
// The token is checked by the handler, so a broken link gets a page a person can read.
const TokenInput = z.object({ token: z.string().max(300).default('') })

const BROKEN_LINK = {
  title: 'This link does not work',
  paragraphs: [
    'The link is incomplete or was copied wrongly. Open it again from the message, or manage your sign-up in the resident portal.',
  ],
}

/**
 * Forms posted by the pages below (application/x-www-form-urlencoded), read into an object. The
 * JSON API accepts no such bodies anywhere else.
 */
export function registerAlertForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )
}

/** What is reached from a message, with no log-on: unsubscribe, e-mail confirmation, STOP. */
export const publicAlertRoutes = [
  route({
    method: 'GET',
    url: UNSUBSCRIBE_URL,
    summary: 'The unsubscribe page: a button, so a link prefetcher unsubscribes nobody',
    tag: TAG,
    access: 'public',
    sessionless: true,
    query: TokenInput,
    async handle({ ctx, query, reply }) {
      if (!isTokenShaped(query.token)) return sendPage(reply, 400, BROKEN_LINK)
      const state = await describeUnsubscribeToken(ctx, query.token)
      if (state === 'unknown') return sendPage(reply, 404, BROKEN_LINK)
      if (state === 'already') {
        return sendPage(reply, 200, {
          title: 'You are unsubscribed',
          paragraphs: ['This sign-up no longer gets emergency alerts or notices.'],
        })
      }
      return sendPage(reply, 200, {
        title: 'Unsubscribe from emergency alerts?',
        paragraphs: [
          'You will no longer get emergency alerts or city notices from the Worcester emergency communications center, on any phone or e-mail address of this sign-up.',
        ],
        form: { action: UNSUBSCRIBE_URL, token: query.token, button: 'Unsubscribe' },
      })
    },
  }),
  route({
    method: 'POST',
    url: UNSUBSCRIBE_URL,
    summary:
      'Unsubscribe: the unsubscribe page posts the token; a mail client (RFC 8058) posts to the link',
    tag: TAG,
    access: 'public',
    sessionless: true,
    // RFC 8058 one-click: the token stays in the link's query and the body is
    // `List-Unsubscribe=One-Click`. A POST is never a prefetch, so either way is a person's choice.
    query: TokenInput,
    body: z.object({ token: z.string().max(300).optional() }).loose(),
    async handle({ ctx, body, query, reply }) {
      const token = body.token ?? query.token
      if (!isTokenShaped(token)) return sendPage(reply, 400, BROKEN_LINK)
      const outcome = await unsubscribeByToken(ctx, token)
      if (outcome === 'unknown') return sendPage(reply, 404, BROKEN_LINK)
      return sendPage(reply, 200, {
        title: 'You are unsubscribed',
        paragraphs: [
          'You will get no more emergency alerts or city notices from this sign-up.',
          'To sign up again, log on to the resident portal and open Emergency alerts.',
        ],
      })
    },
  }),
  route({
    method: 'GET',
    url: '/api/alerts/confirm-email',
    summary: 'The link in the confirmation e-mail: confirms the address',
    tag: TAG,
    access: 'public',
    sessionless: true,
    query: TokenInput,
    async handle({ ctx, query, reply }) {
      if (!isTokenShaped(query.token)) return sendPage(reply, 400, BROKEN_LINK)
      const outcome = await confirmEmailLink(ctx, query.token)
      switch (outcome) {
        case 'confirmed':
        case 'already_confirmed':
          return sendPage(reply, 200, {
            title: 'Your e-mail address is confirmed',
            paragraphs: ['Emergency alerts will be sent to this e-mail address.'],
          })
        case 'expired':
          return sendPage(reply, 410, {
            title: 'This link has expired',
            paragraphs: [
              'Send a new confirmation e-mail from Emergency alerts in the resident portal.',
            ],
          })
        case 'unknown':
          return sendPage(reply, 404, BROKEN_LINK)
      }
    },
  }),
  route({
    method: 'POST',
    url: '/api/alert-provider/inbound',
    summary: 'A text a subscriber sent (STOP, START, HELP), from the text provider',
    tag: TAG,
    access: 'public',
    sessionless: true,
    response: InboundTextResult,
    handle({ ctx, request }) {
      // The provider's token is checked before the body, so a stranger learns nothing of it.
      authorizeTextProvider(ctx, request.headers.authorization)
      return handleInboundText(ctx, parseInput(InboundTextBody, request.body, 'body'))
    },
  }),
]
