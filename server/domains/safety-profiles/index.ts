import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.ts'
import type { AnyRoute } from '../../http/route.ts'
import { safetyProfileRoutesList } from './safety-profiles.routes.ts'

/** Residents' safety profiles, and their call-time display to the position that answered. */
export const safetyProfileRoutes: AnyRoute[] = [...safetyProfileRoutesList]
export { sendProfileReminders, startProfileReminders } from './profile-reminders.ts'

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'application/octet-stream']

/**
 * Photo uploads arrive as raw bytes. The parser only collects them; their type is decided by
 * their first bytes in the service. The limit leaves room above the setting so that a file just
 * over it gets the service's own answer naming the field.
 */
export function registerPhotoBodies(app: FastifyInstance, config: Config): void {
  app.addContentTypeParser(
    PHOTO_TYPES,
    { parseAs: 'buffer', bodyLimit: config.safetyProfile.photoMaxBytes + 64 * 1024 },
    (_request, body, done) => done(null, body),
  )
}
