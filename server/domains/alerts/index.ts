import type { AnyRoute } from '../../http/route.ts'
import { alertRoutesAll } from './alerts.routes.ts'

/** Alerts: templates, composing, areas and recipients, approval, update and cancel, CAP 1.2. */
export const alertRoutes: AnyRoute[] = [...alertRoutesAll]
export { markAlertSent } from './alerts.service.ts'
export { listSendingAlertIds } from './alerts.repository.ts'
