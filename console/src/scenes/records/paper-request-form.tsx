import {
  PaperRecordsRequestForm,
  REQUESTER_TYPE_LABELS,
  REQUESTER_TYPES,
  THIRD_PARTY_REFUSAL,
  type RecordsRequest,
  type RequesterType,
} from '@common/api/records-requests.ts'
import { useState, type FormEvent, type RefObject } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { asApiError } from './records-text.ts'

const EMPTY = {
  name: '',
  email: '',
  phone: '',
  mailingAddress: '',
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
  receivedOn: '',
}
type Field = keyof typeof EMPTY

/** Where each field's error comes back from the API. */
const PATH: Record<Field, string> = {
  name: 'requester.name',
  email: 'requester.email',
  phone: 'requester.phone',
  mailingAddress: 'requester.mailingAddress',
  callDate: 'callDate',
  timeFrom: 'timeFrom',
  timeTo: 'timeTo',
  callingNumber: 'callingNumber',
  location: 'location',
  whatHappened: 'whatHappened',
  agency: 'investigator.agency',
  caseNumber: 'investigator.caseNumber',
  badge: 'investigator.badge',
  officialEmail: 'investigator.officialEmail',
  officialPhone: 'investigator.officialPhone',
  receivedOn: 'receivedOn',
}
const PLACED = [...Object.values(PATH), 'requesterType', 'investigator']

const optional = (value: string) => (value.trim() === '' ? undefined : value)

/** A request that came by mail or over the counter, typed in; the clock starts on its receipt. */
export function PaperRequestForm({
  open,
  onOpen,
  firstField,
  onFiled,
}: {
  open: boolean
  onOpen: (open: boolean) => void
  firstField: RefObject<HTMLInputElement | null>
  onFiled: (request: RecordsRequest) => Promise<void>
}) {
  const [form, setForm] = useState(EMPTY)
  const [type, setType] = useState<RequesterType>('caller')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [filed, setFiled] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setFiled(null)
    try {
      const body = checkInput(PaperRecordsRequestForm, {
        requesterType: type,
        requester: {
          name: form.name,
          email: optional(form.email),
          phone: optional(form.phone),
          mailingAddress: optional(form.mailingAddress),
        },
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
        callDate: form.callDate,
        timeFrom: form.timeFrom,
        timeTo: form.timeTo,
        callingNumber: form.callingNumber,
        location: form.location,
        whatHappened: form.whatHappened,
        receivedOn: optional(form.receivedOn),
      })
      setBusy(true)
      const answer = await api.post<RecordsRequest>('/api/records-requests', body)
      setForm(EMPTY)
      setType('caller')
      setFiled(`Paper request filed as ${answer.number}.`)
      onOpen(false)
      await onFiled(answer)
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  const text = (
    field: Field,
    label: string,
    extra: { short?: boolean; type?: string; hint?: string } = {},
  ) => (
    <div className={extra.short ? 'field short' : 'field'}>
      <label>
        {label}
        <input
          ref={field === 'name' ? firstField : undefined}
          type={extra.type ?? 'text'}
          value={form[field]}
          placeholder={extra.hint}
          onChange={(event) => setForm({ ...form, [field]: event.target.value })}
          aria-invalid={invalid(error, PATH[field])}
        />
      </label>
      <FieldError error={error} field={PATH[field]} />
    </div>
  )

  return (
    <section className="panel" aria-labelledby="records-paper-title">
      <div className="panel-head">
        <h2 id="records-paper-title">Paper request</h2>
        <button type="button" aria-expanded={open} title="Alt+N" onClick={() => onOpen(!open)}>
          {open ? 'Hide' : 'Type in a paper request'} <kbd>Alt+N</kbd>
        </button>
      </div>
      {filed && (
        <p className="success" role="status">
          {filed}
        </p>
      )}
      {open && (
        <form className="paper-form" onSubmit={(event) => void submit(event)} noValidate>
          <fieldset>
            <legend>Requester</legend>
            {text('name', 'Name')}
            {text('email', 'E-mail (optional)', { type: 'email' })}
            {text('phone', 'Phone (optional)', { type: 'tel' })}
            {text('mailingAddress', 'Mailing address (optional)')}
          </fieldset>
          <fieldset>
            <legend>Who is asking</legend>
            {REQUESTER_TYPES.map((each) => (
              <label className="choice" key={each}>
                <input
                  type="radio"
                  name="paper-requester-type"
                  checked={type === each}
                  onChange={() => setType(each)}
                />
                {REQUESTER_TYPE_LABELS[each]}
              </label>
            ))}
            {type === 'other' && (
              <p className="statute" role="note">
                {THIRD_PARTY_REFUSAL} The request is filed and refused at once, with a refusal
                letter.
              </p>
            )}
          </fieldset>
          {type === 'investigator' && (
            <fieldset>
              <legend>Investigator</legend>
              {text('agency', 'Agency')}
              {text('caseNumber', 'Case number', { short: true })}
              {text('badge', 'Badge', { short: true })}
              {text('officialEmail', 'Official e-mail', { type: 'email' })}
              {text('officialPhone', 'Official phone', { type: 'tel' })}
              <FieldError error={error} field="investigator" />
            </fieldset>
          )}
          <fieldset>
            <legend>The call</legend>
            {text('callDate', 'Date of the call', { short: true, type: 'date' })}
            {text('timeFrom', 'From', { short: true, type: 'time' })}
            {text('timeTo', 'To', { short: true, type: 'time' })}
            {text('callingNumber', 'Number the call was made from', { type: 'tel' })}
            {text('location', 'Where')}
            <div className="field wide">
              <label>
                What happened
                <textarea
                  rows={2}
                  value={form.whatHappened}
                  onChange={(event) => setForm({ ...form, whatHappened: event.target.value })}
                  aria-invalid={invalid(error, 'whatHappened')}
                />
              </label>
              <FieldError error={error} field="whatHappened" />
            </div>
          </fieldset>
          {text('receivedOn', 'Received on (empty: today)', { short: true, type: 'date' })}
          <FormError error={error} fields={PLACED} />
          <button type="submit" className="primary" disabled={busy}>
            File the paper request
          </button>
        </form>
      )}
    </section>
  )
}
