import type { Kysely } from 'kysely'
import type { Role } from '@common/domain/roles.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/schema.ts'

/** The member of staff behind a request, with the position they sit at. */
export interface Actor {
  userId: string
  username: string
  displayName: string
  roles: Role[]
  agencyId: string | null
  positionId: string | null
  positionCode: string | null
  sessionId: string
}

/** A resident logged on to the portal: never staff, never on /api/ outside /api/portal/. */
export interface Resident {
  accountId: string
  email: string
  displayName: string
  sessionId: string
}

/** Told after every commit, so the live stream picks new events up (coalesced). */
export interface CommitSignal {
  committed(): void
}

/** What every service function takes first: explicit, never a base class. */
export interface Ctx {
  db: Kysely<Database>
  actor: Actor | null
  /** Set only on /api/portal/ requests that carry a resident session. */
  resident?: Resident | null
  requestId: string
  now: () => Date
  config: Config
  commits: CommitSignal
  /** Set when the request carried an Idempotency-Key header. */
  idempotency?: { key: string; requestHash: string }
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return actor !== null && actor.roles.some((role) => roles.includes(role))
}
