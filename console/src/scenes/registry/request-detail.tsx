import {
  EnterDisabilityRequestBody,
  ReturnDisabilityRequestBody,
  type DisabilityRequest,
} from '@common/api/disability-registry.ts'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { dateTime } from '../../ui/date-time.ts'
import { requireReason } from './reason.ts'
import { kindsText, STATUS_WORDS, streetLine } from './registry-text.ts'

function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError
    ? failure
    : new ApiError(0, 'unexpected', (failure as Error).message, null)
}

/**
 * One request as filed, and the coordinator's two decisions: return it (incomplete; the resident
 * sees the reason) or enter it (the indicator is created at the verified address). An address
 * that does not verify is entered only with an override reason, asked for when the server says so.
 */
export function RequestDetail({
  request,
  onChanged,
  onClose,
}: {
  request: DisabilityRequest
  onChanged: (request: DisabilityRequest) => Promise<void>
  onClose: () => void
}) {
  const { address } = request
  const panel = useRef<HTMLElement>(null)
  // Picked from the queue with the keyboard: the review goes on here, not back at the list.
  useEffect(() => panel.current?.focus(), [])
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="panel request-detail"
      aria-labelledby="detail-title"
    >
      <div className="panel-head">
        <h2 id="detail-title">Request of {request.personName}</h2>
        <span className={`request-status request-${request.status}`}>
          {STATUS_WORDS[request.status]}
        </span>
        <button type="button" onClick={onClose} aria-label="Close the request">
          Close
        </button>
      </div>
      <dl className="facts">
        <dt>Person</dt>
        <dd>{request.personName}</dd>
        <dt>Street</dt>
        <dd>{streetLine(address)}</dd>
        <dt>Apartment / unit</dt>
        <dd>{address.unit ?? <span className="age-warn">none given</span>}</dd>
        {address.building && (
          <>
            <dt>Building</dt>
            <dd>{address.building}</dd>
          </>
        )}
        {address.floor && (
          <>
            <dt>Floor</dt>
            <dd>{address.floor}</dd>
          </>
        )}
        <dt>Town</dt>
        <dd>
          {address.town}, {address.state} {address.postalCode ?? ''}
        </dd>
        <dt>Kinds</dt>
        <dd>{kindsText(request.kinds)}</dd>
        <dt>Note</dt>
        <dd className="note">{request.note || <span className="muted">none</span>}</dd>
        <dt>Phone</dt>
        <dd className="tabular">{request.contactPhone}</dd>
        <dt>Source</dt>
        <dd>{request.source === 'paper' ? 'Paper form (typed in)' : 'Resident portal'}</dd>
        <dt>Filed</dt>
        <dd className="tabular">{dateTime(request.createdAt)}</dd>
        {request.decidedAt && (
          <>
            <dt>Decided</dt>
            <dd className="tabular">{dateTime(request.decidedAt)}</dd>
          </>
        )}
        {request.returnReason && (
          <>
            <dt>Returned because</dt>
            <dd>{request.returnReason}</dd>
          </>
        )}
      </dl>
      {request.status === 'filed' && (
        <div className="decisions">
          <ReturnForm request={request} onChanged={onChanged} />
          <EnterForm request={request} onChanged={onChanged} />
        </div>
      )}
    </section>
  )
}

function ReturnForm({
  request,
  onChanged,
}: {
  request: DisabilityRequest
  onChanged: (request: DisabilityRequest) => Promise<void>
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      requireReason(reason, 'reason', 'Give the reason: the resident reads it.')
      const body = checkInput(ReturnDisabilityRequestBody, { reason })
      setBusy(true)
      const answer = await api.post<DisabilityRequest>(
        `/api/disability-requests/${request.id}/return`,
        body,
      )
      await onChanged(answer)
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="decision" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Return as incomplete</h3>
      <label>
        Reason for returning (the resident sees it)
        <textarea
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={invalid(error, 'reason')}
        />
      </label>
      <FieldError error={error} field="reason" />
      <FormError error={error} fields={['reason']} />
      <button type="submit" disabled={busy}>
        Return
      </button>
    </form>
  )
}

function EnterForm({
  request,
  onChanged,
}: {
  request: DisabilityRequest
  onChanged: (request: DisabilityRequest) => Promise<void>
}) {
  const [overrideReason, setOverrideReason] = useState('')
  // Shown only once the server has said the address does not verify.
  const [needsOverride, setNeedsOverride] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      if (needsOverride) {
        requireReason(
          overrideReason,
          'overrideReason',
          'Give the reason to enter an address that does not verify.',
        )
      }
      const body = checkInput(EnterDisabilityRequestBody, needsOverride ? { overrideReason } : {})
      setBusy(true)
      const answer = await api.post<DisabilityRequest>(
        `/api/disability-requests/${request.id}/enter`,
        body,
      )
      await onChanged(answer)
    } catch (failure) {
      const problem = asApiError(failure)
      if (problem.field === 'overrideReason') setNeedsOverride(true)
      setError(problem)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="decision" onSubmit={(event) => void submit(event)} noValidate>
      <h3>Enter in the registry</h3>
      <p className="muted small">
        The indicator is created at the verified address, unit as filed.
      </p>
      {needsOverride && (
        <label>
          Override reason (the address does not verify)
          <textarea
            // Shown when the server refused the address: the reason is what comes next.
            autoFocus
            rows={2}
            value={overrideReason}
            onChange={(event) => setOverrideReason(event.target.value)}
            aria-invalid={invalid(error, 'overrideReason')}
          />
        </label>
      )}
      <FieldError error={error} field="overrideReason" />
      <FormError error={error} fields={['overrideReason']} />
      <button type="submit" className="primary" disabled={busy}>
        {needsOverride ? 'Enter anyway' : 'Enter'}
      </button>
    </form>
  )
}
