import type { AnswerTimeThresholds } from '@common/api/supervision.ts'
import { useEffect, useState } from 'react'
import { api } from '../api/http.ts'
import { NENA_ANSWER_TARGETS } from './ring-age.ts'

let loading: Promise<AnswerTimeThresholds> | null = null

/** The platform's answer-time targets (settings), asked once per page. */
export function useAnswerTargets(): AnswerTimeThresholds {
  const [targets, setTargets] = useState(NENA_ANSWER_TARGETS)
  useEffect(() => {
    loading ??= api.get<AnswerTimeThresholds>('/api/reports/answer-targets').catch(() => {
      loading = null // asked again by the next scene that needs them
      return NENA_ANSWER_TARGETS
    })
    let current = true
    void loading.then((loaded) => current && setTargets(loaded))
    return () => {
      current = false
    }
  }, [])
  return targets
}
