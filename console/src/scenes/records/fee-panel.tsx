import { CheckPaymentBody, HoursBody, type RecordsRequest } from '@common/api/records-requests.ts'
import { useState, type FormEvent } from 'react'
import { api, ApiError, serverNow } from '../../api/http.ts'
import { dateOnly, dateTime } from '../../ui/date-time.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import type { OnChanged } from './request-detail.tsx'
import { asApiError, centsFrom, money } from './records-text.ts'

const WAIVER_WORDS = {
  investigator: 'waived: investigators are not charged',
  deadline_missed: 'waived: the response deadline was missed (M.G.L. c.66 §10)',
} as const

/** What the request costs, what came in, and the check the clerk has in hand. */
export function FeePanel({
  request,
  onChanged,
}: {
  request: RecordsRequest
  onChanged: OnChanged
}) {
  const { fee, payments } = request
  const closed = request.status === 'released' || request.status === 'refused'
  return (
    <section className="step" aria-labelledby="fee-title">
      <h3 id="fee-title">Fee</h3>
      <dl className="facts">
        <dt>Fee</dt>
        <dd data-testid="fee-line">
          {money(fee.amountCents)}
          {fee.model === 'hourly' && (
            <span className="muted">
              {' '}
              (hourly{fee.hours === null ? ': hours not entered' : `, ${fee.hours} h`})
            </span>
          )}
          {fee.waived && <strong> — {WAIVER_WORDS[fee.waived]}</strong>}
        </dd>
        <dt>Paid</dt>
        <dd>{money(fee.paidCents)}</dd>
        <dt>Due</dt>
        <dd>
          <strong>{money(fee.dueCents)}</strong>
        </dd>
      </dl>
      {payments.length > 0 && (
        <table aria-label="Payments">
          <thead>
            <tr>
              <th>Check</th>
              <th>Amount</th>
              <th>Received</th>
              <th>Payer</th>
              <th>Recorded</th>
            </tr>
          </thead>
          <tbody>
            {payments.map((payment) => (
              <tr key={payment.id}>
                <td className="tabular">{payment.checkNumber}</td>
                <td className="tabular">{money(payment.amountCents)}</td>
                <td className="tabular">{payment.receivedOn}</td>
                <td>{payment.payer}</td>
                <td className="tabular">
                  {dateTime(payment.recordedAt)} <span className="muted">{payment.recordedBy}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!closed && fee.model === 'hourly' && <HoursForm request={request} onChanged={onChanged} />}
      {!closed && fee.dueCents > 0 && <CheckForm request={request} onChanged={onChanged} />}
    </section>
  )
}

function CheckForm({ request, onChanged }: { request: RecordsRequest; onChanged: OnChanged }) {
  const [checkNumber, setCheckNumber] = useState('')
  const [amount, setAmount] = useState((request.fee.dueCents / 100).toFixed(2))
  const [receivedOn, setReceivedOn] = useState(() => dateOnly(new Date(serverNow()).toISOString()))
  const [payer, setPayer] = useState(request.requester.name)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      const amountCents = centsFrom(amount)
      if (Number.isNaN(amountCents)) {
        throw new ApiError(400, 'invalid_input', 'The amount in dollars, e.g. 30.00', 'amountCents')
      }
      const body = checkInput(CheckPaymentBody, { checkNumber, amountCents, receivedOn, payer })
      setBusy(true)
      await onChanged(
        await api.post<RecordsRequest>(`/api/records-requests/${request.id}/payments`, body),
      )
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="decision inline-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Record a check"
    >
      <h4>Record a check</h4>
      <label>
        Check number
        <input
          value={checkNumber}
          className="short"
          onChange={(event) => setCheckNumber(event.target.value)}
          aria-invalid={invalid(error, 'checkNumber')}
        />
      </label>
      <label>
        Amount ($)
        <input
          value={amount}
          inputMode="decimal"
          className="short"
          onChange={(event) => setAmount(event.target.value)}
          aria-invalid={invalid(error, 'amountCents')}
        />
      </label>
      <label>
        Received on
        <input
          type="date"
          value={receivedOn}
          onChange={(event) => setReceivedOn(event.target.value)}
          aria-invalid={invalid(error, 'receivedOn')}
        />
      </label>
      <label>
        Payer (as on the check)
        <input
          value={payer}
          onChange={(event) => setPayer(event.target.value)}
          aria-invalid={invalid(error, 'payer')}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Record the check
      </button>
      <FieldError error={error} field="checkNumber" />
      <FieldError error={error} field="amountCents" />
      <FieldError error={error} field="receivedOn" />
      <FieldError error={error} field="payer" />
      <FormError error={error} fields={['checkNumber', 'amountCents', 'receivedOn', 'payer']} />
    </form>
  )
}

function HoursForm({ request, onChanged }: { request: RecordsRequest; onChanged: OnChanged }) {
  const [hours, setHours] = useState(request.fee.hours === null ? '' : String(request.fee.hours))
  const [error, setError] = useState<ApiError | null>(null)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      const body = checkInput(HoursBody, {
        hours: hours.trim() === '' ? Number.NaN : Number(hours),
      })
      await onChanged(
        await api.put<RecordsRequest>(`/api/records-requests/${request.id}/hours`, body),
      )
    } catch (failure) {
      setError(asApiError(failure))
    }
  }
  return (
    <form className="decision inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <label>
        Hours spent finding and redacting
        <input
          value={hours}
          inputMode="decimal"
          className="short"
          onChange={(event) => setHours(event.target.value)}
          aria-invalid={invalid(error, 'hours')}
        />
      </label>
      <button type="submit">Set the hours</button>
      <FieldError error={error} field="hours" />
      <FormError error={error} fields={['hours']} />
    </form>
  )
}
