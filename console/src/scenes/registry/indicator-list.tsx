import {
  DeactivateDisabilityIndicatorBody,
  type DisabilityIndicator,
} from '@common/api/disability-registry.ts'
import { Fragment, useState, type FormEvent } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { dateOnly } from '../../ui/date-time.ts'
import type { Read } from '../../ui/use-read.ts'
import { ReadState } from './read-state.tsx'
import { requireReason } from './reason.ts'
import { kindsText } from './registry-text.ts'

const REVERIFICATION_URL = '/api/disability-indicators/reverification'

function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError
    ? failure
    : new ApiError(0, 'unexpected', (failure as Error).message, null)
}

/**
 * The town's registry: the entries call takers are shown, flagged when the yearly re-verification
 * is due (never removed for it), and the inactive ones on demand, kept with their reason.
 */
export function IndicatorList({
  read,
  includeInactive,
  onIncludeInactive,
  onChanged,
}: {
  read: Read<DisabilityIndicator[]>
  includeInactive: boolean
  onIncludeInactive: (include: boolean) => void
  onChanged: () => Promise<void>
}) {
  const [deactivating, setDeactivating] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const indicators = read.data ?? []
  const due = indicators.filter((each) => each.active && each.reverificationDue).length

  async function reverify(indicator: DisabilityIndicator) {
    setError(null)
    try {
      await api.post(`/api/disability-indicators/${indicator.id}/reverify`)
      await onChanged()
    } catch (failure) {
      setError(asApiError(failure))
    }
  }

  return (
    <section className="panel" aria-labelledby="indicators-title">
      <div className="panel-head">
        <h2 id="indicators-title">
          Indicators <span className="muted">({indicators.length})</span>
          {due > 0 && <span className="age-warn"> · {due} re-verification due</span>}
        </h2>
        <label className="inline">
          <input
            type="checkbox"
            checked={includeInactive}
            onChange={(event) => onIncludeInactive(event.target.checked)}
          />
          Show inactive
        </label>
        <ReadState read={read} what="indicators" />
      </div>
      <p className="downloads">
        Re-verification list:{' '}
        <a href={`${REVERIFICATION_URL}?format=csv`} download>
          CSV
        </a>{' '}
        ·{' '}
        <a href={`${REVERIFICATION_URL}?format=pdf`} download>
          PDF
        </a>
      </p>
      <FormError error={read.error} />
      <FormError error={error} />
      {indicators.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : 'No indicator in the registry.'}</p>
      ) : (
        <table aria-label="Indicators">
          <thead>
            <tr>
              <th>Person</th>
              <th>Address</th>
              <th>Kinds</th>
              <th>Phone</th>
              <th>Verified</th>
              <th>State</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <Fragment key={indicator.id}>
                <tr className={indicator.active ? undefined : 'inactive'}>
                  <td>
                    <strong>{indicator.personName}</strong>
                  </td>
                  <td className="wrap">
                    {indicator.locationText}
                    {indicator.overrideReason && (
                      <span className="age-warn small" title={indicator.overrideReason}>
                        {' '}
                        (unverified address: {indicator.overrideReason})
                      </span>
                    )}
                  </td>
                  <td className="wrap">
                    {kindsText(indicator.kinds)}
                    {indicator.note && <div className="muted small">{indicator.note}</div>}
                  </td>
                  <td className="tabular">{indicator.contactPhone}</td>
                  <td className="tabular">{dateOnly(indicator.lastVerifiedAt)}</td>
                  <td className="wrap">
                    <IndicatorState indicator={indicator} />
                  </td>
                  <td>
                    {indicator.active && (
                      <span className="actions">
                        <button
                          type="button"
                          onClick={() => void reverify(indicator)}
                          aria-label={`Re-verify ${indicator.personName}`}
                        >
                          Re-verify
                        </button>
                        <button
                          type="button"
                          aria-expanded={deactivating === indicator.id}
                          onClick={() =>
                            setDeactivating(deactivating === indicator.id ? null : indicator.id)
                          }
                          aria-label={`Deactivate ${indicator.personName}`}
                        >
                          Deactivate…
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
                {deactivating === indicator.id && (
                  <tr>
                    <td colSpan={7}>
                      <DeactivateForm
                        indicator={indicator}
                        onCancel={() => setDeactivating(null)}
                        onDone={async () => {
                          setDeactivating(null)
                          await onChanged()
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function IndicatorState({ indicator }: { indicator: DisabilityIndicator }) {
  if (!indicator.active) {
    return (
      <span className="muted">
        Inactive since {dateOnly(indicator.deactivatedAt)}: {indicator.deactivatedReason}
      </span>
    )
  }
  if (indicator.reverificationDue) return <span className="age-warn">Re-verification due</span>
  return <span className="state-active">Active</span>
}

function DeactivateForm({
  indicator,
  onCancel,
  onDone,
}: {
  indicator: DisabilityIndicator
  onCancel: () => void
  onDone: () => Promise<void>
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      requireReason(reason, 'reason', 'Give the reason to deactivate it.')
      const body = checkInput(DeactivateDisabilityIndicatorBody, { reason })
      setBusy(true)
      await api.post(`/api/disability-indicators/${indicator.id}/deactivate`, body)
      await onDone()
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="deactivate" onSubmit={(event) => void submit(event)} noValidate>
      <label>
        Reason to deactivate {indicator.personName}
        <input
          // The form opens on request: the reason is what comes next.
          autoFocus
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onCancel()
          }}
          aria-invalid={invalid(error, 'reason')}
        />
      </label>
      <button type="submit" disabled={busy}>
        Deactivate
      </button>
      <button type="button" onClick={onCancel}>
        Cancel <kbd>Esc</kbd>
      </button>
      <FieldError error={error} field="reason" />
      <FormError error={error} fields={['reason']} />
    </form>
  )
}
