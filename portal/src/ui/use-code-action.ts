import { useState } from 'react'
import { NO_PROBLEMS, problemsFromFailure, type Problems } from './form-kit.tsx'

/**
 * Runs the actions of one thing confirmed by a code (a phone, an alert contact) one at a time,
 * with their problems. The code field carries the thing's own id (`codeField`): several may
 * wait for a code on one page. A refusal can change the tries left, so `onRefused` may read again.
 */
export function useCodeAction(codeField: string, onRefused: () => void = () => {}) {
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [working, setWorking] = useState(false)

  async function act(action: () => Promise<void>) {
    setWorking(true)
    setProblems(NO_PROBLEMS)
    try {
      await action()
    } catch (failure) {
      const found = problemsFromFailure(failure, (field) => field === 'code')
      setProblems(
        found.fields.code ? { fields: { [codeField]: found.fields.code }, form: null } : found,
      )
      onRefused()
    } finally {
      setWorking(false)
    }
  }

  return { problems, setProblems, working, act }
}
