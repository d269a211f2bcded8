import {
  ID_DOCUMENTS,
  IdCheckBody,
  InvestigatorConfirmationBody,
  RefusalBody,
  type RecordsRequest,
} from '@common/api/records-requests.ts'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { z } from 'zod'
import { api, ApiError } from '../../api/http.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import type { OnChanged } from './request-detail.tsx'
import { asApiError, requireText } from './records-text.ts'

const DOCUMENT_WORDS: Record<(typeof ID_DOCUMENTS)[number], string> = {
  drivers_license: 'Driver’s license',
  state_id: 'State ID card',
  passport: 'Passport',
  other: 'Other document',
}

/**
 * Who may have the recording: the caller (proved by a code in the portal, or by an identity
 * document seen at the counter), an investigator confirmed with the agency; anyone else is
 * refused with the statute's words.
 */
export function EligibilityActions({
  request,
  onChanged,
}: {
  request: RecordsRequest
  onChanged: OnChanged
}) {
  return (
    <section className="step" aria-labelledby="eligibility-title">
      <h3 id="eligibility-title">Eligibility</h3>
      <div className="decisions">
        {request.requesterType === 'investigator' ? (
          <InvestigatorForm request={request} onChanged={onChanged} />
        ) : (
          <IdCheckForm request={request} onChanged={onChanged} />
        )}
        <RefuseForm request={request} onChanged={onChanged} />
      </div>
    </section>
  )
}

/** Posts one decision and hands the server's answer up; errors stay beside the fields. */
function useDecision(request: RecordsRequest, onChanged: OnChanged) {
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async <S extends z.ZodType>(
    event: FormEvent,
    path: string,
    schema: S,
    value: unknown,
    before?: () => void,
  ) => {
    event.preventDefault()
    setError(null)
    try {
      before?.()
      const body = checkInput(schema, value)
      setBusy(true)
      await onChanged(
        await api.post<RecordsRequest>(`/api/records-requests/${request.id}/${path}`, body),
      )
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }
  return { error, busy, send }
}

function Decision({
  title,
  onSubmit,
  children,
}: {
  title: string
  onSubmit: (event: FormEvent) => void
  children: ReactNode
}) {
  return (
    <form className="decision" onSubmit={onSubmit} noValidate aria-label={title}>
      <h4>{title}</h4>
      {children}
    </form>
  )
}

function IdCheckForm({ request, onChanged }: { request: RecordsRequest; onChanged: OnChanged }) {
  const [document, setDocument] = useState<(typeof ID_DOCUMENTS)[number]>('drivers_license')
  const [last4, setLast4] = useState('')
  const [note, setNote] = useState('')
  const { error, busy, send } = useDecision(request, onChanged)
  return (
    <Decision
      title="Caller’s identity checked"
      onSubmit={(event) =>
        void send(event, 'id-check', IdCheckBody, {
          document,
          documentLast4: last4.trim() === '' ? undefined : last4,
          note,
        })
      }
    >
      <p className="muted small">
        The caller showed an identity document and is the person who made the call. Only its last 4
        characters are kept.
      </p>
      <label>
        Document
        <select
          value={document}
          onChange={(event) => setDocument(event.target.value as typeof document)}
        >
          {ID_DOCUMENTS.map((each) => (
            <option key={each} value={each}>
              {DOCUMENT_WORDS[each]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Last 4 characters of its number
        <input
          value={last4}
          maxLength={4}
          className="short"
          onChange={(event) => setLast4(event.target.value)}
          aria-invalid={invalid(error, 'documentLast4')}
        />
      </label>
      <FieldError error={error} field="documentLast4" />
      <label>
        Note (optional)
        <input value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <FieldError error={error} field="note" />
      <FormError error={error} fields={['documentLast4', 'note', 'document']} />
      <button type="submit" className="primary" disabled={busy}>
        Caller is eligible
      </button>
    </Decision>
  )
}

function InvestigatorForm({
  request,
  onChanged,
}: {
  request: RecordsRequest
  onChanged: OnChanged
}) {
  const [contactedVia, setContactedVia] = useState('')
  const [note, setNote] = useState('')
  const { error, busy, send } = useDecision(request, onChanged)
  return (
    <Decision
      title="Investigator confirmed"
      onSubmit={(event) =>
        void send(
          event,
          'investigator-confirmation',
          InvestigatorConfirmationBody,
          { contactedVia, note },
          () => requireText(contactedVia, 'contactedVia', 'Say how the agency was reached.'),
        )
      }
    >
      <p className="muted small">
        Reach the agency at a number or address you looked up yourself, not the one on the request.
      </p>
      <label>
        How the agency was reached
        <input
          value={contactedVia}
          placeholder="called the detective bureau at its listed number"
          onChange={(event) => setContactedVia(event.target.value)}
          aria-invalid={invalid(error, 'contactedVia')}
        />
      </label>
      <FieldError error={error} field="contactedVia" />
      <label>
        Note (optional)
        <input value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <FormError error={error} fields={['contactedVia', 'note']} />
      <button type="submit" className="primary" disabled={busy}>
        Investigator is eligible
      </button>
    </Decision>
  )
}

function RefuseForm({ request, onChanged }: { request: RecordsRequest; onChanged: OnChanged }) {
  const [reason, setReason] = useState('')
  const { error, busy, send } = useDecision(request, onChanged)
  return (
    <Decision
      title="Refuse"
      onSubmit={(event) =>
        void send(event, 'refusal', RefusalBody, { reason }, () =>
          requireText(reason, 'reason', 'Give the reason: it goes in the refusal letter.'),
        )
      }
    >
      <label>
        Reason (goes in the refusal letter)
        <textarea
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={invalid(error, 'reason')}
        />
      </label>
      <FieldError error={error} field="reason" />
      <FormError error={error} fields={['reason']} />
      <button type="submit" className="danger" disabled={busy}>
        Refuse the request
      </button>
    </Decision>
  )
}
