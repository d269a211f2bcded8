import type { AnyRoute } from '../../http/route.ts'
import { recordsRequestRoutesList } from './records-requests.routes.ts'

/** Records requests for 911 recordings: eligibility, fee, deadlines and release. */
export const recordsRequestRoutes: AnyRoute[] = [...recordsRequestRoutesList]
