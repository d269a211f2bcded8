import type { AnyRoute } from '../../http/route.ts'

/** Address verification and search, reverse geocoding, and drive-time recommendation. */
export const geographyRoutes: AnyRoute[] = []
