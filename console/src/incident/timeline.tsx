import type { Incident } from '@common/api/incidents.ts'
import type { IncidentTimeline } from '@common/api/timeline.ts'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../api/http.ts'
import { clockTime } from '../ui/time.ts'

/**
 * The incident's timeline from the event log. Fetched again whenever the incident record
 * changes (every event about it brings a new record), so it never lags the header.
 */
export function Timeline({ incident }: { incident: Incident }) {
  const [timeline, setTimeline] = useState<IncidentTimeline | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void api
      .get<IncidentTimeline>(`/api/incidents/${incident.id}/timeline`)
      .then((answer) => {
        if (!current) return
        setTimeline(answer)
        setError(null)
      })
      .catch((failure: unknown) => {
        if (!(failure instanceof ApiError)) throw failure
        if (current) setError(failure.message)
      })
    return () => {
      current = false
    }
  }, [incident])

  const shown = timeline?.incidentId === incident.id ? timeline : null
  return (
    <section className="timeline" aria-label="Timeline">
      <h3>Timeline</h3>
      {error && <p className="form-error">Timeline not updated: {error}</p>}
      {!shown && !error && <p className="muted">Loading…</p>}
      {shown && (
        <ol>
          {shown.entries.map((entry) => (
            <li key={entry.position}>
              <time className="tabular muted">{clockTime(entry.at)}</time> {entry.summary}
              {entry.actorUsername ? (
                <span className="muted">
                  {' '}
                  · {entry.actorUsername}
                  {entry.actorPositionCode ? ` @ ${entry.actorPositionCode}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
