import {
  AlertDraftBody,
  AlertPreview,
  AlertTemplateBody,
  AlertTemplateView,
  AlertView,
  ListAlertsQuery,
  RejectAlertBody,
  SendAlertBody,
} from '@common/api/alerts.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { listTemplateViews, saveTemplate } from './alert-templates.service.ts'
import { capXml } from './cap-feed.service.ts'
import {
  approveAlert,
  createDraft,
  deriveAlert,
  discardDraft,
  editDraft,
  getAlert,
  listAlertViews,
  previewAlert,
  rejectAlert,
  sendAlert,
} from './alerts.service.ts'

const TAG = 'alerts'
const READERS = ['alert_operator', 'supervisor', 'administrator'] as const
const OPERATORS = ['alert_operator'] as const
const TEMPLATE_KEEPERS = ['alert_operator', 'administrator'] as const

const templateRoutes = [
  route({
    method: 'GET',
    url: '/api/alert-templates',
    summary: 'The templates operators compose alerts from',
    tag: TAG,
    access: [...READERS],
    response: z.array(AlertTemplateView),
    handle: ({ ctx }) => listTemplateViews(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/alert-templates',
    summary: 'Add a template',
    tag: TAG,
    access: [...TEMPLATE_KEEPERS],
    body: AlertTemplateBody,
    response: AlertTemplateView,
    status: 201,
    handle: ({ ctx, body }) => saveTemplate(ctx, null, body),
  }),
  route({
    method: 'PUT',
    url: '/api/alert-templates/:id',
    summary: 'Change a template',
    tag: TAG,
    access: [...TEMPLATE_KEEPERS],
    params: IdParams,
    body: AlertTemplateBody,
    response: AlertTemplateView,
    handle: ({ ctx, params, body }) => saveTemplate(ctx, params.id, body),
  }),
]

const alertRoutesList = [
  route({
    method: 'GET',
    url: '/api/alerts',
    summary: 'Alerts, newest first',
    tag: TAG,
    access: [...READERS],
    query: ListAlertsQuery,
    response: z.array(AlertView),
    handle: ({ ctx, query }) => listAlertViews(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/alerts',
    summary: 'Draft an alert',
    tag: TAG,
    access: [...OPERATORS],
    body: AlertDraftBody,
    response: AlertView,
    status: 201,
    handle: ({ ctx, body }) => createDraft(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/alerts/:id',
    summary: 'One alert',
    tag: TAG,
    access: [...READERS],
    params: IdParams,
    response: AlertView,
    handle: ({ ctx, params }) => getAlert(ctx, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/alerts/:id',
    summary: 'Change a draft (an exclusion must then be confirmed again)',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    body: AlertDraftBody,
    response: AlertView,
    handle: ({ ctx, params, body }) => editDraft(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/preview',
    summary: 'Recipients per channel, their places and the time to send, computed now',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    response: AlertPreview,
    handle: ({ ctx, params }) => previewAlert(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/send',
    summary: 'Send a draft, or submit it for a second operator when it needs approval',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    body: SendAlertBody,
    response: AlertView,
    handle: ({ ctx, params, body }) => sendAlert(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/approve',
    summary: "Approve another operator's alert: it is sent at once",
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    response: AlertView,
    handle: ({ ctx, params }) => approveAlert(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/reject',
    summary: 'Reject an alert waiting for approval',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    body: RejectAlertBody,
    response: AlertView,
    handle: ({ ctx, params, body }) => rejectAlert(ctx, params.id, body.reason),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/discard',
    summary: 'Discard a draft',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    response: AlertView,
    handle: ({ ctx, params }) => discardDraft(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/update',
    summary: 'Draft an Update of a sent alert, for everyone it reached',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    response: AlertView,
    status: 201,
    handle: ({ ctx, params }) => deriveAlert(ctx, params.id, 'Update'),
  }),
  route({
    method: 'POST',
    url: '/api/alerts/:id/cancel',
    summary: 'Draft a Cancel of a sent alert, for everyone it reached',
    tag: TAG,
    access: [...OPERATORS],
    params: IdParams,
    response: AlertView,
    status: 201,
    handle: ({ ctx, params }) => deriveAlert(ctx, params.id, 'Cancel'),
  }),
  route({
    method: 'GET',
    url: '/api/alerts/:id/cap.xml',
    summary: "The alert's OASIS CAP 1.2 document",
    tag: TAG,
    access: [...READERS],
    params: IdParams,
    handle: async ({ ctx, params, reply }) =>
      reply
        .code(200)
        .type('application/cap+xml; charset=utf-8')
        .send(await capXml(ctx, params.id)),
  }),
]

export const alertRoutesAll = [...templateRoutes, ...alertRoutesList]
