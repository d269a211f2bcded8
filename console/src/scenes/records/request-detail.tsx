import {
  REQUEST_STATUS_LABELS,
  type EligibilityState,
  type RecordsRequest,
} from '@common/api/records-requests.ts'
import { useEffect, useRef } from 'react'
import { dateTime } from '../../ui/date-time.ts'
import { CallRecordings } from './call-recordings.tsx'
import { CandidateCalls } from './candidate-calls.tsx'
import { EligibilityActions } from './eligibility-actions.tsx'
import { FeePanel } from './fee-panel.tsx'
import {
  deadlineClass,
  deadlineWords,
  LETTER_WORDS,
  METHOD_WORDS,
  TYPE_WORDS,
} from './records-text.ts'

const ELIGIBILITY_WORDS: Record<EligibilityState, string> = {
  pending: 'Not decided yet',
  eligible: 'Eligible',
  refused: 'Refused',
}

export type OnChanged = (request: RecordsRequest) => Promise<void>

/** One request: who asks, for which call, and each step to its release or refusal. */
export function RequestDetail({
  request,
  onChanged,
  onClose,
}: {
  request: RecordsRequest
  onChanged: OnChanged
  onClose: () => void
}) {
  const panel = useRef<HTMLElement>(null)
  useEffect(() => panel.current?.focus(), [])
  const { description, requester, investigator, deadlines } = request
  const closed = request.status === 'released' || request.status === 'refused'
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="panel request-detail"
      aria-labelledby="records-detail-title"
    >
      <div className="panel-head">
        <h2 id="records-detail-title">
          Request <span className="tabular">{request.number}</span>
        </h2>
        <span className={`request-status records-${request.status}`}>
          {REQUEST_STATUS_LABELS[request.status]}
        </span>
        <span className={deadlineClass(request)}>{deadlineWords(request)}</span>
        <button type="button" onClick={onClose} aria-label="Close the request">
          Close
        </button>
      </div>
      <div className="detail-grid">
        <dl className="facts">
          <dt>Requester</dt>
          <dd>
            {requester.name}{' '}
            <span className="muted">
              ({TYPE_WORDS[request.requesterType]},{' '}
              {request.source === 'paper' ? 'paper request' : 'portal'})
            </span>
          </dd>
          {requester.email && (
            <>
              <dt>E-mail</dt>
              <dd>{requester.email}</dd>
            </>
          )}
          {requester.phone && (
            <>
              <dt>Phone</dt>
              <dd className="tabular">{requester.phone}</dd>
            </>
          )}
          {requester.mailingAddress && (
            <>
              <dt>Mailing address</dt>
              <dd>{requester.mailingAddress}</dd>
            </>
          )}
          {investigator && (
            <>
              <dt>Agency</dt>
              <dd>{investigator.agency}</dd>
              <dt>Case / badge</dt>
              <dd>
                {investigator.caseNumber} / {investigator.badge}
              </dd>
              <dt>Official contact</dt>
              <dd>
                {investigator.officialEmail},{' '}
                <span className="tabular">{investigator.officialPhone}</span>
              </dd>
            </>
          )}
          <dt>Received</dt>
          <dd className="tabular">{dateTime(deadlines.receivedAt)}</dd>
          <dt>Respond by</dt>
          <dd className="tabular">
            {dateTime(deadlines.responseDueAt)}
            {deadlines.respondedAt && (
              <span className="muted"> (answered {dateTime(deadlines.respondedAt)})</span>
            )}
          </dd>
          <dt>Deliver by</dt>
          <dd className="tabular">{dateTime(deadlines.deliveryDueAt)}</dd>
          <dt>Eligibility</dt>
          <dd>
            {ELIGIBILITY_WORDS[request.eligibility]}
            {request.eligibilityMethod && `: ${METHOD_WORDS[request.eligibilityMethod]}`}
            {request.numberProvenAt && (
              <span className="muted"> (number proven {dateTime(request.numberProvenAt)})</span>
            )}
            {request.eligibilityNote && <div className="note">{request.eligibilityNote}</div>}
          </dd>
          {request.refusalReason && (
            <>
              <dt>Refused because</dt>
              <dd className="note">{request.refusalReason}</dd>
            </>
          )}
        </dl>
        <dl className="facts call-description" aria-label="The call as described">
          <dt>Call on</dt>
          <dd className="tabular">
            {description.callDate}, {description.timeFrom}–{description.timeTo}
          </dd>
          <dt>From number</dt>
          <dd className="tabular">{description.callingNumber}</dd>
          <dt>Where</dt>
          <dd>{description.location}</dd>
          <dt>What happened</dt>
          <dd className="note">{description.whatHappened}</dd>
        </dl>
      </div>
      {request.letters.length > 0 && (
        <p className="letters">
          Letters:{' '}
          {request.letters.map((letter) => (
            <a
              key={letter}
              href={`/api/records-requests/${request.id}/letters/${letter}`}
              target="_blank"
              rel="noreferrer"
            >
              {LETTER_WORDS[letter]} (PDF)
            </a>
          ))}
        </p>
      )}
      {!closed && request.eligibility === 'pending' && (
        <EligibilityActions request={request} onChanged={onChanged} />
      )}
      <CandidateCalls request={request} onChanged={onChanged} />
      {request.requesterType !== 'other' && <FeePanel request={request} onChanged={onChanged} />}
      {request.call && <CallRecordings request={request} onChanged={onChanged} />}
    </section>
  )
}
