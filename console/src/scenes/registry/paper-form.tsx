import {
  DISABILITY_KIND_LABELS,
  DISABILITY_KINDS,
  PaperDisabilityRequestBody,
  type DisabilityKind,
  type DisabilityRequest,
} from '@common/api/disability-registry.ts'
import { useState, type FormEvent, type RefObject } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'

const EMPTY = {
  personName: '',
  houseNumber: '',
  street: '',
  unit: '',
  town: '',
  postalCode: '',
  note: '',
  contactPhone: '',
}
type Field = keyof typeof EMPTY

/** The error paths this form has a place for (the API's own names). */
const FIELD_PATH: Record<Field, string> = {
  personName: 'personName',
  houseNumber: 'address.houseNumber',
  street: 'address.street',
  unit: 'address.unit',
  town: 'address.town',
  postalCode: 'address.postalCode',
  note: 'note',
  contactPhone: 'contactPhone',
}
const PLACED = [...Object.values(FIELD_PATH), 'kinds']

const optional = (value: string) => (value.trim() === '' ? undefined : value)

/**
 * A paper request form typed in by the coordinator: the same fields as the resident's portal form.
 * It is filed like a portal request and then reviewed in the queue.
 */
export function PaperForm({
  open,
  onOpen,
  firstField,
  onFiled,
}: {
  open: boolean
  onOpen: (open: boolean) => void
  firstField: RefObject<HTMLInputElement | null>
  onFiled: (request: DisabilityRequest) => Promise<void>
}) {
  const [form, setForm] = useState(EMPTY)
  const [kinds, setKinds] = useState<DisabilityKind[]>([])
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [filed, setFiled] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setFiled(null)
    try {
      const body = checkInput(PaperDisabilityRequestBody, {
        personName: form.personName,
        address: {
          houseNumber: optional(form.houseNumber),
          street: form.street,
          unit: optional(form.unit),
          town: form.town,
          postalCode: optional(form.postalCode),
        },
        kinds,
        note: form.note,
        contactPhone: form.contactPhone,
      })
      setBusy(true)
      const answer = await api.post<DisabilityRequest>('/api/disability-requests', body)
      setForm(EMPTY)
      setKinds([])
      setFiled(`Paper form of ${answer.personName} filed: review it in the queue.`)
      // Closed, so the queue and registry stay in view; Alt+N opens an empty one for the next.
      onOpen(false)
      await onFiled(answer)
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? failure
          : new ApiError(0, 'unexpected', (failure as Error).message, null),
      )
    } finally {
      setBusy(false)
    }
  }

  const text = (field: Field, label: string, extra: { short?: boolean; type?: string } = {}) => (
    <div className={extra.short ? 'field short' : 'field'}>
      <label>
        {label}
        <input
          ref={field === 'personName' ? firstField : undefined}
          type={extra.type ?? 'text'}
          value={form[field]}
          onChange={(event) => setForm({ ...form, [field]: event.target.value })}
          aria-invalid={invalid(error, FIELD_PATH[field])}
        />
      </label>
      <FieldError error={error} field={FIELD_PATH[field]} />
    </div>
  )

  return (
    <section className="panel" aria-labelledby="paper-title">
      <div className="panel-head">
        <h2 id="paper-title">Paper form</h2>
        <button type="button" aria-expanded={open} title="Alt+N" onClick={() => onOpen(!open)}>
          {open ? 'Hide' : 'Type in a paper form'} <kbd>Alt+N</kbd>
        </button>
      </div>
      {filed && (
        <p className="success" role="status">
          {filed}
        </p>
      )}
      {open && (
        <form className="paper-form" onSubmit={(event) => void submit(event)} noValidate>
          {text('personName', 'Name of the person')}
          <fieldset className="address">
            <legend>Address where the person lives</legend>
            {text('houseNumber', 'House number', { short: true })}
            {text('street', 'Street')}
            {text('unit', 'Apartment or unit', { short: true })}
            {text('town', 'Town')}
            {text('postalCode', 'ZIP code', { short: true })}
          </fieldset>
          <fieldset className="kinds" aria-invalid={invalid(error, 'kinds')}>
            <legend>What the call taker should know</legend>
            {DISABILITY_KINDS.map((kind) => (
              <label className="choice" key={kind}>
                <input
                  type="checkbox"
                  checked={kinds.includes(kind)}
                  onChange={(event) =>
                    setKinds(
                      event.target.checked
                        ? [...kinds, kind]
                        : kinds.filter((each) => each !== kind),
                    )
                  }
                />
                {DISABILITY_KIND_LABELS[kind]}
              </label>
            ))}
            <FieldError error={error} field="kinds" />
          </fieldset>
          <div className="field">
            <label>
              Note for the call taker
              <textarea
                rows={2}
                value={form.note}
                onChange={(event) => setForm({ ...form, note: event.target.value })}
                aria-invalid={invalid(error, 'note')}
              />
            </label>
            <FieldError error={error} field="note" />
          </div>
          {text('contactPhone', 'Phone the household calls from', { type: 'tel' })}
          <FormError error={error} fields={PLACED} />
          <button type="submit" className="primary" disabled={busy}>
            File the paper form
          </button>
        </form>
      )}
    </section>
  )
}
