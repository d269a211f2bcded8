import { CallDelivery, CallText, SendTextBody } from '@common/api/calls.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  getCallDelivery,
  listCallTexts,
  readRawDelivery,
  sendCallText,
} from './call-delivery.service.ts'

const TAKERS = ['call_taker', 'dispatcher', 'supervisor'] as const

/** What an NG911 call delivered, and its text conversation. */
export const callDeliveryRoutes = [
  route({
    method: 'GET',
    url: '/api/calls/:id/delivery',
    summary: 'The NG911 data delivered with the call: ids, RFC 7852 additional data, problems met',
    tag: 'calls',
    access: TAKERS,
    params: IdParams,
    response: CallDelivery,
    handle: ({ ctx, params }) => getCallDelivery(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/delivery/raw',
    summary: 'The INVITE exactly as it arrived (evidence; audited)',
    tag: 'calls',
    access: ['supervisor'],
    params: IdParams,
    handle: async ({ ctx, params, reply }) =>
      reply
        .type('message/sip')
        .header('cache-control', 'no-store')
        .send(await readRawDelivery(ctx, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/texts',
    summary: "The call's text conversation (SIP MESSAGE and TTY), oldest first",
    tag: 'calls',
    access: TAKERS,
    params: IdParams,
    response: z.array(CallText),
    handle: ({ ctx, params }) => listCallTexts(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/calls/:id/texts',
    summary: 'Reply to the caller on the channel they use; sent once committed',
    tag: 'calls',
    access: TAKERS,
    params: IdParams,
    body: SendTextBody,
    response: CallText,
    status: 201,
    handle: ({ ctx, params, body }) => sendCallText(ctx, params.id, body),
  }),
]
