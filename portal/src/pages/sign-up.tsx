import { SignUpBody, type ResidentSessionView } from '@common/api/residents.ts'
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

const LABELS: Record<string, string> = {
  displayName: 'Your name',
  email: 'E-mail address',
  password: 'Password',
}

/** One account for every resident service; the answer logs the resident on. */
export function SignUpPage() {
  const { loggedOn } = useResidentSession()
  const [form, setForm] = useState({ displayName: '', email: '', password: '' })
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(SignUpBody, form)
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    try {
      const view = await api.post<ResidentSessionView>('/api/portal/account', checked.data)
      loggedOn(view)
      navigate(PAGES.phones)
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in LABELS))
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeading title="Create an account" />
      <p>
        One account serves every resident service: your safety profile, a disability indicator
        request, and later 911 recording requests and emergency alerts. Already have one?{' '}
        <Link to={PAGES.logOn}>Log on</Link>.
      </p>
      <ErrorSummary problems={problems} labels={(field) => LABELS[field] ?? field} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Create an account">
        <TextField
          field="displayName"
          label={LABELS.displayName!}
          hint="The name the center will see with your profile."
          autoComplete="name"
          value={form.displayName}
          onChange={set('displayName')}
          problems={problems}
        />
        <TextField
          field="email"
          type="email"
          label={LABELS.email!}
          hint="You log on with it. We do not send advertising."
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          problems={problems}
        />
        <TextField
          field="password"
          type="password"
          label={LABELS.password!}
          hint="At least 12 characters. A short sentence is easy to remember."
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          problems={problems}
        />
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
    </>
  )
}
