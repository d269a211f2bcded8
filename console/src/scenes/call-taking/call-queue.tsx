import type { Call, CallView } from '@common/api/calls.ts'
import { useEffect, useMemo, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor, useFloorStore } from '../../live/floor-context.tsx'
import { useSession } from '../../session/session-context.tsx'
import { formatDuration, secondsSince, useNow } from '../../ui/time.ts'
import { useAnswerTargets } from '../../ui/answer-targets.ts'
import { ringClass, ringLevel, ringWords } from '../../ui/ring-age.ts'
import { LINE_LABELS, LINE_ORDER } from '../../ui/call-labels.ts'

/** A call's location in one line, as the queue shows it. */
export function locationLine(call: Call): string {
  const primary = call.locations.find((l) => l.isPrimary) ?? call.locations[0]
  return primary?.text ?? (primary ? `${primary.lat}, ${primary.lon}` : 'no location delivered')
}

function byLineThenAge(a: Call, b: Call): number {
  return LINE_ORDER[a.line] - LINE_ORDER[b.line] || a.arrivedAt.localeCompare(b.arrivedAt)
}

/**
 * Ringing calls, 911 first then oldest first, with their age against the answer targets; and the
 * calls this position answered that are still open. F9 answers the highlighted ringing call.
 */
export function CallQueue({
  selectedId,
  onSelect,
}: {
  selectedId: string | null
  onSelect: (id: string) => void
}) {
  const session = useSession()
  const store = useFloorStore()
  const calls = useFloor((state) => state.calls)
  const mediaAlerts = useFloor((state) => state.callSignals.mediaAlerts)
  const now = useNow(500)
  const targets = useAnswerTargets()
  const positionId = session.view.position?.id ?? null
  const ringing = useMemo(
    () => [...calls.values()].filter((c) => c.status === 'ringing').sort(byLineThenAge),
    [calls],
  )
  const mine = useMemo(
    () =>
      [...calls.values()]
        .filter((c) => c.status !== 'ringing' && c.answeredByPositionId === positionId)
        .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt)),
    [calls, positionId],
  )
  const [highlightId, setHighlightId] = useState<string | null>(null)
  const highlighted = ringing.find((c) => c.id === highlightId) ?? ringing[0] ?? null
  const [failure, setFailure] = useState<string | null>(null)
  const [answering, setAnswering] = useState(false)

  const answer = (call: Call) => {
    if (answering) return
    setAnswering(true)
    setFailure(null)
    api
      .post<CallView>(`/api/calls/${call.id}/answer`, {})
      .then((view) => {
        store.put('calls', view)
        onSelect(view.id)
      })
      .catch((error: unknown) => {
        setFailure(error instanceof ApiError ? error.message : String(error))
      })
      .finally(() => setAnswering(false))
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F9' || !highlighted) return
      event.preventDefault()
      answer(highlighted)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const onRowKey = (event: React.KeyboardEvent, index: number) => {
    const next = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : null
    if (next !== null) {
      event.preventDefault()
      const call = ringing[Math.max(0, Math.min(ringing.length - 1, next))]
      if (call) {
        setHighlightId(call.id)
        document.getElementById(`ringing-${call.id}`)?.focus()
      }
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const call = ringing[index]
      if (call) answer(call)
    }
  }

  return (
    <div className="call-queue">
      <section className="panel" aria-labelledby="ringing-heading">
        <h2 id="ringing-heading">
          Ringing <span className="muted tabular">({ringing.length})</span>
          <span className="shortcut muted">F9 answer · ↑↓ Enter</span>
        </h2>
        {ringing.length === 0 ? (
          <p className="muted">No calls ringing.</p>
        ) : (
          <table aria-label="Ringing calls">
            <thead>
              <tr>
                <th>Line</th>
                <th>ANI</th>
                <th>Location</th>
                <th>Age</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ringing.map((call, index) => {
                const age = secondsSince(call.arrivedAt, now)
                const level = ringLevel(age, targets)
                const words = ringWords(level, targets)
                return (
                  <tr
                    key={call.id}
                    id={`ringing-${call.id}`}
                    tabIndex={0}
                    aria-selected={call.id === highlighted?.id}
                    className={`line-${call.line}`}
                    onFocus={() => setHighlightId(call.id)}
                    onKeyDown={(event) => onRowKey(event, index)}
                    data-testid="ringing-call"
                  >
                    <td>
                      <span className={`line-badge line-badge-${call.line}`}>
                        {LINE_LABELS[call.line]}
                      </span>
                    </td>
                    <td className="tabular">{call.ani ?? 'no ANI'}</td>
                    <td className="location-cell">{locationLine(call)}</td>
                    <td>
                      <span className={`tabular ${ringClass(level)}`} data-age-level={level}>
                        {formatDuration(age)}
                        {words && <span className="age-words"> {words}</span>}
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="primary"
                        disabled={answering}
                        aria-label={`Answer ${LINE_LABELS[call.line]} call from ${call.ani ?? 'unknown number'}`}
                        onClick={() => answer(call)}
                        tabIndex={-1}
                      >
                        Answer{call.id === highlighted?.id ? ' (F9)' : ''}
                      </button>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        {failure && (
          <p className="form-error" role="alert">
            Not answered: {failure}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="my-calls-heading">
        <h2 id="my-calls-heading">
          My calls <span className="muted tabular">({mine.length})</span>
        </h2>
        {mine.length === 0 ? (
          <p className="muted">No open calls at this position.</p>
        ) : (
          <ul className="my-calls" aria-label="My calls">
            {mine.map((call) => (
              <li key={call.id}>
                <button
                  type="button"
                  aria-pressed={call.id === selectedId}
                  onClick={() => onSelect(call.id)}
                >
                  <span className={`line-badge line-badge-${call.line}`}>
                    {LINE_LABELS[call.line]}
                  </span>{' '}
                  <span className="tabular">{call.ani ?? 'no ANI'}</span>{' '}
                  <span className="muted">{locationLine(call)}</span>
                  {call.incidentId && <span className="tag">on incident</span>}
                  {call.status === 'released' && <span className="tag">line released</span>}
                  {mediaAlerts.has(call.id) && <span className="tag tag-no-audio">no audio</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
