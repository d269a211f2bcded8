import type { Incident } from '@common/api/incidents.ts'
import { Elapsed } from '../ui/elapsed.tsx'
import { clockTime } from '../ui/time.ts'
import { ageTone, PriorityBadge, townUnlessNamed } from './badges.tsx'

/** Number, nature, priority, status, where and since when: what a dispatcher reads first. */
export function IncidentHeader({ incident }: { incident: Incident }) {
  const location = incident.location
  return (
    <header className="incident-header">
      <div className="incident-title">
        <PriorityBadge priority={incident.priority} />
        <h2>
          {incident.number} · {incident.natureCode} {incident.natureDescription}
        </h2>
      </div>
      <dl className="incident-facts">
        <dt>Status</dt>
        <dd>
          {incident.status}
          {incident.alarmLevel > 1 ? ` · alarm ${incident.alarmLevel}` : ''}
        </dd>
        <dt>Location</dt>
        <dd>
          {location.text}
          {townUnlessNamed(location)}
          {location.isVerified ? '' : ' (not verified)'}
          {location.firstDueStationCode ? ` · first due ${location.firstDueStationCode}` : ''}
        </dd>
        <dt>Agency</dt>
        <dd>{incident.agencyCode}</dd>
        <dt>Opened</dt>
        <dd>
          {clockTime(incident.createdAt)} (
          <Elapsed
            since={incident.createdAt}
            tone={ageTone(incident.priority, incident.status === 'pending')}
            label="age"
          />{' '}
          ago)
        </dd>
      </dl>
    </header>
  )
}
