import {
  CallDisabilityIndicators,
  DeactivateDisabilityIndicatorBody,
  DisabilityIndicator,
  DisabilityRequest,
  DisabilityRequestForm,
  EnterDisabilityRequestBody,
  ListDisabilityIndicatorsQuery,
  ListDisabilityRequestsQuery,
  PaperDisabilityRequestBody,
  ResidentDisabilityRequest,
  ReturnDisabilityRequestBody,
  ReverificationQuery,
} from '@common/api/disability-registry.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { indicatorsForCall } from './call-indicators.service.ts'
import {
  deactivateIndicator,
  listIndicators,
  readIndicator,
  reverificationList,
  reverifyIndicator,
} from './disability-indicators.service.ts'
import {
  enterPaperRequest,
  enterRequest,
  fileResidentRequest,
  listMyRequests,
  listReviewQueue,
  readRequest,
  returnRequest,
} from './disability-requests.service.ts'
import { reverificationCsv, reverificationPdf } from './reverification.export.ts'

const COORDINATOR = ['disability_coordinator'] as const
const TAKERS = ['call_taker', 'dispatcher', 'supervisor'] as const
const TAG = 'disability-registry'

export const disabilityRequestRoutes = [
  route({
    method: 'POST',
    url: '/api/portal/disability-requests',
    summary: 'A resident files a disability indicator request for their home (the unit included)',
    tag: 'portal',
    access: 'resident',
    body: DisabilityRequestForm,
    response: ResidentDisabilityRequest,
    status: 201,
    handle: ({ ctx, body }) => fileResidentRequest(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/portal/disability-requests',
    summary: "The resident's own requests and their status (with the reason of a returned one)",
    tag: 'portal',
    access: 'resident',
    response: z.array(ResidentDisabilityRequest),
    handle: ({ ctx }) => listMyRequests(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/disability-requests',
    summary: 'The coordinator enters a paper request form for their town',
    tag: TAG,
    access: COORDINATOR,
    body: PaperDisabilityRequestBody,
    response: DisabilityRequest,
    status: 201,
    handle: ({ ctx, body }) => enterPaperRequest(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/disability-requests',
    summary: "The review queue of the coordinator's own town (audited)",
    tag: TAG,
    access: COORDINATOR,
    query: ListDisabilityRequestsQuery,
    response: z.array(DisabilityRequest),
    handle: ({ ctx, query }) => listReviewQueue(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/disability-requests/:id',
    summary: 'One request of the coordinator’s town (audited; another town’s is 404)',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    response: DisabilityRequest,
    handle: ({ ctx, params }) => readRequest(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/disability-requests/:id/return',
    summary: 'Return an incomplete request; the resident sees the reason',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    body: ReturnDisabilityRequestBody,
    response: DisabilityRequest,
    handle: ({ ctx, params, body }) => returnRequest(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/disability-requests/:id/enter',
    summary:
      'Enter a request: the indicator is created at the verified address (override with a reason)',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    body: EnterDisabilityRequestBody,
    response: DisabilityRequest,
    handle: ({ ctx, params, body }) => enterRequest(ctx, params.id, body),
  }),
]

export const disabilityIndicatorRoutes = [
  route({
    method: 'GET',
    url: '/api/disability-indicators',
    summary: "The registry of the coordinator's own town (audited)",
    tag: TAG,
    access: COORDINATOR,
    query: ListDisabilityIndicatorsQuery,
    response: z.array(DisabilityIndicator),
    handle: ({ ctx, query }) => listIndicators(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/disability-indicators/reverification',
    summary: 'The annual re-verification list of the own town as JSON, CSV or PDF (audited)',
    tag: TAG,
    access: COORDINATOR,
    query: ReverificationQuery,
    response: z.array(DisabilityIndicator),
    async handle({ ctx, query, reply }) {
      const { town, entries } = await reverificationList(ctx, query.format)
      if (query.format === 'json') return entries
      const input = {
        town: town?.town ?? null,
        entries,
        generatedAt: ctx.now(),
        generatedBy: ctx.actor ? `${ctx.actor.displayName} (${ctx.actor.username})` : '',
        reverifyDays: ctx.config.disabilityRegistry.reverifyDays,
      }
      const base = `disability-reverification-${(town?.town ?? 'none').replace(/[^A-Za-z0-9]+/g, '-')}`
      reply.header('content-disposition', `attachment; filename="${base}.${query.format}"`)
      reply.header('cache-control', 'no-store')
      if (query.format === 'csv') {
        reply.type('text/csv; charset=utf-8')
        return reverificationCsv(input)
      }
      reply.type('application/pdf')
      return reverificationPdf(input)
    },
  }),
  route({
    method: 'GET',
    url: '/api/disability-indicators/:id',
    summary: 'One entry of the coordinator’s town (audited; another town’s is 404)',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    response: DisabilityIndicator,
    handle: ({ ctx, params }) => readIndicator(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/disability-indicators/:id/reverify',
    summary: 'Mark an entry re-verified (no longer flagged for a year)',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    response: DisabilityIndicator,
    handle: ({ ctx, params }) => reverifyIndicator(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/disability-indicators/:id/deactivate',
    summary: 'Deactivate an entry; it is kept, with the reason',
    tag: TAG,
    access: COORDINATOR,
    params: IdParams,
    body: DeactivateDisabilityIndicatorBody,
    response: DisabilityIndicator,
    handle: ({ ctx, params, body }) => deactivateIndicator(ctx, params.id, body.reason),
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/disability-indicators',
    summary:
      'Indicators at the call’s address and unit: only at the answering position of an open 911 call (audited); otherwise empty',
    tag: 'calls',
    access: TAKERS,
    params: IdParams,
    response: CallDisabilityIndicators,
    handle: ({ ctx, params }) => indicatorsForCall(ctx, params.id),
  }),
]
