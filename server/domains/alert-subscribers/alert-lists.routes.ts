import {
  AlertListImportResult,
  AlertListView,
  ImportAlertListBody,
} from '@common/api/alert-subscribers.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { importAlertList, listAlertLists, retireAlertList } from './alert-lists.service.ts'

const TAG = 'alert-lists'

/** Lists administrators import: emergency-only listings and the test list. */
export const alertListRoutes = [
  route({
    method: 'POST',
    url: '/api/alert-lists',
    summary: 'Import a list from CSV (phone,address,town[,name][,channel][,language])',
    tag: TAG,
    access: ['administrator'],
    body: ImportAlertListBody,
    response: AlertListImportResult,
    status: 201,
    handle: ({ ctx, body }) => importAlertList(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/alert-lists',
    summary: 'Imported lists with their active subscribers',
    tag: TAG,
    access: ['administrator', 'alert_operator'],
    response: z.array(AlertListView),
    handle: ({ ctx }) => listAlertLists(ctx),
  }),
  route({
    method: 'DELETE',
    url: '/api/alert-lists/:id',
    summary: 'Retire a list: its subscribers are unsubscribed',
    tag: TAG,
    access: ['administrator'],
    params: IdParams,
    async handle({ ctx, params }) {
      await retireAlertList(ctx, params.id)
      return { ok: true }
    },
  }),
]
