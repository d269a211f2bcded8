import type { Role } from '@common/domain/roles.ts'

/** Who a live event may reach. Null parts do not narrow. */
export interface Audience {
  roles?: Role[] | null
  agencyIds?: string[] | null
  /** Only the console at this position (the confidential display of a call). */
  positionId?: string | null
}

export interface Viewer {
  userId: string
  roles: Role[]
  agencyId: string | null
  positionId: string | null
}

/**
 * An event reaches a console when every part of its audience admits the viewer. Center-wide
 * staff (no agency) see every agency's events; agency staff see their agency's and shared ones.
 */
export function canSee(viewer: Viewer, audience: Audience): boolean {
  if (audience.positionId && audience.positionId !== viewer.positionId) return false
  if (audience.roles && !audience.roles.some((role) => viewer.roles.includes(role))) return false
  if (
    audience.agencyIds &&
    viewer.agencyId !== null &&
    !audience.agencyIds.includes(viewer.agencyId)
  ) {
    return false
  }
  return true
}
