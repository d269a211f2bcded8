/**
 * The platform's HTTP API as journeys use it around the browser: a person (or a phone system)
 * logged on with a cookie and the session's CSRF token, to set the scene and to check through the
 * API what the screen claims.
 */
export interface ApiUser {
  get: <T>(path: string) => Promise<T>
  post: <T>(path: string, body: unknown) => Promise<T>
}

/** A member of staff logged on at /api/session (optionally at a position). */
export function logOnApi(
  baseUrl: string,
  username: string,
  password: string,
  position?: string,
): Promise<ApiUser> {
  return openSession(baseUrl, '/api/session', {
    username,
    password,
    ...(position ? { position } : {}),
  })
}

/** A resident who opens a portal account (and is logged on by it). */
export function signUpResidentApi(
  baseUrl: string,
  account: { email: string; password: string; displayName: string },
): Promise<ApiUser> {
  return openSession(baseUrl, '/api/portal/account', account)
}

async function openSession(baseUrl: string, path: string, body: unknown): Promise<ApiUser> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) {
    throw new Error(`POST ${path}: ${response.status} ${await response.text()}`)
  }
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  const call = async <T>(method: string, url: string, payload?: unknown): Promise<T> => {
    const answer = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    })
    const text = await answer.text()
    if (!answer.ok) throw new Error(`${method} ${url}: ${answer.status} ${text}`)
    return JSON.parse(text) as T
  }
  return { get: (url) => call('GET', url), post: (url, payload) => call('POST', url, payload) }
}
