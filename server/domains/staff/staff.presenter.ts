import type { Agency, Position, User } from '@common/api/staff.ts'
import type { SessionView } from '@common/api/sessions.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { PositionWithUser } from './positions.repository.ts'
import type { AgencyRow, UserRow } from './staff.table.ts'
import type { Actor } from '../../http/context.ts'

/** Never the password hash or the failed log-on count. */
export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    agencyId: row.agency_id,
    isActive: row.is_active,
    lockedUntil: isoOrNull(row.locked_until),
    createdAt: iso(row.created_at),
  }
}

export function presentAgency(row: AgencyRow): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    town: row.town,
    isActive: row.is_active,
  }
}

export function presentPosition(row: PositionWithUser): Position {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    state: row.state,
    stateChangedAt: iso(row.state_changed_at),
    userId: row.user_id,
    username: row.username,
  }
}

export function presentSession(
  actor: Actor,
  position: { id: string; code: string; name: string } | null,
  csrfToken: string,
  idleTimeoutMinutes: number,
): SessionView {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      agencyId: actor.agencyId,
    },
    position,
    csrfToken,
    idleTimeoutSeconds: idleTimeoutMinutes * 60,
  }
}
