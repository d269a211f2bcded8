import {
  NumberProofBody,
  REQUEST_STATUS_LABELS,
  type Letter,
  type PortalRecordsRequest,
} from '@common/api/records-requests.ts'
import { api } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import { RECORDINGS } from '../../center.ts'
import { checkForm, ErrorSummary, TextField } from '../../ui/form-kit.tsx'
import { localTime } from '../../ui/page.tsx'
import { useCodeAction } from '../../ui/use-code-action.ts'
import { phoneText } from '../../ui/phone-text.ts'

const BASE = '/api/portal/records-requests'

const LETTER_TEXT: Record<Letter, string> = {
  refusal: 'Refusal letter (PDF)',
  receipt: 'Receipt for your payment (PDF)',
  release: 'Release letter (PDF)',
}

const STATUS_COLOUR: Record<PortalRecordsRequest['status'], string> = {
  received: 'var(--notice-line)',
  awaiting_payment: 'var(--notice-line)',
  ready_to_release: 'var(--ok)',
  released: 'var(--ok)',
  refused: 'var(--error)',
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function duration(ms: number | null): string {
  if (ms === null) return 'not known'
  const total = Math.round(ms / 1000)
  return `${Math.floor(total / 60)} min ${total % 60} s`
}

/** One request: its state in words, its dates and fee, and what the resident does next. */
export function RequestCard({
  request,
  onChanged,
}: {
  request: PortalRecordsRequest
  onChanged: (message: string) => Promise<void>
}) {
  const { description, deadlines, fee } = request
  const titleId = `request-${request.id}`
  return (
    <section className="records-request" aria-labelledby={titleId} data-testid="records-request">
      <h3 id={titleId}>
        Request {request.number}{' '}
        <span className="status-tag" style={{ color: STATUS_COLOUR[request.status] }}>
          {REQUEST_STATUS_LABELS[request.status]}
        </span>
      </h3>
      <dl className="facts">
        <dt>The call</dt>
        <dd>
          {description.callDate}, between {description.timeFrom} and {description.timeTo}, from{' '}
          {phoneText(description.callingNumber)}, {description.location}
        </dd>
        <dt>Received</dt>
        <dd>{localTime(deadlines.receivedAt)}</dd>
        <dt>We answer by</dt>
        <dd>
          {localTime(deadlines.responseDueAt)}
          {deadlines.respondedAt && <> (answered {localTime(deadlines.respondedAt)})</>}
        </dd>
        {request.releasedAt ? (
          <>
            <dt>Released</dt>
            <dd>{localTime(request.releasedAt)}</dd>
          </>
        ) : (
          request.status !== 'refused' && (
            <>
              <dt>Delivery by</dt>
              <dd>{localTime(deadlines.deliveryDueAt)}</dd>
            </>
          )
        )}
        {request.requesterType !== 'other' && (
          <>
            <dt>Fee</dt>
            <dd data-testid="fee">
              <FeeText fee={fee} />
            </dd>
          </>
        )}
      </dl>
      <NextStep request={request} onChanged={onChanged} />
      <Letters request={request} />
    </section>
  )
}

function FeeText({ fee }: { fee: PortalRecordsRequest['fee'] }) {
  if (fee.waived === 'investigator') return <>No fee: investigators are not charged.</>
  if (fee.waived === 'deadline_missed') {
    return <>No fee: we did not answer within the legal deadline.</>
  }
  return (
    <>
      {dollars(fee.amountCents)}; paid {dollars(fee.paidCents)}
      {fee.dueCents > 0 ? <>; still due {dollars(fee.dueCents)}</> : <> (nothing due)</>}
    </>
  )
}

function NextStep({
  request,
  onChanged,
}: {
  request: PortalRecordsRequest
  onChanged: (message: string) => Promise<void>
}) {
  if (request.status === 'refused') {
    return (
      <div className="notice" data-testid="refused">
        <p>
          <strong>Your request was refused.</strong>
        </p>
        <p>{request.refusalReason}</p>
        <p>
          You may appeal to the Supervisor of Records within 90 days: the refusal letter says how.
        </p>
      </div>
    )
  }
  if (request.status === 'released') return <ReleasedFiles request={request} />
  const steps: React.JSX.Element[] = []
  const proving =
    request.requesterType === 'caller' &&
    request.eligibility === 'pending' &&
    request.numberProvenAt === null
  if (proving) {
    steps.push(<ProveNumber key="prove" request={request} onChanged={onChanged} />)
  } else if (request.eligibility === 'pending') {
    steps.push(
      <p key="pending">
        {request.requesterType === 'investigator'
          ? 'We are confirming your request with your agency.'
          : 'Your number is proven. We are checking it against the record of the call.'}
      </p>,
    )
  }
  if (request.status === 'awaiting_payment') {
    steps.push(
      <div key="pay" className="pay-step" data-testid="pay-step">
        <h4>Mail a check</h4>
        <p>
          Mail a check for <strong>{dollars(request.fee.dueCents)}</strong> payable to the{' '}
          <strong>{RECORDINGS.payee}</strong>, with the request number{' '}
          <strong>{request.number}</strong> written on it, to {RECORDINGS.mailTo}.
        </p>
      </div>,
    )
  }
  if (request.status === 'ready_to_release') {
    steps.push(
      <p key="ready">
        Everything is in order. We are preparing your recording; you will be able to download it
        from this page.
      </p>,
    )
  } else if (request.eligibility === 'eligible' && !request.callFound) {
    steps.push(<p key="finding">We are finding your call in our records.</p>)
  }
  if (steps.length === 0) steps.push(<p key="received">We are reviewing your request.</p>)
  return (
    <div className="next-step">
      <h4 className="visually-hidden">What happens next</h4>
      {steps}
    </div>
  )
}

function ProveNumber({
  request,
  onChanged,
}: {
  request: PortalRecordsRequest
  onChanged: (message: string) => Promise<void>
}) {
  const [code, setCode] = useState('')
  const [sent, setSent] = useState(false)
  const number = phoneText(request.description.callingNumber)
  const codeField = `code-${request.id}`
  const { problems, setProblems, working: busy, act } = useCodeAction(codeField)

  const send = () =>
    act(async () => {
      await api.post(`${BASE}/${request.id}/number-code`, {})
      setSent(true)
      await onChanged(`A code was sent by text message to ${number}. Enter it to prove the call.`)
    })

  async function prove(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(NumberProofBody, { code })
    if (checked.problems) {
      return setProblems({
        fields: { [codeField]: checked.problems.fields.code ?? 'Enter the 6-digit code' },
        form: null,
      })
    }
    await act(async () => {
      await api.post(`${BASE}/${request.id}/number-proof`, checked.data)
      setCode('')
      await onChanged(`${number} is proven for request ${request.number}.`)
    })
  }

  return (
    <div className="prove-step" data-testid="prove-step">
      <h4>Prove you made the call</h4>
      <p>
        We send a 6-digit code by text message to {number}, the number you called from. Enter it
        here. If you no longer have that phone, bring an identity document to the center instead.
      </p>
      <ErrorSummary problems={problems} labels={() => '6-digit code'} />
      <button type="button" className="secondary" disabled={busy} onClick={() => void send()}>
        {sent ? 'Send a new code' : `Send a code to ${number}`}
      </button>
      <form
        onSubmit={(event) => void prove(event)}
        noValidate
        aria-label={`Prove the number for ${request.number}`}
      >
        <TextField
          field={codeField}
          label="6-digit code"
          hint="From the text message."
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          className="short"
          problems={problems}
        />
        <button type="submit" disabled={busy}>
          Prove the number
        </button>
      </form>
    </div>
  )
}

function ReleasedFiles({ request }: { request: PortalRecordsRequest }) {
  return (
    <div className="released" data-testid="released">
      <p>
        <strong>Your recording is ready.</strong> Download it before the link expires. The SHA-256
        fingerprint lets you check that the file you have is the one we released.
      </p>
      {request.files.map((file) => (
        <div className="released-file" key={file.recordingId} data-testid="released-file">
          <p className="file-name">
            {file.fileName}
            {file.redacted && ' (parts silenced to protect others’ information)'}
          </p>
          <dl className="facts">
            <dt>Size</dt>
            <dd>{size(file.byteSize)}</dd>
            <dt>Length</dt>
            <dd>{duration(file.durationMs)}</dd>
            <dt>SHA-256</dt>
            <dd className="hash" data-testid="sha256">
              {file.sha256}
            </dd>
            <dt>Available until</dt>
            <dd>{localTime(file.expiresAt)}</dd>
          </dl>
          <a
            className="button"
            href={`${BASE}/${request.id}/files/${file.recordingId}`}
            download={file.fileName}
          >
            Download {file.fileName}
          </a>
        </div>
      ))}
    </div>
  )
}

function Letters({ request }: { request: PortalRecordsRequest }) {
  if (request.letters.length === 0) return null
  return (
    <ul className="letters" aria-label={`Letters for ${request.number}`}>
      {request.letters.map((letter) => (
        <li key={letter}>
          <a href={`${BASE}/${request.id}/letters/${letter}`} target="_blank" rel="noreferrer">
            {LETTER_TEXT[letter]}
          </a>
        </li>
      ))}
    </ul>
  )
}
