import type { ResidentSessionView } from '@common/api/residents.ts'
import { api, ApiError, onSessionLost, setCsrfToken } from '@console/api/http.ts'
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

type Account = ResidentSessionView['account']

let csrfToken: string | null = null

/** The console's client keeps its own copy; uploads of raw bytes need it too. */
function keepToken(token: string | null): void {
  csrfToken = token
  setCsrfToken(token)
}

/**
 * Sends a file's bytes as the request body (a member's photo): the JSON client cannot. A failure
 * comes back as the same ApiError the forms already show.
 */
export async function sendFile<T>(url: string, file: File): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': file.type || 'application/octet-stream',
        'x-csrf-token': csrfToken ?? '',
      },
      body: file,
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', 'the service cannot be reached; nothing was sent', null)
  }
  const json = (await response.json().catch(() => null)) as
    (T & { error?: { code: string; message: string; field?: string } }) | null
  if (!response.ok) {
    const error = json?.error
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? response.statusText,
      error?.field ?? null,
    )
  }
  return json as T
}

interface ResidentSession {
  /** Undefined while the portal asks whether this browser is logged on. */
  account: Account | null | undefined
  loggedOn: (view: ResidentSessionView) => void
  logOff: () => Promise<void>
}

const SessionContext = createContext<ResidentSession | null>(null)

/** The resident's portal session: asked for once on load, set by sign-up and log-on. */
export function ResidentSessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined)

  useEffect(() => {
    api
      .get<ResidentSessionView>('/api/portal/session')
      .then((view) => {
        keepToken(view.csrfToken)
        setAccount(view.account)
      })
      .catch((failure: unknown) => {
        if (!(failure instanceof ApiError) || failure.status !== 401) console.warn(failure)
        setAccount(null)
      })
    // A session that ended (expired, logged off in another tab) shows the logged-off portal.
    return onSessionLost(() => {
      keepToken(null)
      setAccount(null)
    })
  }, [])

  const value = useMemo<ResidentSession>(
    () => ({
      account,
      loggedOn(view) {
        keepToken(view.csrfToken)
        setAccount(view.account)
      },
      async logOff() {
        try {
          await api.delete('/api/portal/session')
        } finally {
          keepToken(null)
          setAccount(null)
        }
      },
    }),
    [account],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useResidentSession(): ResidentSession {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useResidentSession outside ResidentSessionProvider')
  return session
}
