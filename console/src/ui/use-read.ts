import { useCallback, useEffect, useRef, useState } from 'react'
import { api, ApiError, serverNow } from '../api/http.ts'

export interface Read<T> {
  data: T | null
  error: ApiError | null
  /** When the data on screen was read (ISO), so a list never looks fresher than it is. */
  readAt: string | null
  busy: boolean
  reload: () => Promise<void>
}

/**
 * Reads a URL when it changes and when `reload` is called, never on a timer: for records whose
 * every read is audited. The data lives in React state only (nothing is cached elsewhere).
 */
export function useRead<T>(url: string): Read<T> {
  const [state, setState] = useState<Omit<Read<T>, 'reload'>>({
    data: null,
    error: null,
    readAt: null,
    busy: true,
  })
  // Only the newest read may land: a slow answer to an older filter must not overwrite it.
  const latest = useRef(0)
  const reload = useCallback(async () => {
    const ticket = ++latest.current
    setState((previous) => ({ ...previous, busy: true }))
    try {
      const data = await api.get<T>(url)
      if (ticket !== latest.current) return
      setState({ data, error: null, readAt: new Date(serverNow()).toISOString(), busy: false })
    } catch (failure) {
      if (ticket !== latest.current) return
      const error =
        failure instanceof ApiError
          ? failure
          : new ApiError(0, 'unexpected', (failure as Error).message, null)
      setState((previous) => ({ ...previous, error, busy: false }))
    }
  }, [url])
  useEffect(() => void reload(), [reload])
  return { ...state, reload }
}
