import { IssueBoloBody, type Bolo } from '@common/api/bolos.ts'
import { BOLO_KINDS } from '@common/domain/incidents.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { clockTime } from '../../ui/time.ts'

/** BOLOs in force, newest first, and the form to issue one. */
export function BoloPanel({ incidentId }: { incidentId: string | null }) {
  const bolos = useFloor((state) => state.bolos)
  const [issuing, setIssuing] = useState(false)
  const active = bolos.filter((bolo) => bolo.status === 'active')
  return (
    <section className="panel bolo-panel" aria-label="BOLOs">
      <div className="panel-head">
        <h2>BOLOs ({active.length})</h2>
        <button type="button" onClick={() => setIssuing(!issuing)} aria-expanded={issuing}>
          {issuing ? 'Close form' : 'Issue BOLO'}
        </button>
      </div>
      {issuing && <BoloForm incidentId={incidentId} onIssued={() => setIssuing(false)} />}
      <ul className="bolo-list">
        {active.length === 0 && <li className="muted">None in force.</li>}
        {active.map((bolo) => (
          <li key={bolo.id}>
            <strong>{bolo.kind === 'vehicle' ? 'VEHICLE' : 'PERSON'}</strong>{' '}
            {bolo.plate ? `${bolo.plate}${bolo.plateState ? ` (${bolo.plateState})` : ''} ` : ''}
            {bolo.vehicle ?? bolo.person ?? ''} — {bolo.details}{' '}
            <span className="muted">until {clockTime(bolo.expiresAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

const FIELDS = ['kind', 'plate', 'plateState', 'vehicle', 'person', 'details', 'expiresInHours']

function BoloForm({ incidentId, onIssued }: { incidentId: string | null; onIssued: () => void }) {
  const [form, setForm] = useState({
    kind: 'vehicle' as (typeof BOLO_KINDS)[number],
    plate: '',
    plateState: 'MA',
    vehicle: '',
    person: '',
    details: '',
    hours: '24',
    linkIncident: incidentId !== null,
  })
  const [error, setError] = useState<ApiError | null>(null)
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch })
  const blankless = (value: string) => (value.trim() === '' ? undefined : value)

  async function issue() {
    setError(null)
    try {
      const body = checkInput(IssueBoloBody, {
        kind: form.kind,
        plate: blankless(form.plate),
        plateState: form.plate.trim() ? blankless(form.plateState) : undefined,
        vehicle: blankless(form.vehicle),
        person: blankless(form.person),
        details: form.details,
        expiresInHours: Number(form.hours),
        incidentId: form.linkIncident && incidentId ? incidentId : undefined,
      })
      await api.post<Bolo>('/api/bolos', body)
      onIssued()
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure
      setError(failure)
    }
  }

  return (
    <form
      className="bolo-form"
      onSubmit={(event) => {
        event.preventDefault()
        void issue()
      }}
    >
      <label>
        Kind
        <select
          value={form.kind}
          onChange={(event) => set({ kind: event.target.value as (typeof BOLO_KINDS)[number] })}
        >
          {BOLO_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      {form.kind === 'vehicle' ? (
        <>
          <label>
            Plate
            <input
              value={form.plate}
              aria-invalid={invalid(error, 'plate')}
              onChange={(event) => set({ plate: event.target.value })}
            />
          </label>
          <label>
            Plate state
            <input
              value={form.plateState}
              size={3}
              aria-invalid={invalid(error, 'plateState')}
              onChange={(event) => set({ plateState: event.target.value })}
            />
          </label>
          <label>
            Vehicle
            <input
              value={form.vehicle}
              aria-invalid={invalid(error, 'vehicle')}
              onChange={(event) => set({ vehicle: event.target.value })}
            />
          </label>
        </>
      ) : (
        <label>
          Person
          <input
            value={form.person}
            aria-invalid={invalid(error, 'person')}
            onChange={(event) => set({ person: event.target.value })}
          />
        </label>
      )}
      <label className="wide">
        Details
        <input
          value={form.details}
          aria-invalid={invalid(error, 'details')}
          onChange={(event) => set({ details: event.target.value })}
        />
      </label>
      <label>
        Hours in force
        <input
          value={form.hours}
          size={4}
          inputMode="numeric"
          aria-invalid={invalid(error, 'expiresInHours')}
          onChange={(event) => set({ hours: event.target.value })}
        />
      </label>
      {incidentId && (
        <label className="check">
          <input
            type="checkbox"
            checked={form.linkIncident}
            onChange={(event) => set({ linkIncident: event.target.checked })}
          />
          Link to the selected incident
        </label>
      )}
      {FIELDS.map((field) => (
        <FieldError key={field} error={error} field={field} />
      ))}
      <FormError error={error} fields={FIELDS} />
      <button type="submit" className="primary">
        Issue
      </button>
    </form>
  )
}
