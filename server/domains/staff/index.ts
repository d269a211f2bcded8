import { agencyRoutes } from './agencies.routes.ts'
import { positionRoutes } from './positions.routes.ts'
import { sessionRoutes } from './sessions.routes.ts'
import { userRoutes } from './users.routes.ts'

/** Staff accounts, agencies, positions and sessions. */
export const staffRoutes = [...sessionRoutes, ...userRoutes, ...agencyRoutes, ...positionRoutes]

export { CSRF_HEADER, SESSION_COOKIE, newToken, sessionIdOf } from './session-token.ts'
export { hashPassword, verifyPassword } from './passwords.ts'
export { listOpenSessions, resolveSession } from './sessions.service.ts'
export { createAgency, listAgencies, readAgencies } from './agencies.service.ts'
export { createPosition, findPositionByCode } from './positions.service.ts'
export { createUser, hasStaff } from './users.service.ts'
export { findStaffNames, listStaffByIds } from './users.repository.ts'
