import type { Incident } from '@common/api/incidents.ts'
import type { ReactNode } from 'react'
import { IncidentHeader } from './incident-header.tsx'
import { IncidentUnits } from './incident-units.tsx'
import { Narrative } from './narrative.tsx'
import { Timeline } from './timeline.tsx'
import './incident.css'

/**
 * One incident in full: header, units, narrative and timeline. `children` go between the units
 * and the narrative (the dispatch board puts its recommendation there).
 */
export function IncidentDetail({
  incident,
  children,
}: {
  incident: Incident
  children?: ReactNode
}) {
  return (
    <article className="incident-detail" aria-label={`Incident ${incident.number}`}>
      <IncidentHeader incident={incident} />
      <IncidentUnits incident={incident} />
      {children}
      <Narrative incident={incident} />
      <Timeline incident={incident} />
    </article>
  )
}
