import { useEffect, useState } from 'react'
import { api, ApiError } from '../api/http.ts'
import { useFloor } from '../live/floor-context.tsx'
import { useSession } from '../session/session-context.tsx'
import { playCue } from './cues.ts'
import { clockTime } from './time.ts'

const REPEAT_MS = 3000

/**
 * A unit's emergency button: red across the top of every dispatch console, sounding every few
 * seconds until someone acknowledges it. Stopping it (the unit is safe) is on the dispatch board.
 */
export function EmergencyAlarm() {
  const emergencies = useFloor((state) => state.emergencies)
  const session = useSession()
  const [error, setError] = useState<ApiError | null>(null)
  const unacknowledged = emergencies.filter(
    (e) => e.stoppedAt === null && e.acknowledgedAt === null,
  )
  const positionCode = session.view.position?.code ?? null

  useEffect(() => {
    if (unacknowledged.length === 0) return
    playCue('emergency', positionCode)
    const timer = window.setInterval(() => playCue('emergency', positionCode), REPEAT_MS)
    return () => window.clearInterval(timer)
  }, [unacknowledged.length, positionCode])

  if (unacknowledged.length === 0) return null
  return (
    <div className="banner banner-emergency" role="alert" data-testid="emergency-alarm">
      {unacknowledged.map((emergency) => (
        <div key={emergency.id} className="emergency-row">
          <strong>EMERGENCY</strong> unit {emergency.unitCode} pressed its emergency button at{' '}
          {clockTime(emergency.startedAt)}
          {emergency.lat !== null && emergency.lon !== null
            ? ` (${emergency.lat.toFixed(5)}, ${emergency.lon.toFixed(5)})`
            : ''}
          <button
            type="button"
            onClick={() => {
              setError(null)
              api
                .post(`/api/unit-emergencies/${emergency.id}/acknowledge`)
                .catch((failure: unknown) => setError(failure as ApiError))
            }}
          >
            Acknowledge {emergency.unitCode}
          </button>
        </div>
      ))}
      {error && <p className="form-error">{error.message}</p>}
    </div>
  )
}
