import type { CandidateCall, RecordsRequest } from '@common/api/records-requests.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { dateTime } from '../../ui/date-time.ts'
import { FormError } from '../../ui/form.tsx'
import { useRead } from '../../ui/use-read.ts'
import { ReadState } from '../registry/read-state.tsx'
import type { OnChanged } from './request-detail.tsx'
import { asApiError } from './records-text.ts'

/**
 * The call asked for: the linked one, or the CAD's calls in the requester's time window, best
 * first (number, time and place agreeing), for the clerk to say which it is.
 */
export function CandidateCalls({
  request,
  onChanged,
}: {
  request: RecordsRequest
  onChanged: OnChanged
}) {
  const closed = request.status === 'released' || request.status === 'refused'
  const [searching, setSearching] = useState(request.call === null && !closed)
  return (
    <section className="step" aria-labelledby="call-title">
      <div className="panel-head">
        <h3 id="call-title">The call</h3>
        {request.call && !closed && (
          <button type="button" aria-expanded={searching} onClick={() => setSearching(!searching)}>
            {searching ? 'Hide the candidates' : 'Choose another call'}
          </button>
        )}
      </div>
      {request.call ? (
        <p data-testid="linked-call">
          Linked: call of <span className="tabular">{dateTime(request.call.arrivedAt)}</span> from{' '}
          <span className="tabular">{request.call.ani ?? 'no number'}</span>
          {request.call.incidentNumber && (
            <>
              , incident <span className="tabular">{request.call.incidentNumber}</span>
            </>
          )}
          .
        </p>
      ) : (
        <p className="muted">No call is linked yet.</p>
      )}
      {searching && <CandidateList request={request} onChanged={onChanged} />}
    </section>
  )
}

function CandidateList({ request, onChanged }: { request: RecordsRequest; onChanged: OnChanged }) {
  const read = useRead<CandidateCall[]>(`/api/records-requests/${request.id}/candidates`)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const candidates = read.data ?? []

  async function link(callId: string) {
    setError(null)
    setBusy(true)
    try {
      await onChanged(
        await api.post<RecordsRequest>(`/api/records-requests/${request.id}/call`, { callId }),
      )
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <div className="panel-head">
        <span className="muted small">
          Calls from the CAD record in the window given (±15 minutes), best match first.
        </span>
        <ReadState read={read} what="candidate calls" />
      </div>
      <FormError error={read.error ?? error} />
      {candidates.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : 'No call in the CAD record fits.'}</p>
      ) : (
        <table aria-label="Candidate calls">
          <thead>
            <tr>
              <th>Arrived</th>
              <th>From</th>
              <th>Where</th>
              <th>Incident</th>
              <th>Recordings</th>
              <th>Match</th>
              <th>
                <span className="visually-hidden">Link</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((call) => {
              const linked = request.call?.id === call.callId
              return (
                <tr key={call.callId} aria-selected={linked} data-testid="candidate-call">
                  <td className="tabular">{dateTime(call.arrivedAt)}</td>
                  <td className="tabular">
                    {call.ani ?? '—'}{' '}
                    {call.numberMatches && <span className="badge badge-ok">same number</span>}
                  </td>
                  <td className="wrap">
                    {[call.locationText, call.town].filter(Boolean).join(', ') || '—'}
                  </td>
                  <td className="tabular">
                    {call.incidentNumber ?? '—'}
                    {call.natureCode && <span className="muted"> {call.natureCode}</span>}
                  </td>
                  <td className="tabular">{call.recordingCount}</td>
                  <td className="tabular">{Math.round(call.score * 100)}%</td>
                  <td>
                    {linked ? (
                      <span className="badge">linked</span>
                    ) : (
                      <button type="button" disabled={busy} onClick={() => void link(call.callId)}>
                        This is the call
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </>
  )
}
