import type { AnyRoute } from '../../http/route.ts'
import { alertDeliveryRoutesList } from './alert-delivery.routes.ts'

/** Alert deliveries: pg-boss jobs per contact, throttled senders, channel adapters, receipts. */
export const alertDeliveryRoutes: AnyRoute[] = [...alertDeliveryRoutesList]
export { queueAlertDeliveries, exchangeOf, type DeliveryToQueue } from './queue-deliveries.ts'
export { estimateDrainSeconds, type ExchangeCounts } from './drain-estimate.ts'
export { EMERGENCY_PRIORITY, NOTICE_PRIORITY } from './delivery-jobs.ts'
export {
  startAlertDelivery,
  type AlertDelivery,
  type AlertDeliveryOptions,
} from './alert-delivery.ts'
export type { AlertContent } from './channel-messages.ts'
export { loadAlertContent } from './alert-content.repository.ts'
export { queuedBacklog } from './delivery-report.service.ts'
