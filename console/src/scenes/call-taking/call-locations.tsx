import type { CallLocation, CallView } from '@common/api/calls.ts'
import { formatAddress } from '@common/domain/address.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { clockTime } from '../../ui/time.ts'
import { SOURCE_HINTS, SOURCE_LABELS } from '../../ui/call-labels.ts'

function placeOf(location: CallLocation): string {
  if (location.address) return formatAddress(location.address)
  if (location.text) return location.text
  // A device fix is a point: say so rather than leave a blank where an address goes.
  return location.lat !== null ? 'Position only, no address' : 'no address'
}

function pointOf(location: CallLocation): string | null {
  if (location.lat === null || location.lon === null) return null
  const within = location.uncertaintyM !== null ? ` ±${Math.round(location.uncertaintyM)} m` : ''
  const confidence = location.confidencePct !== null ? ` (${location.confidencePct} %)` : ''
  return `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}${within}${confidence}`
}

/**
 * Every location the call has, with where it came from, how good it is and when it came; the
 * primary one (the one an incident takes) is marked and any other can be made primary.
 */
export function CallLocations({ call, onView }: { call: CallView; onView: (v: CallView) => void }) {
  const [failure, setFailure] = useState<string | null>(null)
  const promote = (location: CallLocation) => {
    setFailure(null)
    api
      .post<CallView>(`/api/calls/${call.id}/locations/${location.id}/promote`, {})
      .then(onView)
      .catch((error: unknown) =>
        setFailure(error instanceof ApiError ? error.message : String(error)),
      )
  }
  const ordered = [...call.locations].sort(
    (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.receivedAt.localeCompare(b.receivedAt),
  )
  return (
    <section className="panel" aria-labelledby="locations-heading">
      <h2 id="locations-heading">Locations</h2>
      {ordered.length === 0 && <p className="muted">No location delivered with the call.</p>}
      <ul className="call-locations">
        {ordered.map((location) => (
          <li key={location.id} className={location.isPrimary ? 'is-primary' : undefined}>
            <span
              className={`source source-${location.source}`}
              title={SOURCE_HINTS[location.source]}
            >
              {SOURCE_LABELS[location.source]}
            </span>
            {location.isPrimary && <span className="tag tag-primary">Primary</span>}
            <span className="place">{placeOf(location)}</span>
            <span className="muted tabular">
              {pointOf(location) ?? 'no point'} · received {clockTime(location.receivedAt)}
            </span>
            {!location.isPrimary && (
              <button
                type="button"
                onClick={() => promote(location)}
                aria-label={`Use this location: ${SOURCE_LABELS[location.source]} ${placeOf(location)}`}
              >
                Use this location
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure && (
        <p className="form-error" role="alert">
          Not changed: {failure}
        </p>
      )}
    </section>
  )
}
