import type { UnitStatus } from '@common/domain/units.ts'
import { UNIT_STATUS_LABELS } from '@common/domain/units.ts'

/** Priority by colour and by text: "P1". */
export function PriorityBadge({ priority }: { priority: number }) {
  return (
    <span className={`priority priority-${priority}`} aria-label={`priority ${priority}`}>
      P{priority}
    </span>
  )
}

/** A unit status by colour and by its words. */
export function UnitStatusBadge({ status }: { status: UnitStatus }) {
  return (
    <span className={`status status-${status}`} data-status={status}>
      {UNIT_STATUS_LABELS[status]}
    </span>
  )
}

/**
 * How late a waiting incident is getting: the more urgent, the sooner it turns amber then red.
 * Only a pending incident is waiting for someone on the floor; an active one is not coloured.
 */
export function ageTone(priority: number, pending: boolean): (seconds: number) => string {
  if (!pending) return () => 'muted'
  const [warn, alert] = priority <= 2 ? [60, 120] : priority === 3 ? [180, 360] : [600, 1200]
  return (seconds) => (seconds >= alert ? 'age-alert' : seconds >= warn ? 'age-warn' : 'age-ok')
}

/** ", Worcester" when the location's text does not already say the town. */
export function townUnlessNamed(location: { text: string; town: string | null }): string {
  if (!location.town || location.text.toLowerCase().includes(location.town.toLowerCase())) return ''
  return `, ${location.town}`
}
