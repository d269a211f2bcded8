import { ProviderReceiptBody, ProviderReceiptResult } from '@common/api/alert-delivery.ts'
import { DeliveryReport } from '@common/api/alerts.ts'
import { IdParams } from '@common/api/schemas.ts'
import { Readable } from 'node:stream'
import { route } from '../../http/route.ts'
import { parseInput } from '../../http/validate.ts'
import { DELIVERY_AUDIENCE } from './delivery-progress.ts'
import { deliveryReport, exportDeliveriesCsv } from './delivery-report.service.ts'
import { applyReceipt, checkProviderToken } from './receipts.service.ts'

const TAG = 'alerts'

export const alertDeliveryRoutesList = [
  route({
    method: 'GET',
    url: '/api/alerts/:id/deliveries/report',
    summary:
      "The alert's deliveries per channel (delivered, sent, failed, retried, pending) and per minute",
    tag: TAG,
    access: DELIVERY_AUDIENCE,
    params: IdParams,
    response: DeliveryReport,
    handle: ({ ctx, params }) => deliveryReport(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/alerts/:id/deliveries.csv',
    summary: 'Every delivery of the alert as CSV, with its address (the export is audited)',
    tag: TAG,
    access: DELIVERY_AUDIENCE,
    params: IdParams,
    async handle({ ctx, params, reply }) {
      const { fileName, lines } = await exportDeliveriesCsv(ctx, params.id)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines))
    },
  }),
  route({
    method: 'POST',
    url: '/api/alert-provider/receipts',
    summary: "The text and voice provider's receipt for a message (Bearer: the provider token)",
    tag: TAG,
    access: 'public',
    response: ProviderReceiptResult,
    handle({ ctx, request }) {
      // The token is checked before the body is read: a stranger learns nothing of the schema.
      checkProviderToken(ctx, request.headers.authorization)
      return applyReceipt(ctx, parseInput(ProviderReceiptBody, request.body, 'body'))
    },
  }),
]
