import type { AnyRoute } from '../../http/route.ts'
import { alertListRoutes } from './alert-lists.routes.ts'
import { publicAlertRoutes } from './alert-public.routes.ts'
import { portalAlertRoutes } from './alert-subscribers.routes.ts'

/**
 * Who is alerted and how: residents' sign-ups in the portal (addresses, contacts in order of
 * preference, language, categories, confirmation, unsubscribe and STOP) and the lists
 * administrators import (emergency-only listings, the test list).
 */
export const alertSubscriberRoutes: AnyRoute[] = [
  ...portalAlertRoutes,
  ...publicAlertRoutes,
  ...alertListRoutes,
]
export { registerAlertForms } from './alert-public.routes.ts'
export { isStopped, TEXT_REPLIES } from './opt-out.service.ts'
export type { SubscriberAudience } from './alert-subscribers.table.ts'
// The recipient selection the alerts domain owns, kept beside the tables it reads.
export {
  placesWithContactsInBox,
  reachableContacts,
  subscribersOfAlert,
  type AudienceFilter,
  type ReachableContact,
} from './recipients.repository.ts'
