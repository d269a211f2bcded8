import { useFloor } from '../live/floor-context.tsx'
import { formatDuration, secondsSince, useNow } from './time.ts'

/**
 * Says, in red across the top, that what the screen shows may be stale: the connection to the
 * platform is lost, and since when. It goes when the console has caught up again.
 */
export function ConnectionBanner() {
  const connection = useFloor((state) => state.connection)
  const lostSince = useFloor((state) => state.lostSince)
  const loaded = useFloor((state) => state.loaded)
  const now = useNow()
  if (connection === 'lost' && lostSince) {
    return (
      <div className="banner banner-lost" role="alert" data-testid="connection-lost">
        Connection to the platform lost {formatDuration(secondsSince(lostSince.toISOString(), now))}{' '}
        ago. The screen may be out of date; reconnecting…
      </div>
    )
  }
  if (!loaded || connection === 'connecting' || connection === 'catching_up') {
    return (
      <div className="banner banner-sync" role="status" data-testid="connection-syncing">
        Catching up with the platform…
      </div>
    )
  }
  return null
}
