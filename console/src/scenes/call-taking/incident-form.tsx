import {
  CreateIncidentFromCallBody,
  type CallView,
  type CallWithIncident,
} from '@common/api/calls.ts'
import type { IncidentLocationInput, NatureCode } from '@common/api/incidents.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { IncidentUnits } from '../../incident/incident-units.tsx'
import { useFloor, useFloorStore } from '../../live/floor-context.tsx'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import type { AddressChoice } from './address-entry.tsx'
import { NatureCodePicker } from './nature-code-picker.tsx'
import { SOURCE_LABELS } from '../../ui/call-labels.ts'

const FORM_FIELDS = ['natureCode', 'priority', 'location', 'narrative']
const OVERRIDE_FIELD = 'location.overrideReason'

/**
 * The incident's location: the address the call taker picked or typed, else the call's primary
 * location (as the server would take it). Unverified, it carries the override reason.
 */
function incidentLocation(
  call: CallView,
  choice: AddressChoice,
  overrideReason: string,
): IncidentLocationInput | undefined {
  const reason = overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {}
  if (choice.picked) {
    return {
      civic: choice.picked.address,
      ...(choice.picked.point ? { point: choice.picked.point } : {}),
      isVerified: true,
    }
  }
  if (choice.text.trim()) return { text: choice.text.trim(), isVerified: false, ...reason }
  const primary = call.locations.find((l) => l.isPrimary)
  if (!primary) return undefined
  return {
    ...(primary.address ? { civic: primary.address } : {}),
    ...(primary.lat !== null && primary.lon !== null
      ? { point: { lat: primary.lat, lon: primary.lon } }
      : {}),
    ...(primary.text && !primary.address ? { text: primary.text } : {}),
    isVerified: false,
    ...reason,
  }
}

/** The API's schema, then the rule it applies to civic addresses, applied to typed text too. */
function checkIncident(value: Record<string, unknown>): CreateIncidentFromCallBody {
  const body = checkInput(CreateIncidentFromCallBody, value)
  const location = body.location
  if (location?.text && !location.civic && !location.isVerified && !location.overrideReason) {
    throw new ApiError(
      400,
      'invalid_input',
      `${OVERRIDE_FIELD}: ${location.text} is not verified; pick a candidate or give an override reason`,
      OVERRIDE_FIELD,
    )
  }
  return body
}

/** Creates the incident from the call: checked here first, so a bad form sends nothing. */
export function IncidentForm({
  call,
  natureCodes,
  choice,
  onView,
}: {
  call: CallView
  natureCodes: readonly NatureCode[]
  choice: AddressChoice
  onView: (view: CallView) => void
}) {
  const store = useFloorStore()
  const incidents = useFloor((state) => state.incidents)
  const [natureCode, setNatureCode] = useState('')
  const [priority, setPriority] = useState('')
  const [overrideReason, setOverrideReason] = useState('')
  const [narrative, setNarrative] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [created, setCreated] = useState<string | null>(null)
  const [sending, setSending] = useState(false)

  const linked = call.incidentId ? incidents.get(call.incidentId) : undefined
  const location = incidentLocation(call, choice, overrideReason)
  const primary = call.locations.find((l) => l.isPrimary)
  const known = natureCodes.find((c) => c.code === natureCode.trim().toUpperCase())

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    if (sending) return
    setError(null)
    let body: CreateIncidentFromCallBody
    try {
      body = checkIncident({
        ...(natureCode.trim() ? { natureCode } : {}),
        ...(priority ? { priority: Number(priority) } : {}),
        ...(location ? { location } : {}),
        ...(narrative.trim() ? { narrative } : {}),
      })
    } catch (failure) {
      setError(failure as ApiError)
      return
    }
    setSending(true)
    api
      .post<CallWithIncident>(`/api/calls/${call.id}/incident`, body)
      .then((answer) => {
        store.put('incidents', answer.incident)
        store.put('calls', answer.call)
        onView(answer.call)
        setCreated(answer.incident.number)
      })
      .catch((failure: unknown) => setError(failure as ApiError))
      .finally(() => setSending(false))
  }

  if (call.incidentId) {
    return (
      <section className="panel incident-form" aria-labelledby="incident-heading">
        <h2 id="incident-heading">Incident</h2>
        <p className="created" role="status">
          {created ? `Incident ${created} created` : `On incident ${linked?.number ?? ''}`}
          {call.attachedAs === 'duplicate' ? ' (attached as a duplicate caller)' : ''}
        </p>
        {/* What the call taker tells the caller: who is coming, and how far along they are. */}
        {linked && <IncidentUnits incident={linked} />}
      </section>
    )
  }

  return (
    <section className="panel incident-form" aria-labelledby="incident-heading">
      <h2 id="incident-heading">Create incident</h2>
      <form onSubmit={submit} noValidate aria-label="Create incident">
        <NatureCodePicker
          codes={natureCodes}
          text={natureCode}
          onText={setNatureCode}
          invalid={invalid(error, 'natureCode')}
        />
        <FieldError error={error} field="natureCode" />
        <label>
          Priority
          <select
            name="priority"
            value={priority}
            onChange={(event) => setPriority(event.target.value)}
            aria-invalid={invalid(error, 'priority')}
          >
            <option value="">Nature default{known ? ` (P${known.defaultPriority})` : ''}</option>
            {[1, 2, 3, 4, 5].map((p) => (
              <option key={p} value={p}>
                P{p}
              </option>
            ))}
          </select>
        </label>
        <FieldError error={error} field="priority" />
        <div className="incident-location" aria-live="polite">
          <span className="muted">Location: </span>
          {choice.picked ? (
            <span className="verified">✓ {choice.picked.text} (verified)</span>
          ) : choice.text.trim() ? (
            <span className="unverified">{choice.text.trim()} (typed, not verified)</span>
          ) : primary ? (
            <span>
              call&apos;s primary location ({SOURCE_LABELS[primary.source]}
              {primary.text ? `: ${primary.text}` : ''})
            </span>
          ) : (
            <span className="unverified">none: type the address above</span>
          )}
        </div>
        {error?.field?.startsWith('location') && error.field !== OVERRIDE_FIELD && (
          <p className="field-error" role="alert" data-field={error.field}>
            {error.message}
          </p>
        )}
        <label>
          Override reason (unverified address)
          <input
            name="overrideReason"
            value={overrideReason}
            onChange={(event) => setOverrideReason(event.target.value)}
            aria-invalid={invalid(error, OVERRIDE_FIELD)}
            disabled={choice.picked !== null}
            placeholder={choice.picked ? 'not needed: verified' : 'e.g. new construction'}
          />
        </label>
        <FieldError error={error} field={OVERRIDE_FIELD} />
        <label>
          Narrative
          <textarea
            name="narrative"
            rows={3}
            value={narrative}
            onChange={(event) => setNarrative(event.target.value)}
            aria-invalid={invalid(error, 'narrative')}
          />
        </label>
        <FieldError error={error} field="narrative" />
        <FormError error={error} fields={FORM_FIELDS} />
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Creating…' : 'Create incident'}
        </button>
      </form>
    </section>
  )
}
