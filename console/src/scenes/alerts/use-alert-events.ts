import type { LiveEventMap } from '@common/api/events.ts'
import { useEffect, useRef } from 'react'
import { useFloor, useFloorStore } from '../../live/floor-context.tsx'

/** An alert event as the scene hears it: its type beside its payload. */
export type AlertEvent =
  | ({ type: 'alert.changed' } & LiveEventMap['alert.changed'])
  | ({ type: 'alert.delivery_progress' } & LiveEventMap['alert.delivery_progress'])

/**
 * Calls `onEvent` for each live alert event, and with `null` when the stream is live again after
 * a loss (events missed meanwhile are not replayed as cues: the caller reads everything again).
 */
export function useAlertEvents(onEvent: (event: AlertEvent | null) => void): void {
  const store = useFloorStore()
  const connection = useFloor((state) => state.connection)
  const latest = useRef(onEvent)
  latest.current = onEvent

  useEffect(
    () =>
      store.onCue((event) => {
        if (event.type === 'alert.changed' || event.type === 'alert.delivery_progress') {
          latest.current({ type: event.type, ...event.payload } as AlertEvent)
        }
      }),
    [store],
  )

  const wasLive = useRef(connection === 'live')
  useEffect(() => {
    if (connection === 'live' && !wasLive.current) latest.current(null)
    wasLive.current = connection === 'live'
  }, [connection])
}
