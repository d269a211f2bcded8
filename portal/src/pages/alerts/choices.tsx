import { AlertSubscriptionBody, type AlertSubscriptionView } from '@common/api/alert-subscribers.ts'
import {
  ALERT_LANGUAGE_CODES,
  ALERT_LANGUAGES,
  NOTICE_CATEGORY_LABELS,
  OPT_IN_CATEGORIES,
  type AlertLanguage,
} from '@common/api/alerts.ts'
import { api } from '@console/api/http.ts'
import { useEffect, useState, type FormEvent } from 'react'
import {
  checkForm,
  ErrorSummary,
  Field,
  NO_PROBLEMS,
  problemsFromFailure,
  type Problems,
} from '../../ui/form-kit.tsx'

const LABELS: Record<string, string> = {
  language: 'Language of your alerts',
  noticeCategories: 'What to be alerted about',
}

/** Language and categories; the button signs up, saves, or signs up again. */
export function AlertChoices({
  view,
  url,
  onSaved,
}: {
  view: AlertSubscriptionView
  url: string
  onSaved: (message: string) => void
}) {
  const [language, setLanguage] = useState<AlertLanguage>(view.language)
  const [categories, setCategories] = useState<string[]>(view.noticeCategories)
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    setLanguage(view.language)
    setCategories(view.noticeCategories)
  }, [view.language, view.noticeCategories])

  const toggle = (category: string, on: boolean) =>
    setCategories((list) => (on ? [...list, category] : list.filter((c) => c !== category)))

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(AlertSubscriptionBody, { language, noticeCategories: categories })
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      await api.put(url, checked.data)
      onSaved(
        view.state === 'active'
          ? 'Your choices are saved.'
          : 'You are signed up. Now add the addresses to be alerted for and how to reach you.',
      )
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in LABELS))
    } finally {
      setBusy(false)
    }
  }

  const button =
    view.state === 'none'
      ? 'Sign up for alerts'
      : view.state === 'unsubscribed'
        ? 'Sign up again'
        : 'Save choices'

  return (
    <section aria-labelledby="alert-choices-title">
      <h2 id="alert-choices-title">Your choices</h2>
      <ErrorSummary problems={problems} labels={(field) => LABELS[field] ?? field} />
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="alert-choices-title"
      >
        <Field
          field="language"
          label={LABELS.language!}
          hint="Alerts are written in English and in 22 other languages."
          problems={problems}
        >
          {(aria) => (
            <select
              {...aria}
              name="language"
              value={language}
              onChange={(event) => setLanguage(event.target.value as AlertLanguage)}
              className="language-select"
            >
              {ALERT_LANGUAGE_CODES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {ALERT_LANGUAGES[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{LABELS.noticeCategories}</legend>
          <label className="choice">
            <input type="checkbox" checked disabled aria-describedby="emergency-always" />
            {NOTICE_CATEGORY_LABELS.emergency}
          </label>
          <span className="hint" id="emergency-always">
            Emergency alerts cannot be turned off while you are signed up.
          </span>
          {OPT_IN_CATEGORIES.map((category) => (
            <label className="choice" key={category}>
              <input
                type="checkbox"
                name="noticeCategories"
                value={category}
                checked={categories.includes(category)}
                onChange={(event) => toggle(category, event.target.checked)}
              />
              {NOTICE_CATEGORY_LABELS[category]}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          {button}
        </button>
      </form>
    </section>
  )
}
