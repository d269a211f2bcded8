import type { AnyRoute } from '../../http/route.ts'
import { residentRoutesList } from './residents.routes.ts'

/** Resident accounts for every resident service, their sessions and their confirmed phones. */
export const residentRoutes: AnyRoute[] = [...residentRoutesList]
export {
  RESIDENT_COOKIE,
  requireResident,
  resolveResidentSession,
} from './resident-sessions.service.ts'
export { findAccountByConfirmedPhone } from './resident-phones.service.ts'
export { listActiveContacts } from './residents.repository.ts'
export { checkCode, issueCode } from './confirmation-code.ts'
