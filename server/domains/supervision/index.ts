import type { AnyRoute } from '../../http/route.ts'
import { supervisionRoutesList } from './supervision.routes.ts'

/** What a floor supervisor watches beyond the live floor: today's answer-time compliance. */
export const supervisionRoutes: AnyRoute[] = [...supervisionRoutesList]

export { reportAnswerTimes } from './supervision.service.ts'
