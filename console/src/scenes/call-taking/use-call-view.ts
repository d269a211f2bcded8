import type { CallView } from '@common/api/calls.ts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'

export interface CallViewState {
  view: CallView | null
  /** Why the last fetch failed: what is shown may be out of date. */
  stale: string | null
  /** A command's answer: shown at once, ahead of the event that follows it. */
  show: (view: CallView) => void
}

/**
 * The call taker's view of one call (duplicates and premise included), fetched again whenever the
 * floor's copy of the call changes, i.e. on every event about it. Answers are numbered so a slow
 * one never replaces a newer view.
 */
export function useCallView(callId: string): CallViewState {
  const record = useFloor((state) => state.calls.get(callId))
  const connection = useFloor((state) => state.connection)
  const [view, setView] = useState<CallView | null>(null)
  const [stale, setStale] = useState<string | null>(null)
  const sequence = useRef(0)
  const shownSequence = useRef(0)

  useEffect(() => {
    const mine = ++sequence.current
    api
      .get<CallView>(`/api/calls/${callId}`)
      .then((fresh) => {
        if (mine < shownSequence.current) return
        shownSequence.current = mine
        setView(fresh)
        setStale(null)
      })
      .catch((error: unknown) => {
        setStale(error instanceof ApiError ? error.message : String(error))
      })
  }, [callId, record])

  const show = useCallback((fresh: CallView) => {
    shownSequence.current = ++sequence.current
    setView(fresh)
    setStale(null)
  }, [])

  const lost = connection === 'lost' ? 'the connection is lost; this call may be out of date' : null
  return { view: view?.id === callId ? view : null, stale: stale ?? lost, show }
}
