import { z } from 'zod'
import { AGENCY_KINDS } from '../domain/agencies.ts'
import { POSITION_KINDS, POSITION_STATES } from '../domain/positions.ts'
import { ROLES } from '../domain/roles.ts'
import { Code, Id, NewPassword, Username } from './schemas.ts'

const Roles = z.array(z.enum(ROLES)).min(1, 'at least one role')
const DisplayName = z.string().trim().min(1).max(120)

/** POST /api/users */
export const CreateUserBody = z.object({
  username: Username,
  displayName: DisplayName,
  password: NewPassword,
  roles: Roles,
  /** Null for center-wide staff; an agency id restricts what the user sees to that agency. */
  agencyId: Id.nullable().default(null),
})
export type CreateUserBody = z.infer<typeof CreateUserBody>

/** PATCH /api/users/:id */
export const UpdateUserBody = z
  .object({
    displayName: DisplayName,
    roles: Roles,
    agencyId: Id.nullable(),
    isActive: z.boolean(),
    password: NewPassword,
    /** Clears a lock-out before its time. */
    unlock: z.literal(true),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateUserBody = z.infer<typeof UpdateUserBody>

export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  agencyId: z.uuid().nullable(),
  isActive: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
})
export type User = z.infer<typeof User>

/** POST /api/agencies */
export const CreateAgencyBody = z.object({
  code: Code,
  name: z.string().trim().min(1).max(120),
  kind: z.enum(AGENCY_KINDS),
  town: z.string().trim().min(1).max(80),
})
export type CreateAgencyBody = z.infer<typeof CreateAgencyBody>

/** PATCH /api/agencies/:id */
export const UpdateAgencyBody = CreateAgencyBody.omit({ code: true })
  .extend({ isActive: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateAgencyBody = z.infer<typeof UpdateAgencyBody>

export const Agency = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(AGENCY_KINDS),
  town: z.string(),
  isActive: z.boolean(),
})
export type Agency = z.infer<typeof Agency>

/** POST /api/positions */
export const CreatePositionBody = z.object({
  code: Code,
  name: z.string().trim().min(1).max(120),
  kind: z.enum(POSITION_KINDS),
})
export type CreatePositionBody = z.infer<typeof CreatePositionBody>

/** POST /api/positions/current/state: the agent state of the caller's own position. */
export const SetPositionStateBody = z.object({
  state: z.enum(POSITION_STATES).exclude(['signed_off']),
  reason: z.string().trim().max(200).optional(),
})
export type SetPositionStateBody = z.infer<typeof SetPositionStateBody>

export const Position = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(POSITION_KINDS),
  state: z.enum(POSITION_STATES),
  stateChangedAt: z.string(),
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
})
export type Position = z.infer<typeof Position>
