import type { SessionView } from '@common/api/sessions.ts'
import type { Position } from '@common/api/staff.ts'
import { useEffect, useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/http.ts'
import { FieldError, FormError, invalid } from '../ui/form.tsx'

type DirectoryEntry = Pick<Position, 'code' | 'name' | 'kind'>
const REMEMBERED_POSITION = 'ecc.position'

/** The log-on screen: who you are and which position you sit at (a workstation remembers it). */
export function LogOn({ onLoggedOn }: { onLoggedOn: (view: SessionView) => void }) {
  const [positions, setPositions] = useState<DirectoryEntry[]>([])
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [position, setPosition] = useState(() => localStorage.getItem(REMEMBERED_POSITION) ?? '')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api
      .get<DirectoryEntry[]>('/api/positions/directory')
      .then(setPositions)
      .catch((failure: unknown) => setError(failure as ApiError))
  }, [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const view = await api.post<SessionView>('/api/session', {
        username,
        password,
        position: position || undefined,
      })
      localStorage.setItem(REMEMBERED_POSITION, position)
      onLoggedOn(view)
    } catch (failure) {
      setError(failure as ApiError)
      setBusy(false)
    }
  }

  return (
    <main className="log-on">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="log-on-title" noValidate>
        <h1 id="log-on-title">Emergency Communications Center</h1>
        <p className="muted">Log on to your position.</p>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            aria-invalid={invalid(error, 'username')}
          />
        </label>
        <FieldError error={error} field="username" />
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={invalid(error, 'password')}
          />
        </label>
        <FieldError error={error} field="password" />
        <label>
          Position
          <select
            name="position"
            value={position}
            onChange={(event) => setPosition(event.target.value)}
            aria-invalid={invalid(error, 'position')}
          >
            <option value="">No position</option>
            {positions.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.code}: {entry.name}
              </option>
            ))}
          </select>
        </label>
        <FieldError error={error} field="position" />
        <FormError error={error} />
        <button type="submit" disabled={busy}>
          Log on
        </button>
      </form>
    </main>
  )
}
