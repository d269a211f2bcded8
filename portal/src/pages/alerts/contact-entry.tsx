import { ConfirmAlertContactBody, type AlertContactView } from '@common/api/alert-subscribers.ts'
import { ALERT_CHANNEL_LABELS } from '@common/api/alerts.ts'
import { api } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import { checkForm, ErrorSummary, TextField } from '../../ui/form-kit.tsx'
import { localTime } from '../../ui/page.tsx'
import { useCodeAction } from '../../ui/use-code-action.ts'
import { phoneText } from '../../ui/phone-text.ts'

/** "Text message (508) 555-0123": how a contact is named on the page. */
export function contactName(contact: AlertContactView): string {
  const where = contact.channel === 'email' ? contact.address : phoneText(contact.address)
  return `${ALERT_CHANNEL_LABELS[contact.channel]} ${where}`
}

function StateTag({ contact }: { contact: AlertContactView }) {
  if (contact.stopped) {
    return (
      <span className="status-tag" style={{ color: 'var(--error)' }}>
        Stopped: you replied STOP
      </span>
    )
  }
  if (contact.confirmed) {
    return (
      <span className="status-tag" style={{ color: 'var(--ok)' }}>
        Confirmed
      </span>
    )
  }
  return (
    <span className="status-tag" style={{ color: 'var(--notice-line)' }}>
      {contact.awaitingLink ? 'Check your inbox' : 'Not confirmed'}
    </span>
  )
}

/** One contact in the order of preference: move, confirm, send again, remove. */
export function ContactEntry({
  contact,
  first,
  last,
  busy,
  onMove,
  onChanged,
}: {
  contact: AlertContactView
  first: boolean
  last: boolean
  busy: boolean
  onMove: (by: -1 | 1) => void
  onChanged: (message: string) => void
}) {
  const [code, setCode] = useState('')
  const name = contactName(contact)
  const codeField = `code-${contact.id}`
  // A wrong code changed the tries left: the list is read again.
  const { problems, setProblems, working, act } = useCodeAction(codeField, () => onChanged(''))
  const disabled = busy || working

  async function confirm(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(ConfirmAlertContactBody, { code })
    if (checked.problems) {
      return setProblems({ fields: { [codeField]: 'Enter the 6-digit code' }, form: null })
    }
    await act(async () => {
      await api.post(`/api/portal/alerts/contacts/${contact.id}/confirm`, checked.data)
      setCode('')
      onChanged(`${name} is confirmed.`)
    })
  }

  const resend = () =>
    act(async () => {
      await api.post(`/api/portal/alerts/contacts/${contact.id}/resend`)
      onChanged(
        contact.channel === 'email'
          ? `A new link was sent to ${contact.address}. The old link no longer works.`
          : `A new code was sent to ${name}. The old code no longer works.`,
      )
    })

  const remove = () =>
    act(async () => {
      if (!window.confirm(`Remove ${name}? It will get no more alerts.`)) return
      await api.delete(`/api/portal/alerts/contacts/${contact.id}`)
      onChanged(`${name} was removed.`)
    })

  return (
    <li className="alert-contact" data-testid="alert-contact">
      <div className="alert-contact-head">
        <h3 id={`contact-${contact.id}`}>{name}</h3>
        <StateTag contact={contact} />
      </div>
      <ErrorSummary problems={problems} labels={() => '6-digit code'} />
      {!contact.confirmed && contact.channel !== 'email' && (
        <div className="prove-step">
          <p data-testid="code-state">
            {contact.codeExpiresAt && contact.triesLeft !== null && contact.triesLeft > 0
              ? `Enter the code we sent. It works until ${localTime(contact.codeExpiresAt)}; tries left: ${contact.triesLeft}.`
              : 'No code is waiting: send a new one.'}
          </p>
          <form onSubmit={(event) => void confirm(event)} noValidate aria-label={`Confirm ${name}`}>
            <TextField
              field={codeField}
              label="6-digit code"
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              className="short"
              problems={problems}
            />
            <button type="submit" disabled={disabled}>
              Confirm
            </button>
            <button
              type="button"
              className="secondary"
              disabled={disabled}
              onClick={() => void resend()}
            >
              Send a new code
            </button>
          </form>
        </div>
      )}
      {!contact.confirmed && contact.channel === 'email' && (
        <div className="prove-step">
          <p data-testid="email-state">
            We sent a link to {contact.address}. Check your inbox (and your junk mail) and open the
            link to confirm this address.
          </p>
          <button
            type="button"
            className="secondary"
            disabled={disabled}
            onClick={() => void resend()}
          >
            Send the e-mail again
          </button>
        </div>
      )}
      {contact.stopped && (
        <p>Text this number’s alerts back on by replying START to the alerts number.</p>
      )}
      <div className="alert-contact-actions">
        {!(first && last) && (
          <>
            <button
              type="button"
              id={`move-up-${contact.id}`}
              className="secondary"
              disabled={disabled || first}
              onClick={() => onMove(-1)}
            >
              Move up<span className="visually-hidden"> {name}</span>
            </button>
            <button
              type="button"
              id={`move-down-${contact.id}`}
              className="secondary"
              disabled={disabled || last}
              onClick={() => onMove(1)}
            >
              Move down<span className="visually-hidden"> {name}</span>
            </button>
          </>
        )}
        <button type="button" className="warning" disabled={disabled} onClick={() => void remove()}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
    </li>
  )
}
