import {
  AlertContactBody,
  MAX_ALERT_CONTACTS,
  type AlertContactView,
} from '@common/api/alert-subscribers.ts'
import { ALERT_CHANNEL_LABELS, type AlertChannel } from '@common/api/alerts.ts'
import { api } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import {
  checkForm,
  ErrorSummary,
  NO_PROBLEMS,
  problemsFromFailure,
  TextField,
  type Problems,
} from '../../ui/form-kit.tsx'
import { ContactEntry, contactName } from './contact-entry.tsx'

const CHANNEL_HINTS: Record<AlertChannel, string> = {
  sms: 'A text message to a mobile phone. We send a code to confirm it.',
  voice: 'A recorded voice call to any phone. We call with a code to confirm it.',
  email: 'An e-mail. We send a link to confirm it.',
  tty: 'A call to a TTY line for people who are deaf or hard of hearing. We call with a code.',
}
const CHANNELS: AlertChannel[] = ['sms', 'voice', 'email', 'tty']

/** The ways to reach the resident, tried in the order shown. */
export function AlertContacts({
  contacts,
  onChanged,
}: {
  contacts: AlertContactView[]
  onChanged: (message: string) => void
}) {
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)

  async function move(index: number, by: -1 | 1) {
    const ids = contacts.map((c) => c.id)
    const [moved] = ids.splice(index, 1)
    ids.splice(index + by, 0, moved!)
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      await api.put('/api/portal/alerts/contacts/order', { ids })
      onChanged(
        `${contactName(contacts[index]!)} is now number ${index + by + 1} in your order of preference.`,
      )
      // The same button of the moved contact keeps the focus, where it still can be pressed.
      requestAnimationFrame(() => {
        const again = document.getElementById(`move-${by < 0 ? 'up' : 'down'}-${moved}`)
        const other = document.getElementById(`move-${by < 0 ? 'down' : 'up'}-${moved}`)
        ;(again && !(again as HTMLButtonElement).disabled ? again : other)?.focus()
      })
    } catch (failure) {
      setProblems(problemsFromFailure(failure, () => false))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="alert-contacts-title">
      <h2 id="alert-contacts-title">How to reach you</h2>
      <p>In an emergency we try your contacts in this order. Only confirmed contacts get alerts.</p>
      <ErrorSummary problems={problems} labels={(field) => field} />
      {contacts.length === 0 ? (
        <p data-testid="no-contacts">You have not added a phone number or e-mail address yet.</p>
      ) : (
        <ol className="alert-contacts" data-testid="alert-contacts">
          {contacts.map((contact, index) => (
            <ContactEntry
              key={contact.id}
              contact={contact}
              first={index === 0}
              last={index === contacts.length - 1}
              busy={busy}
              onMove={(by) => void move(index, by)}
              onChanged={onChanged}
            />
          ))}
        </ol>
      )}
      {contacts.length < MAX_ALERT_CONTACTS && <AddContact onAdded={onChanged} />}
    </section>
  )
}

const ADD_LABELS: Record<string, string> = { channel: 'Send alerts by', address: '' }

function AddContact({ onAdded }: { onAdded: (message: string) => void }) {
  const [channel, setChannel] = useState<AlertChannel>('sms')
  const [address, setAddress] = useState('')
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const addressLabel = channel === 'email' ? 'E-mail address' : 'Phone number'

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(AlertContactBody, { channel, address })
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      const added = await api.post<AlertContactView>('/api/portal/alerts/contacts', {
        channel,
        address,
      })
      setAddress('')
      onAdded(
        added.confirmed
          ? `${contactName(added)} was added and is confirmed: you confirmed this number on your account.`
          : added.channel === 'email'
            ? `We sent a link to ${added.address}. Check your inbox and open the link to confirm it.`
            : `We sent a code to ${contactName(added)}. Enter it below to confirm the number.`,
      )
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in ADD_LABELS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="add-contact-title">
      <h3 id="add-contact-title">Add a way to reach you</h3>
      <ErrorSummary
        problems={problems}
        labels={(field) => (field === 'address' ? addressLabel : (ADD_LABELS[field] ?? field))}
      />
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-contact-title">
        <fieldset>
          <legend>{ADD_LABELS.channel}</legend>
          {CHANNELS.map((each) => (
            <label className="choice choice-with-hint" key={each}>
              <input
                type="radio"
                name="channel"
                value={each}
                checked={channel === each}
                onChange={() => setChannel(each)}
              />
              <span>
                {ALERT_CHANNEL_LABELS[each]}
                <span className="hint">{CHANNEL_HINTS[each]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          field="address"
          type={channel === 'email' ? 'email' : 'tel'}
          label={addressLabel}
          hint={
            channel === 'email'
              ? 'For example: name@example.org'
              : 'With its area code, for example 508 555 0123.'
          }
          autoComplete={channel === 'email' ? 'email' : 'tel'}
          value={address}
          onChange={setAddress}
          problems={problems}
        />
        <button type="submit" disabled={busy}>
          {channel === 'email' ? 'Add and send the link' : 'Add and send the code'}
        </button>
      </form>
    </section>
  )
}
