import { OUTBOX_STATUSES, type OutboxMessage } from '@common/api/residents.ts'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { query } from '../../api/http.ts'
import { dateTime } from '../../ui/date-time.ts'
import { FormError } from '../../ui/form.tsx'
import { clockTime } from '../../ui/time.ts'
import { useRead } from '../../ui/use-read.ts'
import './outbox.css'

type Status = (typeof OUTBOX_STATUSES)[number]
const LIMIT = 200
const CHANNEL_WORDS: Record<OutboxMessage['channel'], string> = {
  sms: 'Text',
  voice: 'Voice',
  email: 'E-mail',
}
const STATUS_WORDS: Record<Status, string> = {
  pending: 'Pending',
  sent: 'Sent',
  failed: 'Failed',
  held: 'Held',
}

/**
 * What the platform sent (or tries to send) to the public: texts, voice calls and e-mails, newest
 * first, with their delivery. Read on opening and on Refresh; the body is shown as it was sent.
 */
export function OutboxScene() {
  const [recipient, setRecipient] = useState('')
  const [status, setStatus] = useState<Status | ''>('')
  const [applied, setApplied] = useState({ recipient: '', status: '' as Status | '' })
  const read = useRead<OutboxMessage[]>(
    `/api/outbox${query({
      recipient: applied.recipient.trim() || undefined,
      status: applied.status || undefined,
      limit: LIMIT,
    })}`,
  )
  const recipientField = useRef<HTMLInputElement>(null)
  const messages = read.data ?? []

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.key.toLowerCase() !== 'r') return
      event.preventDefault()
      recipientField.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  function refresh(event: FormEvent) {
    event.preventDefault()
    const next = { recipient, status }
    // The same filter again: read again (the URL does not change, so ask the hook).
    if (next.recipient === applied.recipient && next.status === applied.status) {
      void read.reload()
    } else {
      setApplied(next)
    }
  }

  return (
    <section className="scene outbox-scene" aria-label="Outbox">
      <section className="panel" aria-labelledby="outbox-title">
        <form className="outbox-head" onSubmit={refresh} role="search">
          <h2 id="outbox-title">
            Outbox{' '}
            <span className="muted">
              ({messages.length}
              {messages.length === LIMIT ? ', the newest only' : ''})
            </span>
          </h2>
          <label>
            <span>
              Recipient <kbd>Alt+R</kbd>
            </span>
            <input
              ref={recipientField}
              value={recipient}
              placeholder="+15085550199 or e-mail"
              onChange={(event) => setRecipient(event.target.value)}
            />
          </label>
          <label>
            Status
            <select value={status} onChange={(event) => setStatus(event.target.value as Status)}>
              <option value="">Any</option>
              {OUTBOX_STATUSES.map((each) => (
                <option key={each} value={each}>
                  {STATUS_WORDS[each]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            Refresh
          </button>
          <span className="muted" aria-live="polite">
            {read.busy ? 'Reading…' : read.readAt ? `Read at ${clockTime(read.readAt)}` : ''}
          </span>
        </form>
        <FormError error={read.error} />
        {messages.length === 0 ? (
          <p className="muted">{read.busy ? 'Reading…' : 'No message.'}</p>
        ) : (
          <table aria-label="Outbox messages">
            <thead>
              <tr>
                <th>Created</th>
                <th>Channel</th>
                <th>Recipient</th>
                <th>Purpose</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Sent</th>
                <th>Last error</th>
                <th>Body</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td className="tabular">{dateTime(message.createdAt)}</td>
                  <td>{CHANNEL_WORDS[message.channel]}</td>
                  <td className="tabular">{message.recipient}</td>
                  <td>{message.purpose.replaceAll('_', ' ')}</td>
                  <td>
                    <span className={`outbox-status outbox-${message.status}`}>
                      {STATUS_WORDS[message.status]}
                    </span>
                  </td>
                  <td className="tabular">{message.attempts}</td>
                  <td className="tabular">{dateTime(message.sentAt) || 'not yet'}</td>
                  <td className="wrap error-text">{message.lastError ?? ''}</td>
                  <td className="wrap body">{message.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  )
}
