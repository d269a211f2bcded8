import type { AnyRoute } from '../../http/route.ts'

/**
 * Who is alerted and how: residents' sign-ups in the portal (addresses, contacts in order of
 * preference, language, categories, confirmation, unsubscribe and STOP) and the lists
 * administrators import (emergency-only listings, the test list).
 */
export const alertSubscriberRoutes: AnyRoute[] = []
