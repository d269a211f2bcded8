/**
 * The platform's HTTP API as journeys use it around the browser: a person (or a
 * phone system) logged on with a cookie and the session's CSRF token, to set the scene and to
 * check through the API what the screen claims.
 */
export interface ApiUser {
  get: <T>(path: string) => Promise<T>
  post: <T>(path: string, body: unknown) => Promise<T>
}

export async function logOnApi(
  baseUrl: string,
  username: string,
  password: string,
  position?: string,
): Promise<ApiUser> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, ...(position ? { position } : {}) }),
  })
  if (!response.ok) throw new Error(`log-on of ${username}: ${response.status}`)
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await answer.text()
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${text}`)
    return JSON.parse(text) as T
  }
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body) }
}
