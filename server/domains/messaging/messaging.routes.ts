import { ListOutboxQuery, OutboxMessage } from '@common/api/residents.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { listOutbox } from './outbox.service.ts'

export const messagingRoutesList = [
  route({
    method: 'GET',
    url: '/api/outbox',
    summary: 'Texts, voice calls and e-mails to the public, newest first, with their delivery',
    tag: 'messaging',
    access: ['administrator'],
    query: ListOutboxQuery,
    response: z.array(OutboxMessage),
    handle: ({ ctx, query }) => listOutbox(ctx, query),
  }),
]
