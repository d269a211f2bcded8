import type { ErrorBody } from '@common/api/errors.ts'

/** An answer other than 2xx, with the field the server named (forms show it beside the field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message)
  }
}

let csrfToken: string | null = null

/** The session's CSRF token, sent on every change (set at log-on and on reload). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

type Listener = (error: ApiError) => void
const sessionLostListeners = new Set<Listener>()

/** Called when the server says the session is gone (expired, logged off elsewhere). */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener)
  return () => sessionLostListeners.delete(listener)
}

/**
 * How far the workstation's clock is from the platform's, from the Date header of each answer
 * (whole seconds, so the middle of the second is assumed). Ages on screen use the platform's
 * clock: a workstation whose clock drifted must not make a ringing call look younger than it is.
 */
let serverOffsetMs = 0

function noteServerTime(header: string | null): void {
  const serverMs = header ? Date.parse(header) : NaN
  if (Number.isNaN(serverMs)) return
  const offset = serverMs + 500 - Date.now()
  // Within a second the header cannot tell: keep the offset unless it is clearly off.
  if (Math.abs(offset - serverOffsetMs) > 1000) serverOffsetMs = offset
}

/** The platform's current time, as near as this page can tell. */
export function serverNow(): number {
  return Date.now() + serverOffsetMs
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', 'the platform cannot be reached; nothing was sent', null)
  }
  noteServerTime(response.headers.get('date'))
  const text = await response.text()
  const json: unknown = text ? JSON.parse(text) : null
  if (!response.ok) {
    const error = (json as ErrorBody | null)?.error
    const failure = new ApiError(
      response.status,
      error?.code ?? 'http_' + response.status,
      error?.message ?? response.statusText,
      error?.field ?? null,
    )
    if (failure.code === 'session_expired' || failure.code === 'not_authenticated') {
      for (const listener of sessionLostListeners) listener(failure)
    }
    throw failure
  }
  return json as T
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, body),
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}
