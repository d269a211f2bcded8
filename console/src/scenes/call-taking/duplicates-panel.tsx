import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor, useFloorStore } from '../../live/floor-context.tsx'

const REASON_WORDS = { nearby: 'nearby', same_callback_number: 'same callback number' } as const

/**
 * Open incidents this call may be about: near its location or from the same number. Attaching
 * makes the caller a duplicate caller on that incident (no new incident); "not a duplicate" is
 * logged and the incident is offered no more.
 */
export function DuplicatesPanel({
  call,
  onView,
}: {
  call: CallView
  onView: (view: CallView) => void
}) {
  const store = useFloorStore()
  const incidents = useFloor((state) => state.incidents)
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const linked = call.incidentId ? incidents.get(call.incidentId) : undefined

  const run = (send: () => Promise<void>) => {
    setBusy(true)
    setFailure(null)
    send()
      .catch((error: unknown) =>
        setFailure(error instanceof ApiError ? error.message : String(error)),
      )
      .finally(() => setBusy(false))
  }
  const attach = (incidentId: string) =>
    run(async () => {
      const answer = await api.post<CallWithIncident>(`/api/calls/${call.id}/attach`, {
        incidentId,
      })
      store.put('incidents', answer.incident)
      store.put('calls', answer.call)
      onView(answer.call)
    })
  const dismiss = (incidentId: string) =>
    run(async () => {
      onView(await api.post<CallView>(`/api/calls/${call.id}/not-duplicate`, { incidentId }))
    })

  return (
    <section className="panel duplicates" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">
        Possible duplicates{' '}
        {!call.incidentId && (
          <span className="muted tabular">({call.duplicateCandidates.length})</span>
        )}
      </h2>
      {call.incidentId && (
        <p className="attached" role="status">
          {call.attachedAs === 'duplicate' ? 'Attached to' : 'On incident'}{' '}
          <strong>{linked?.number ?? 'an incident'}</strong>
          {call.attachedAs === 'duplicate' ? ' as a duplicate caller' : ''}
        </p>
      )}
      {!call.incidentId && call.duplicateCandidates.length === 0 && (
        <p className="muted">No open incident near this call or from this number.</p>
      )}
      {!call.incidentId && call.duplicateCandidates.length > 0 && (
        <ul className="duplicate-list">
          {call.duplicateCandidates.map((candidate) => (
            <li key={candidate.incidentId} data-testid="duplicate-candidate">
              <div>
                <strong>{candidate.number}</strong> {candidate.natureCode} ·{' '}
                {candidate.locationText}
              </div>
              <div className="muted tabular">
                {candidate.distanceM !== null ? `${Math.round(candidate.distanceM)} m away` : ''}
                {candidate.distanceM !== null ? ' · ' : ''}
                {Math.round(candidate.minutesAgo)} min ago ·{' '}
                {candidate.reasons.map((r) => REASON_WORDS[r]).join(', ')}
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => attach(candidate.incidentId)}
                >
                  Attach to {candidate.number}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => dismiss(candidate.incidentId)}
                  aria-label={`Not a duplicate of ${candidate.number}`}
                >
                  Not a duplicate
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
    </section>
  )
}
