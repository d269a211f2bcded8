import type { Incident } from '@common/api/incidents.ts'
import { clockTime } from '../ui/time.ts'
import { UnitStatusBadge } from './badges.tsx'

/** The units on the incident: working, stacked (will come after their current job), cleared. */
export function IncidentUnits({ incident }: { incident: Incident }) {
  if (incident.units.length === 0) return <p className="muted">No unit assigned.</p>
  return (
    <table className="incident-units" aria-label={`Units on ${incident.number}`}>
      <thead>
        <tr>
          <th>Unit</th>
          <th>Status</th>
          <th>Assigned</th>
          <th>Assignment</th>
        </tr>
      </thead>
      <tbody>
        {incident.units.map((unit) => (
          <tr key={unit.assignmentId} className={unit.state === 'cleared' ? 'muted' : undefined}>
            <td>
              <strong>{unit.code}</strong>
            </td>
            <td>
              <UnitStatusBadge status={unit.unitStatus} />
            </td>
            <td className="tabular">{clockTime(unit.assignedAt)}</td>
            <td>
              {unit.state}
              {unit.clearedAt ? ` ${clockTime(unit.clearedAt)}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
