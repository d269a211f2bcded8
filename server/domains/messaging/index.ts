import type { AnyRoute } from '../../http/route.ts'
import { messagingRoutesList } from './messaging.routes.ts'

/** The outbox every message to the public goes through, and its delivery worker. */
export const messagingRoutes: AnyRoute[] = [...messagingRoutesList]
export { queueMessage, type OutgoingMessage } from './outbox.service.ts'
export { deliverBatch, startOutboxDelivery, type MessageProvider } from './outbox-delivery.ts'
