import type { AnyRoute } from '../../http/route.ts'

/** Alert deliveries: pg-boss jobs per contact, throttled senders, channel adapters, receipts. */
export const alertDeliveryRoutes: AnyRoute[] = []
