import type { SessionView } from '@common/api/sessions.ts'
import type { PositionKind } from '@common/domain/positions.ts'
import type { Role } from '@common/domain/roles.ts'
import { createContext, useContext } from 'react'

export interface ConsoleSession {
  view: SessionView
  /** The kind of the position the user sits at, or null when at none. */
  positionKind: PositionKind | null
  logOff(): Promise<void>
}

export const SessionContext = createContext<ConsoleSession | null>(null)

export function useSession(): ConsoleSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionContext')
  return session
}

export function hasRole(session: ConsoleSession, ...roles: Role[]): boolean {
  return session.view.user.roles.some((role) => roles.includes(role))
}
