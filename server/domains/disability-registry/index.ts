import type { AnyRoute } from '../../http/route.ts'
import { disabilityIndicatorRoutes, disabilityRequestRoutes } from './disability-registry.routes.ts'

/**
 * The disability indicator registry: residents' requests, the town coordinator's review, the
 * per-address indicators and their annual re-verification, and the call-time display.
 */
export const disabilityRegistryRoutes: AnyRoute[] = [
  ...disabilityRequestRoutes,
  ...disabilityIndicatorRoutes,
]
