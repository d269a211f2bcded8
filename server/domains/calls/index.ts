import type { AnyRoute } from '../../http/route.ts'
import { callDeliveryRoutes } from './call-delivery.routes.ts'
import { callRoutesList } from './calls.routes.ts'

/** Calls on the center's lines: offered, answered, located, linked to incidents, closed. */
export const callRoutes: AnyRoute[] = [...callRoutesList, ...callDeliveryRoutes]

export {
  appendDeliveredData,
  offerDeliveredCall,
  raiseMediaAlert,
  receiveCallText,
  type DeliveredCall,
} from './call-delivery.service.ts'
export { answerCall, releaseCall } from './calls.service.ts'

export {
  findCall,
  list911CallTimes,
  listCallLocations,
  listCallsOfIncident,
} from './calls.repository.ts'
export type { CallLocationRow, CallRow } from './calls.table.ts'
