import { z } from 'zod'
import { ROLES } from '../domain/roles.ts'
import { Code } from './schemas.ts'

/** POST /api/session: log on, optionally at a position (workstation). */
export const LogOnBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
  /** The workstation the user sits at, by its code (e.g. `CT1`). */
  position: Code.optional(),
})
export type LogOnBody = z.infer<typeof LogOnBody>

export const SessionUser = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.uuid().nullable(),
})
export type SessionUser = z.infer<typeof SessionUser>

export const SessionView = z.object({
  user: SessionUser,
  position: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  /** Send back in the `x-csrf-token` header on every state-changing request. */
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
})
export type SessionView = z.infer<typeof SessionView>
