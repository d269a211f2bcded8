import type { Incident } from '@common/api/incidents.ts'
import { memo, useEffect, useRef } from 'react'
import { ageTone, PriorityBadge, townUnlessNamed, UnitStatusBadge } from '../../incident/badges.tsx'
import { Elapsed } from '../../ui/elapsed.tsx'

/** Pending first (nobody is going yet), then the most urgent, then the longest waiting. */
export function queueOrder(a: Incident, b: Incident): number {
  const pending = Number(b.status === 'pending') - Number(a.status === 'pending')
  if (pending !== 0) return pending
  if (a.priority !== b.priority) return a.priority - b.priority
  return Date.parse(a.createdAt) - Date.parse(b.createdAt)
}

/**
 * The open incidents as a list box: arrow keys move the selection (F6 brings focus here), the
 * selected one is shown in full beside it.
 */
export function IncidentQueue({
  incidents,
  selectedId,
  onSelect,
}: {
  incidents: Incident[]
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const listRef = useRef<HTMLDivElement>(null)
  const pending = incidents.filter((incident) => incident.status === 'pending').length

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' })
  }, [selectedId])

  return (
    <section className="panel incident-queue" aria-label="Incident queue">
      <div className="panel-head">
        <h2>
          Incidents ({incidents.length}, {pending} pending)
        </h2>
        <span className="muted">↑ ↓ select · F6</span>
      </div>
      <div
        ref={listRef}
        className="queue-scroll"
        role="listbox"
        aria-label="Open incidents"
        tabIndex={0}
        data-role="incident-queue"
        aria-activedescendant={selectedId ? `queue-${selectedId}` : undefined}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
          event.preventDefault()
          const index = incidents.findIndex((incident) => incident.id === selectedId)
          const next = event.key === 'ArrowDown' ? index + 1 : index - 1
          const target = incidents[Math.max(0, Math.min(incidents.length - 1, next))]
          if (target) onSelect(target.id)
        }}
      >
        {incidents.length === 0 && <p className="muted">No open incident.</p>}
        {incidents.map((incident) => (
          <QueueRow
            key={incident.id}
            incident={incident}
            selected={incident.id === selectedId}
            onSelect={onSelect}
          />
        ))}
      </div>
    </section>
  )
}

const QueueRow = memo(function QueueRow({
  incident,
  selected,
  onSelect,
}: {
  incident: Incident
  selected: boolean
  onSelect: (id: string) => void
}) {
  const working = incident.units.filter((unit) => unit.state !== 'cleared')
  return (
    <div
      id={`queue-${incident.id}`}
      role="option"
      aria-selected={selected}
      data-incident-number={incident.number}
      className={`queue-row ${incident.status === 'pending' ? 'queue-pending' : ''}`}
      onClick={() => onSelect(incident.id)}
    >
      <PriorityBadge priority={incident.priority} />
      <span className="queue-number tabular">{incident.number}</span>
      <span className="queue-nature">
        {incident.natureCode}
        <span className="muted"> {incident.natureDescription}</span>
      </span>
      <span className="queue-age">
        {incident.status === 'pending' ? 'PENDING ' : ''}
        <Elapsed
          since={incident.createdAt}
          tone={ageTone(incident.priority, incident.status === 'pending')}
          label="age"
        />
      </span>
      <span className="queue-location">
        {incident.location.text}
        {townUnlessNamed(incident.location)}
      </span>
      <span className="queue-units">
        {working.length === 0 ? (
          <span className="muted">no unit</span>
        ) : (
          working.map((unit) => (
            <span key={unit.assignmentId} className="queue-unit">
              {unit.code} <UnitStatusBadge status={unit.unitStatus} />
            </span>
          ))
        )}
      </span>
    </div>
  )
})
