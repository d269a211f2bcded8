import { useFloor } from '../../live/floor-context.tsx'
import { secondsSince, useNow } from '../../ui/time.ts'
import './ng911.css'

/**
 * The caller's audio went quiet: said plainly on the call, counting on, until the audio comes
 * back or the call ends. The platform never hangs up on silence, and the banner says so.
 */
export function MediaAlertBanner({ callId }: { callId: string }) {
  const alert = useFloor((state) => state.callSignals.mediaAlerts.get(callId))
  const now = useNow()
  if (!alert) return null
  const quiet = alert.quietSeconds + secondsSince(alert.raisedAt, now)
  return (
    <div className="banner media-alert" role="alert" data-testid="media-alert">
      <strong>No audio from the caller for {quiet} s</strong> — the line stays open. Keep talking;
      the caller may answer by TTY or text.
    </div>
  )
}
