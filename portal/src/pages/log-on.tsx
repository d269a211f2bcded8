import { ResidentLogOnBody, type ResidentSessionView } from '@common/api/residents.ts'
import { api } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import { Link, navigate, PAGES } from '../router.tsx'
import { useResidentSession } from '../session/resident-session.tsx'
import {
  checkForm,
  ErrorSummary,
  NO_PROBLEMS,
  problemsFromFailure,
  TextField,
  type Problems,
} from '../ui/form-kit.tsx'
import { PageHeading } from '../ui/page.tsx'

const LABELS: Record<string, string> = { email: 'E-mail address', password: 'Password' }

export function LogOnPage() {
  const { account, loggedOn } = useResidentSession()
  const [form, setForm] = useState({ email: '', password: '' })
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(ResidentLogOnBody, form)
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    try {
      const view = await api.post<ResidentSessionView>('/api/portal/session', checked.data)
      loggedOn(view)
      navigate(PAGES.home)
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in LABELS))
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeading title="Log on" />
      {account ? (
        <p className="notice">
          You are logged on as {account.displayName}. Log on below only to use another account.
        </p>
      ) : (
        <p>
          No account yet? <Link to={PAGES.signUp}>Create an account</Link>.
        </p>
      )}
      <ErrorSummary problems={problems} labels={(field) => LABELS[field] ?? field} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Log on">
        <TextField
          field="email"
          type="email"
          label={LABELS.email!}
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          problems={problems}
        />
        <TextField
          field="password"
          type="password"
          label={LABELS.password!}
          autoComplete="current-password"
          value={form.password}
          onChange={set('password')}
          problems={problems}
        />
        <button type="submit" disabled={busy}>
          Log on
        </button>
      </form>
    </>
  )
}
