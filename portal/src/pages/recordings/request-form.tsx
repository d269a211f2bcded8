import {
  RecordsRequestForm,
  REQUESTER_TYPES,
  THIRD_PARTY_REFUSAL,
  type PortalRecordsRequest,
  type RequesterType,
} from '@common/api/records-requests.ts'
import { api } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import {
  checkForm,
  ErrorSummary,
  NO_PROBLEMS,
  problemsFromFailure,
  Field,
  TextArea,
  type Problems,
} from '../../ui/form-kit.tsx'

const LABELS: Record<string, string> = {
  callDate: 'Date of the call',
  timeFrom: 'From',
  timeTo: 'To',
  callingNumber: 'Phone number the call was made from',
  location: 'Where you were',
  whatHappened: 'What happened',
  requesterType: 'Who you are',
  investigator: 'Investigator',
  'investigator.agency': 'Agency',
  'investigator.caseNumber': 'Case number',
  'investigator.badge': 'Badge number',
  'investigator.officialEmail': 'Official e-mail',
  'investigator.officialPhone': 'Official phone',
}

const TYPE_TEXT: Record<RequesterType, string> = {
  caller: 'I made the call',
  investigator: 'I am a law-enforcement investigator',
  other: 'Someone else made the call',
}

const EMPTY = {
  callDate: '',
  timeFrom: '',
  timeTo: '',
  callingNumber: '',
  location: '',
  whatHappened: '',
  agency: '',
  caseNumber: '',
  badge: '',
  officialEmail: '',
  officialPhone: '',
}

/** One call's request. A third party may still send it: it is filed and refused in writing. */
export function RequestForm({
  onFiled,
}: {
  onFiled: (request: PortalRecordsRequest) => Promise<void>
}) {
  const [form, setForm] = useState(EMPTY)
  const [type, setType] = useState<RequesterType>('caller')
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [field]: value })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(RecordsRequestForm, {
      callDate: form.callDate,
      timeFrom: form.timeFrom,
      timeTo: form.timeTo,
      callingNumber: form.callingNumber,
      location: form.location,
      whatHappened: form.whatHappened,
      requesterType: type,
      investigator:
        type === 'investigator'
          ? {
              agency: form.agency,
              caseNumber: form.caseNumber,
              badge: form.badge,
              officialEmail: form.officialEmail,
              officialPhone: form.officialPhone,
            }
          : undefined,
    })
    if (checked.problems) {
      // The schema's own words for a date ("Invalid ISO date") are not a resident's.
      const { fields } = checked.problems
      if (fields.callDate) fields.callDate = 'Enter the date of the call'
      return setProblems(checked.problems)
    }
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      const filed = await api.post<PortalRecordsRequest>(
        '/api/portal/records-requests',
        checked.data,
      )
      setForm(EMPTY)
      setType('caller')
      await onFiled(filed)
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in LABELS))
    } finally {
      setBusy(false)
    }
  }

  const field = (name: keyof typeof EMPTY, path: string, extra: Partial<FieldExtra> = {}) => (
    <Input
      {...extra}
      field={path}
      label={extra.label ?? LABELS[path]!}
      problems={problems}
      value={form[name]}
      onChange={set(name)}
    />
  )

  return (
    <section aria-labelledby="new-recording-request">
      <h2 id="new-recording-request">Request a recording</h2>
      <ErrorSummary problems={problems} labels={(name) => LABELS[name] ?? name} />
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-labelledby="new-recording-request"
      >
        <fieldset>
          <legend>The call</legend>
          {field('callDate', 'callDate', {
            hint: 'The day you called 911.',
            type: 'date',
            short: true,
          })}
          <div className="time-window">
            {field('timeFrom', 'timeFrom', {
              label: 'From (about)',
              hint: 'For example 14:30.',
              type: 'time',
              short: true,
            })}
            {field('timeTo', 'timeTo', {
              label: 'To (about)',
              hint: 'The latest it could have been.',
              type: 'time',
              short: true,
            })}
          </div>
          {field('callingNumber', 'callingNumber', {
            hint: 'With its area code. We send a code to it to check that you made the call.',
            type: 'tel',
            autoComplete: 'tel',
          })}
          {field('location', 'location', {
            hint: 'The address or place you called from.',
          })}
          <TextArea
            field="whatHappened"
            label={LABELS.whatHappened!}
            hint="A few words, so we find the right call."
            problems={problems}
            value={form.whatHappened}
            onChange={set('whatHappened')}
          />
        </fieldset>
        <fieldset>
          <legend>Who you are</legend>
          {REQUESTER_TYPES.map((each) => (
            <label className="choice" key={each}>
              <input
                type="radio"
                name="requesterType"
                value={each}
                checked={type === each}
                onChange={() => setType(each)}
              />
              {TYPE_TEXT[each]}
            </label>
          ))}
        </fieldset>
        {type === 'investigator' && (
          <fieldset>
            <legend>Your agency</legend>
            <p className="hint">
              We confirm your request with your agency at its published number before we release
              anything.
            </p>
            {field('agency', 'investigator.agency')}
            {field('caseNumber', 'investigator.caseNumber', { short: true })}
            {field('badge', 'investigator.badge', { short: true })}
            {field('officialEmail', 'investigator.officialEmail', {
              type: 'email',
              autoComplete: 'email',
            })}
            {field('officialPhone', 'investigator.officialPhone', { type: 'tel' })}
          </fieldset>
        )}
        {type === 'other' && (
          <div className="notice" role="note" data-testid="third-party-statute">
            <p>
              <strong>We cannot release the recording to you.</strong>
            </p>
            <p>{THIRD_PARTY_REFUSAL}</p>
            <p>
              If you send the request anyway, it is filed and refused, and you receive a refusal
              letter that says how to appeal. The person who made the call can request the recording
              themselves.
            </p>
          </div>
        )}
        <button type="submit" disabled={busy}>
          {type === 'other' ? 'Send the request anyway' : 'Send the request'}
        </button>
      </form>
    </section>
  )
}

interface FieldExtra {
  label: string
  hint: string
  type: 'text' | 'email' | 'tel' | 'date' | 'time'
  short: boolean
  autoComplete: string
}

/** TextField with the browser's date and time pickers too (the value is the API's ISO text). */
function Input({
  field,
  label,
  hint,
  type = 'text',
  short,
  autoComplete,
  problems,
  value,
  onChange,
}: Partial<FieldExtra> & {
  field: string
  label: string
  problems: Problems
  value: string
  onChange: (value: string) => void
}) {
  return (
    <Field field={field} label={label} problems={problems} hint={hint}>
      {(aria) => (
        <input
          {...aria}
          name={field}
          type={type}
          value={value}
          autoComplete={autoComplete ?? 'off'}
          className={short ? 'short' : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
