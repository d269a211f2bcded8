import type { PositionKind } from '@common/domain/positions.ts'
import type { Role } from '@common/domain/roles.ts'

export type SceneId =
  'calls' | 'dispatch' | 'map' | 'supervisor' | 'registry' | 'outbox' | 'records' | 'alerts'

export interface SceneInfo {
  id: SceneId
  label: string
  /** Roles that are offered the scene. */
  roles: Role[]
  /** Alt + this key opens it. */
  key: string
}

export const SCENES: SceneInfo[] = [
  {
    id: 'calls',
    label: 'Call taking',
    roles: ['call_taker', 'dispatcher', 'supervisor'],
    key: '1',
  },
  { id: 'dispatch', label: 'Dispatch', roles: ['dispatcher', 'supervisor'], key: '2' },
  { id: 'map', label: 'Map', roles: ['call_taker', 'dispatcher', 'supervisor'], key: '3' },
  { id: 'supervisor', label: 'Supervisor', roles: ['supervisor'], key: '4' },
  { id: 'registry', label: 'Disability registry', roles: ['disability_coordinator'], key: '5' },
  { id: 'outbox', label: 'Outbox', roles: ['administrator'], key: '6' },
  { id: 'records', label: 'Records', roles: ['records_clerk', 'supervisor'], key: '7' },
  {
    id: 'alerts',
    label: 'Alerts',
    roles: ['alert_operator', 'supervisor', 'administrator'],
    key: '8',
  },
]

const FIRST_SCENE: Record<PositionKind, SceneId> = {
  call_taking: 'calls',
  dispatch: 'dispatch',
  supervisor: 'supervisor',
  records: 'records',
  administration: 'dispatch',
}

export function scenesFor(roles: readonly Role[]): SceneInfo[] {
  return SCENES.filter((scene) => scene.roles.some((role) => roles.includes(role)))
}

/** The scene a console opens on: the one its position is for, when the user may have it. */
export function firstScene(offered: SceneInfo[], kind: PositionKind | null): SceneId | null {
  const preferred = kind ? FIRST_SCENE[kind] : null
  if (preferred && offered.some((scene) => scene.id === preferred)) return preferred
  return offered[0]?.id ?? null
}
