import type { Position } from '@common/api/staff.ts'
import { useEffect, useState } from 'react'
import { api } from './api/http.ts'
import { useFloor, useFloorStore } from './live/floor-context.tsx'
import { AlertsScene } from './scenes/alerts/alerts-scene.tsx'
import { CallTakingScene } from './scenes/call-taking/call-taking-scene.tsx'
import { DispatchScene } from './scenes/dispatch/dispatch-scene.tsx'
import { MapScene } from './scenes/map/map-scene.tsx'
import { OutboxScene } from './scenes/outbox/outbox-scene.tsx'
import { RecordsScene } from './scenes/records/records-scene.tsx'
import { RegistryScene } from './scenes/registry/registry-scene.tsx'
import { firstScene, scenesFor, type SceneId } from './scenes/scenes.ts'
import { SupervisorScene } from './scenes/supervisor/supervisor-scene.tsx'
import { hasRole, useSession } from './session/session-context.tsx'
import { ConnectionBanner } from './ui/connection-banner.tsx'
import { isMuted, playCue, setMuted } from './ui/cues.ts'
import { EmergencyAlarm } from './ui/emergency-alarm.tsx'
import { clockTime, useNow } from './ui/time.ts'

const SCENE_VIEWS: Record<SceneId, () => React.JSX.Element> = {
  calls: CallTakingScene,
  dispatch: DispatchScene,
  map: MapScene,
  supervisor: SupervisorScene,
  registry: RegistryScene,
  outbox: OutboxScene,
  records: RecordsScene,
  alerts: AlertsScene,
}

/** The console around the scenes: who is here, the clock, the connection, the scene tabs. */
export function Shell() {
  const session = useSession()
  const store = useFloorStore()
  const offered = scenesFor(session.view.user.roles)
  const [scene, setScene] = useState<SceneId | null>(() =>
    firstScene(offered, session.positionKind),
  )
  const positionCode = session.view.position?.code ?? null
  const [muted, setMutedState] = useState(() => isMuted(positionCode))
  const loaded = useFloor((state) => state.loaded)
  const connection = useFloor((state) => state.connection)
  const now = useNow()

  useEffect(() => {
    const takesCalls = hasRole(session, 'call_taker', 'supervisor')
    const positionId = session.view.position?.id ?? null
    return store.onCue((event) => {
      if (
        takesCalls &&
        event.type === 'call.offered' &&
        (event.payload as { line: string }).line === '911'
      ) {
        playCue('call_911', positionCode)
      }
      // A silent caller sounds only at the position that has the call.
      if (event.type === 'call.media_alert') {
        const alert = event.payload as { callId: string; kind: string }
        const call = store.getState().calls.get(alert.callId)
        if (alert.kind === 'silence' && positionId && call?.answeredByPositionId === positionId) {
          playCue('no_audio', positionCode)
        }
      }
    })
  }, [store, session, positionCode])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey) return
      const target = offered.find((info) => info.key === event.key)
      if (target) {
        event.preventDefault()
        setScene(target.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [offered])

  const View = scene ? SCENE_VIEWS[scene] : null
  return (
    <div
      className="shell"
      data-testid={loaded && connection === 'live' ? 'console-ready' : 'console-syncing'}
    >
      <header className="top-bar">
        <span className="brand">ECC</span>
        <nav className="scene-tabs" aria-label="Scenes">
          {offered.map((info) => (
            <button
              key={info.id}
              type="button"
              aria-current={scene === info.id ? 'page' : undefined}
              onClick={() => setScene(info.id)}
              title={`Alt+${info.key}`}
            >
              {info.label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <PositionState />
        <button
          type="button"
          aria-pressed={muted}
          onClick={() => {
            setMuted(positionCode, !muted)
            setMutedState(!muted)
          }}
        >
          {muted ? 'Sound off' : 'Sound on'}
        </button>
        <span className="who">
          {session.view.user.displayName}
          {positionCode ? ` @ ${positionCode}` : ''}
        </span>
        <time className="clock">{clockTime(new Date(now).toISOString())}</time>
        <button type="button" onClick={() => void session.logOff()}>
          Log off
        </button>
      </header>
      <ConnectionBanner />
      {hasRole(session, 'dispatcher', 'supervisor') && <EmergencyAlarm />}
      <main className="scene-area">
        {View ? <View /> : <p className="muted">Your role has no scene on the dispatch floor.</p>}
      </main>
    </div>
  )
}

/** Ready / not ready: a call distributor offers ringing calls only to a ready position. */
function PositionState() {
  const session = useSession()
  const positions = useFloor((state) => state.positions)
  const [failure, setFailure] = useState<string | null>(null)
  const mine = positions.find((p) => p.id === session.view.position?.id)
  if (!mine) return null
  const ready = mine.state === 'ready'
  return (
    <button
      type="button"
      className={ready ? 'state-ready' : 'state-not-ready'}
      title={failure ?? 'Calls are offered only to a ready position'}
      onClick={() => {
        setFailure(null)
        api
          .post<Position>('/api/positions/current/state', { state: ready ? 'not_ready' : 'ready' })
          .catch((error: unknown) => setFailure((error as Error).message))
      }}
    >
      {ready ? 'Ready' : 'Not ready'}
      {failure ? ' (not changed)' : ''}
    </button>
  )
}
