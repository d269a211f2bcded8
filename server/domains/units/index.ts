import type { AnyRoute } from '../../http/route.ts'
import { unitRegistryRoutes } from './units.routes.ts'
import { unitEmergencyRoutes } from './unit-emergencies.routes.ts'
import { unitTimerRoutes } from './unit-timers.routes.ts'

/** Units and stations: the status board, status changes, AVL, timers and emergencies. */
export const unitRoutes: AnyRoute[] = [
  ...unitRegistryRoutes,
  ...unitTimerRoutes,
  ...unitEmergencyRoutes,
]

export {
  applyUnitStatus,
  createUnit,
  getUnitView,
  listStations,
  type StatusChange,
} from './units.service.ts'
export {
  listAssignableUnits,
  lockUnitById,
  lockUnitsByIds,
  insertStation,
} from './units.repository.ts'
export * as assignments from './unit-assignments.repository.ts'
export type { UnitAssignmentRow, UnitRow } from './units.table.ts'
export { scanUnitTimers, startUnitTimerScanner } from './unit-timer-scanner.ts'
