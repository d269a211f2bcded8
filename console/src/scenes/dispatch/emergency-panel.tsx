import type { UnitEmergency } from '@common/api/unit-emergencies.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'
import { clockTime } from '../../ui/time.ts'

/**
 * Units in emergency, until someone stops it with a reason (the unit is safe). The banner above
 * the scenes sounds and takes the acknowledgement; stopping is done here.
 */
export function EmergencyPanel() {
  const emergencies = useFloor((state) => state.emergencies)
  const open = emergencies.filter((emergency) => emergency.stoppedAt === null)
  if (open.length === 0) return null
  return (
    <section className="panel emergency-panel" aria-label="Units in emergency" role="region">
      <h2>Units in emergency</h2>
      {open.map((emergency) => (
        <EmergencyRow key={emergency.id} emergency={emergency} />
      ))}
    </section>
  )
}

function EmergencyRow({ emergency }: { emergency: UnitEmergency }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="emergency-item"
      onSubmit={(event) => {
        event.preventDefault()
        setError(null)
        if (!reason.trim()) return setError('say why the emergency is over')
        void api
          .post(`/api/unit-emergencies/${emergency.id}/stop`, { reason })
          .catch((failure: unknown) => setError((failure as ApiError).message))
      }}
    >
      <strong className="emergency-flag">EMERGENCY {emergency.unitCode}</strong>
      <span>
        since {clockTime(emergency.startedAt)} ·{' '}
        {emergency.acknowledgedAt
          ? `acknowledged ${clockTime(emergency.acknowledgedAt)}`
          : 'NOT acknowledged'}
      </span>
      <label>
        Reason to stop {emergency.unitCode}
        <input value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <button type="submit">Stop {emergency.unitCode} emergency</button>
      {error && <span className="form-error">{error}</span>}
    </form>
  )
}
