import type { SessionView } from '@common/api/sessions.ts'
import type { Position } from '@common/api/staff.ts'
import { useEffect, useMemo, useState } from 'react'
import { api, onSessionLost, setCsrfToken } from './api/http.ts'
import { FloorContext } from './live/floor-context.tsx'
import { FloorStore } from './live/floor-store.ts'
import { LogOn } from './session/log-on.tsx'
import { SessionContext, type ConsoleSession } from './session/session-context.tsx'
import { Shell } from './shell.tsx'

type DirectoryEntry = Pick<Position, 'code' | 'kind'>

/** Resumes a session the browser still holds, or shows the log-on screen. */
export function App() {
  const [view, setView] = useState<SessionView | null | undefined>(undefined)
  const [positions, setPositions] = useState<DirectoryEntry[] | null>(null)

  useEffect(() => {
    api
      .get<SessionView>('/api/session')
      .then(adopt)
      .catch(() => setView(null))
    api
      .get<DirectoryEntry[]>('/api/positions/directory')
      .then(setPositions)
      .catch(() => setPositions([]))
    return onSessionLost(() => {
      setCsrfToken(null)
      setView(null)
    })
  }, [])

  function adopt(session: SessionView) {
    setCsrfToken(session.csrfToken)
    setView(session)
  }

  if (view === undefined || positions === null) return <p className="muted">Loading…</p>
  if (view === null) return <LogOn onLoggedOn={adopt} />
  const kind = positions.find((entry) => entry.code === view.position?.code)?.kind ?? null
  return (
    <SignedIn
      key={view.user.id + (view.position?.code ?? '')}
      session={{
        view,
        positionKind: kind,
        logOff: async () => {
          await api.delete('/api/session').catch(() => undefined)
          setCsrfToken(null)
          setView(null)
        },
      }}
    />
  )
}

/** One floor store per session: it follows the log for as long as the user is logged on. */
function SignedIn({ session }: { session: ConsoleSession }) {
  const store = useMemo(() => new FloorStore(session.view.user.roles), [session.view.user.roles])
  useEffect(() => {
    store.start()
    return () => store.stop()
  }, [store])
  return (
    <SessionContext.Provider value={session}>
      <FloorContext.Provider value={store}>
        <Shell />
      </FloorContext.Provider>
    </SessionContext.Provider>
  )
}
