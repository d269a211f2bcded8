import type { AnyRoute } from '../../http/route.ts'
import { geographyCoreRoutes } from './geography.routes.ts'

/** Address verification and search, reverse geocoding, and drive-time recommendation. */
export const geographyRoutes: AnyRoute[] = [...geographyCoreRoutes]

export { loadRoadGraph } from './road-network.ts'
export { driveTimesTo, routeSeconds, type DriveSource, type DriveTime } from './drive-times.ts'
export { buildRoadGraph, secondsAt, type RoadGraph } from './road-graph.ts'
export { EARTH_RADIUS_M, haversineM } from './distance.ts'
export {
  addressIndexFor,
  forgetAddressIndex,
  verifyAddressLine,
  verifyCivicAddress,
} from './address-verify.service.ts'
export { findAddressPointIds } from './address-index.repository.ts'
export type { AddressIndex } from './address-index.ts'
export { warmGeography } from './warm-up.ts'
export { inPolygon } from './jurisdiction-index.ts'
export type { AreaGeometry } from './geography.table.ts'
