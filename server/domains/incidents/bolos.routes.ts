import { Bolo, CancelBoloBody, IssueBoloBody, ListBolosQuery } from '@common/api/bolos.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { cancelBolo, issueBolo, searchBolos } from './bolos.service.ts'

export const boloRoutes = [
  route({
    method: 'GET',
    url: '/api/bolos',
    summary: 'Search BOLOs by plate, vehicle, person or details; those in force unless asked',
    tag: 'incidents',
    access: 'staff',
    query: ListBolosQuery,
    response: z.array(Bolo),
    handle: ({ ctx, query }) => searchBolos(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/bolos',
    summary: 'Issue a BOLO, broadcast live to every dispatch position',
    tag: 'incidents',
    access: ['dispatcher', 'supervisor'],
    body: IssueBoloBody,
    response: Bolo,
    status: 201,
    handle: ({ ctx, body }) => issueBolo(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/bolos/:id/cancel',
    summary: 'Cancel a BOLO, with the reason',
    tag: 'incidents',
    access: ['dispatcher', 'supervisor'],
    params: IdParams,
    body: CancelBoloBody,
    response: Bolo,
    handle: ({ ctx, params, body }) => cancelBolo(ctx, params.id, body),
  }),
]
