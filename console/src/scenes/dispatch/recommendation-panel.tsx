import type { Incident, Recommendation, RecommendedUnit } from '@common/api/incidents.ts'
import { ASSIGNABLE_STATUSES } from '@common/domain/units.ts'
import { useEffect, useMemo, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'

/** Units move all the time on a busy floor: wait for a quiet moment before asking again. */
const REFETCH_DELAY_MS = 400

/**
 * The run card's recommendation for the incident, fetched again when the incident or any unit
 * changes. Null while the first answer is awaited.
 */
export function useRecommendation(incident: Incident): {
  recommendation: Recommendation | null
  error: string | null
} {
  const units = useFloor((state) => state.units)
  const [answer, setAnswer] = useState<{ id: string; recommendation: Recommendation } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const firstForIncident = answer?.id !== incident.id

  useEffect(() => {
    let current = true
    const timer = window.setTimeout(
      () => {
        void api
          .get<Recommendation>(`/api/incidents/${incident.id}/recommendation`)
          .then((recommendation) => {
            if (!current) return
            setAnswer({ id: incident.id, recommendation })
            setError(null)
          })
          .catch((failure: unknown) => {
            if (current) setError((failure as ApiError).message)
          })
      },
      firstForIncident ? 0 : REFETCH_DELAY_MS,
    )
    return () => {
      current = false
      window.clearTimeout(timer)
    }
    // `firstForIncident` only picks the delay; a new incident is already in the deps.
  }, [incident, units])

  // Until the next answer, a choice that has since been sent (here or elsewhere) is not offered.
  const recommendation = useMemo(() => {
    if (answer?.id !== incident.id) return null
    const free = (unitId: string) => {
      const status = units.get(unitId)?.status
      return status === undefined || ASSIGNABLE_STATUSES.includes(status)
    }
    return {
      ...answer.recommendation,
      lines: answer.recommendation.lines.map((line) => ({
        ...line,
        choices: line.choices.filter((choice) => free(choice.unitId)),
      })),
    }
  }, [answer, incident.id, units])
  return { recommendation, error }
}

/** The first choice of the first line that has one: what F3 sends. */
export function topChoice(recommendation: Recommendation | null): RecommendedUnit | null {
  for (const line of recommendation?.lines ?? []) {
    if (line.choices[0]) return line.choices[0]
  }
  return null
}

function minutes(seconds: number): string {
  const m = Math.floor(seconds / 60)
  return `${m}:${String(Math.round(seconds % 60)).padStart(2, '0')}`
}

function explain(choice: RecommendedUnit): string {
  const parts: string[] = []
  if (choice.driveSeconds !== null) parts.push(`${minutes(choice.driveSeconds)} drive`)
  if (choice.distanceM !== null) parts.push(`${(choice.distanceM / 1000).toFixed(1)} km`)
  if (choice.from === 'avl') {
    parts.push(
      `from AVL fix${choice.fixAgeSeconds !== null ? ` ${choice.fixAgeSeconds}s old` : ''}`,
    )
  } else {
    parts.push('from its station')
  }
  if (choice.stale) parts.push('STALE fix ignored')
  if (choice.approximate) parts.push(`APPROX: ${choice.approximateReason ?? 'not by road'}`)
  return parts.join(' · ')
}

/** The recommendation with its reasons; F3 sends the top choice, each choice has a button. */
export function RecommendationPanel({
  incident,
  recommendation,
  error,
  onDispatch,
}: {
  incident: Incident
  recommendation: Recommendation | null
  error: string | null
  onDispatch: (unitIds: string[], codes: string[]) => void
}) {
  const top = topChoice(recommendation)
  const all = recommendation?.lines.flatMap((line) => line.choices) ?? []
  const closed = incident.status === 'closed'
  return (
    <section className="recommendation" aria-label="Recommended units">
      <div className="panel-head">
        <h3>Recommended units</h3>
        {top && !closed && (
          <button
            type="button"
            className="primary"
            onClick={() => onDispatch([top.unitId], [top.code])}
            aria-keyshortcuts="F3 Control+Enter"
          >
            Dispatch {top.code} (F3)
          </button>
        )}
        {all.length > 1 && !closed && (
          <button
            type="button"
            onClick={() =>
              onDispatch(
                all.map((choice) => choice.unitId),
                all.map((choice) => choice.code),
              )
            }
            aria-keyshortcuts="Shift+F3"
          >
            Dispatch all {all.length} (Shift+F3)
          </button>
        )}
      </div>
      {error && <p className="form-error">Recommendation not updated: {error}</p>}
      {!recommendation && !error && <p className="muted">Asking for a recommendation…</p>}
      {recommendation?.approximate && (
        <p className="approx-note">
          Approximate: {recommendation.approximateReason ?? 'not ranked by road drive time'}
        </p>
      )}
      {recommendation && recommendation.lines.length === 0 && (
        <p className="muted">The run card asks for nothing more.</p>
      )}
      {recommendation?.lines.map((line) => (
        <div key={line.unitType} className="recommendation-line">
          <p>
            <strong>{line.unitType.replace('_', ' ')}</strong>{' '}
            <span className="muted">
              wanted {line.wanted}, assigned {line.alreadyAssigned}
              {line.missing > 0 ? `, ${line.missing} MISSING` : ''}
              {line.reason ? ` (${line.reason})` : ''}
            </span>
          </p>
          <ol className="choices">
            {line.choices.map((choice) => (
              <li key={choice.unitId}>
                <button
                  type="button"
                  onClick={() => onDispatch([choice.unitId], [choice.code])}
                  disabled={closed}
                >
                  Dispatch {choice.code}
                </button>{' '}
                <span className={choice.stale || choice.approximate ? 'age-warn' : undefined}>
                  {explain(choice)}
                </span>
              </li>
            ))}
          </ol>
          {line.skipped.length > 0 && (
            <p className="muted skipped">
              Skipped: {line.skipped.map((skip) => `${skip.code} (${skip.reason})`).join('; ')}
            </p>
          )}
        </div>
      ))}
    </section>
  )
}
