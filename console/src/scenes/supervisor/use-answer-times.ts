import type { AnswerTimesReport } from '@common/api/supervision.ts'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'

const REFRESH_MS = 60_000
/** Calls change in bursts (offer, answer, release): one report after the burst settles. */
const SETTLE_MS = 800

export interface AnswerTimesState {
  report: AnswerTimesReport | null
  /** When the shown report was fetched. */
  at: string | null
  failure: string | null
}

/** Today's answer-time report, asked again after calls change and once a minute. */
export function useAnswerTimes(): AnswerTimesState {
  const calls = useFloor((state) => state.calls)
  const [state, setState] = useState<AnswerTimesState>({ report: null, at: null, failure: null })
  const [tick, setTick] = useState(0)

  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [])

  useEffect(() => {
    let current = true
    const timer = window.setTimeout(() => {
      api
        .get<AnswerTimesReport>('/api/reports/answer-times')
        .then((report) => {
          if (current) setState({ report, at: new Date().toISOString(), failure: null })
        })
        .catch((error: unknown) => {
          if (!current) return
          const failure = error instanceof ApiError ? error.message : String(error)
          // Keep the last figures, marked as not current.
          setState((previous) => ({ ...previous, failure }))
        })
    }, SETTLE_MS)
    return () => {
      current = false
      window.clearTimeout(timer)
    }
  }, [calls, tick])

  return state
}
