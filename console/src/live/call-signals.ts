import type { LiveEvent, LiveEventMap } from '@common/api/events.ts'

/** The caller's audio went quiet: shown on the call until it comes back or the call ends. */
export interface MediaAlert {
  quietSeconds: number
  /** When the platform raised it (the quiet began `quietSeconds` before). */
  raisedAt: string
}

/**
 * What live events say about calls that no call record holds: audio alerts, and a count of the
 * texts heard per call so that an open conversation fetches itself again when it moves.
 */
export interface CallSignals {
  mediaAlerts: ReadonlyMap<string, MediaAlert>
  textCounts: ReadonlyMap<string, number>
}

export const NO_SIGNALS: CallSignals = { mediaAlerts: new Map(), textCounts: new Map() }

/** The signals after an event; the same object when the event changes none of them. */
export function nextCallSignals(signals: CallSignals, event: LiveEvent): CallSignals {
  if (event.type === 'call.text') {
    const { callId } = event.payload as LiveEventMap['call.text']
    const textCounts = new Map(signals.textCounts)
    textCounts.set(callId, (textCounts.get(callId) ?? 0) + 1)
    return { ...signals, textCounts }
  }
  if (event.type === 'call.media_alert') {
    const alert = event.payload as LiveEventMap['call.media_alert']
    if (alert.kind === 'resumed') return withoutAlert(signals, alert.callId)
    const mediaAlerts = new Map(signals.mediaAlerts)
    mediaAlerts.set(alert.callId, { quietSeconds: alert.quietSeconds, raisedAt: event.at })
    return { ...signals, mediaAlerts }
  }
  if (event.type === 'call.released' || event.type === 'call.closed') {
    return withoutAlert(signals, (event.payload as { callId: string }).callId)
  }
  return signals
}

function withoutAlert(signals: CallSignals, callId: string): CallSignals {
  if (!signals.mediaAlerts.has(callId)) return signals
  const mediaAlerts = new Map(signals.mediaAlerts)
  mediaAlerts.delete(callId)
  return { ...signals, mediaAlerts }
}
