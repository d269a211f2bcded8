import type { AnyRoute } from '../../http/route.ts'
import { callRoutesList } from './calls.routes.ts'

/** Calls on the center's lines: offered, answered, located, linked to incidents, closed. */
export const callRoutes: AnyRoute[] = [...callRoutesList]

export {
  findCall,
  list911CallTimes,
  listCallLocations,
  listCallsOfIncident,
} from './calls.repository.ts'
export type { CallLocationRow, CallRow } from './calls.table.ts'
