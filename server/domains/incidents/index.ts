import type { AnyRoute } from '../../http/route.ts'
import { boloRoutes } from './bolos.routes.ts'
import { dispatchRoutes } from './dispatch.routes.ts'
import { incidentCoreRoutes } from './incidents.routes.ts'
import { premiseCautionRoutes } from './premise-cautions.routes.ts'

/** Incidents, nature codes and run cards, dispatch, notes, premise information and BOLOs. */
export const incidentRoutes: AnyRoute[] = [
  ...incidentCoreRoutes,
  ...dispatchRoutes,
  ...premiseCautionRoutes,
  ...boloRoutes,
]

export { addPremiseCaution, findPremiseInfo } from './premise-cautions.service.ts'
export { replaceResponsePlan } from './reference.service.ts'
export {
  lockOpenIncident,
  openIncidentWith,
  readIncident,
  requireDisposition,
  type NewIncident,
} from './incidents.service.ts'
export { listOpenIncidentsByIds, listOpenIncidentsNear } from './incidents.repository.ts'
export type { IncidentRow } from './incidents.table.ts'
