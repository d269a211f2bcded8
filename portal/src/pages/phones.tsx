import { AddPhoneBody, ConfirmPhoneBody, type ResidentPhone } from '@common/api/residents.ts'
import { api } from '@console/api/http.ts'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { Link, PAGES } from '../router.tsx'
import {
  checkForm,
  ErrorSummary,
  NO_PROBLEMS,
  problemsFromFailure,
  TextField,
  type Problems,
} from '../ui/form-kit.tsx'
import { localTime, PageHeading, RequireAccount } from '../ui/page.tsx'
import { useCodeAction } from '../ui/use-code-action.ts'
import { phoneText } from '../ui/phone-text.ts'

type Channel = 'sms' | 'voice'
const CHANNEL_TEXT: Record<Channel, string> = {
  sms: 'Text message',
  voice: 'Voice call (for a landline)',
}

/** My phones: a profile is shown only for calls from a number confirmed here. */
export function PhonesPage() {
  return (
    <RequireAccount title="My phones">
      <Phones />
    </RequireAccount>
  )
}

function Phones() {
  const [phones, setPhones] = useState<ResidentPhone[] | null>(null)
  const [status, setStatus] = useState('')
  const [loadProblem, setLoadProblem] = useState<string | null>(null)

  const reload = useCallback(async () => {
    try {
      setPhones(await api.get<ResidentPhone[]>('/api/portal/phones'))
      setLoadProblem(null)
    } catch {
      setLoadProblem('Your phones could not be loaded. Reload the page to try again.')
    }
  }, [])
  useEffect(() => void reload(), [reload])

  const replaced = (phone: ResidentPhone, message: string) => {
    setStatus('')
    setPhones((list) => list?.map((each) => (each.id === phone.id ? phone : each)) ?? [phone])
    setStatus(message)
  }

  return (
    <>
      <PageHeading title="My phones" />
      <p>
        When you call 911 from a phone number you confirmed here, your{' '}
        <Link to={PAGES.profile}>safety profile</Link> is shown to the call taker who answers. A
        number you have not confirmed never shows it. To confirm a number we send a 6-digit code to
        it by text message or by voice call; the code works for 10 minutes and for 5 tries.
      </p>
      <p className="success" role="status" aria-live="polite" hidden={!status}>
        {status}
      </p>
      {loadProblem && <p className="notice">{loadProblem}</p>}
      <h2>Your numbers</h2>
      {phones === null ? (
        <p>Loading…</p>
      ) : phones.length === 0 ? (
        <p>You have not added a phone number yet.</p>
      ) : (
        phones.map((phone) => (
          <PhoneEntry
            key={phone.id}
            phone={phone}
            onChanged={replaced}
            onRemoved={(message) => {
              setStatus(message)
              void reload()
            }}
            onRefused={() => {
              setStatus('')
              void reload()
            }}
          />
        ))
      )}
      <AddPhone
        onAdded={(phone) => {
          setPhones((list) => [...(list ?? []), phone])
          setStatus(
            `A code was sent to ${phoneText(phone.number)}. Enter it below to confirm the number.`,
          )
        }}
      />
    </>
  )
}

function PhoneEntry({
  phone,
  onChanged,
  onRemoved,
  onRefused,
}: {
  phone: ResidentPhone
  onChanged: (phone: ResidentPhone, message: string) => void
  onRemoved: (message: string) => void
  /** A refused code changed the tries left (or spent the code): the list is read again. */
  onRefused: () => void
}) {
  const [code, setCode] = useState('')
  const [channel, setChannel] = useState<Channel>('sms')
  const number = phoneText(phone.number)
  const name = phone.label ? `${phone.label} ${number}` : number
  const codeField = `code-${phone.id}`
  const { problems, setProblems, working: busy, act } = useCodeAction(codeField, onRefused)

  async function confirm(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(ConfirmPhoneBody, { code })
    if (checked.problems) {
      return setProblems({
        fields: { [codeField]: checked.problems.fields.code ?? 'Enter the 6-digit code' },
        form: null,
      })
    }
    await act(async () => {
      const confirmed = await api.post<ResidentPhone>(
        `/api/portal/phones/${phone.id}/confirm`,
        checked.data,
      )
      setCode('')
      onChanged(confirmed, `${name} is confirmed.`)
    })
  }

  const resend = () =>
    act(async () => {
      const sent = await api.post<ResidentPhone>(`/api/portal/phones/${phone.id}/resend`, {
        channel,
      })
      onChanged(
        sent,
        `A new code was sent to ${number} by ${channel === 'sms' ? 'text message' : 'voice call'}. The old code no longer works.`,
      )
    })

  const remove = () =>
    act(async () => {
      if (!window.confirm(`Remove ${name}? Calls from it will no longer show your profile.`)) return
      await api.delete(`/api/portal/phones/${phone.id}`)
      onRemoved(`${name} was removed.`)
    })

  return (
    <section className="phone" aria-labelledby={`phone-${phone.id}`} data-testid="phone-entry">
      <h3 id={`phone-${phone.id}`}>{name}</h3>
      <p>
        {phone.confirmed ? (
          <span className="status-tag" style={{ color: 'var(--ok)' }}>
            Confirmed{phone.confirmedAt ? ` on ${localTime(phone.confirmedAt)}` : ''}
          </span>
        ) : (
          <span className="status-tag" style={{ color: 'var(--notice-line)' }}>
            Not confirmed
          </span>
        )}
      </p>
      <ErrorSummary problems={problems} labels={() => 'Code'} />
      {!phone.confirmed && (
        <>
          <p data-testid="code-state">
            {phone.codeExpiresAt && phone.triesLeft !== null && phone.triesLeft > 0
              ? `The code works until ${localTime(phone.codeExpiresAt)}. Tries left: ${phone.triesLeft}.`
              : 'No code is waiting: send a new one.'}
          </p>
          <form onSubmit={(event) => void confirm(event)} noValidate aria-label={`Confirm ${name}`}>
            <TextField
              field={codeField}
              label="6-digit code"
              hint="From the text message or voice call we sent to this number."
              value={code}
              onChange={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              className="short"
              problems={problems}
            />
            <button type="submit" disabled={busy}>
              Confirm number
            </button>
          </form>
          <fieldset>
            <legend>Send a new code by</legend>
            <ChannelChoice name={`resend-${phone.id}`} value={channel} onChange={setChannel} />
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void resend()}
            >
              Send a new code
            </button>
          </fieldset>
        </>
      )}
      <button type="button" className="warning" disabled={busy} onClick={() => void remove()}>
        Remove {name}
      </button>
    </section>
  )
}

function ChannelChoice({
  name,
  value,
  onChange,
}: {
  name: string
  value: Channel
  onChange: (channel: Channel) => void
}) {
  return (
    <>
      {(['sms', 'voice'] as const).map((channel) => (
        <label className="choice" key={channel}>
          <input
            type="radio"
            name={name}
            value={channel}
            checked={value === channel}
            onChange={() => onChange(channel)}
          />
          {CHANNEL_TEXT[channel]}
        </label>
      ))}
    </>
  )
}

const ADD_LABELS: Record<string, string> = {
  number: 'Phone number',
  label: 'Name for this number (optional)',
  channel: 'Send the code by',
}

function AddPhone({ onAdded }: { onAdded: (phone: ResidentPhone) => void }) {
  const [number, setNumber] = useState('')
  const [label, setLabel] = useState('')
  const [channel, setChannel] = useState<Channel>('sms')
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(AddPhoneBody, { number, label: label.trim() || undefined, channel })
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      // The schema turned the number into E.164; the server checks it again.
      onAdded(
        await api.post<ResidentPhone>('/api/portal/phones', {
          number,
          label: label.trim() || undefined,
          channel,
        }),
      )
      setNumber('')
      setLabel('')
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in ADD_LABELS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="add-phone-title">
      <h2 id="add-phone-title">Add a phone number</h2>
      <ErrorSummary problems={problems} labels={(field) => ADD_LABELS[field] ?? field} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-phone-title">
        <TextField
          field="number"
          type="tel"
          label={ADD_LABELS.number!}
          hint="With its area code, for example 508 555 0123."
          autoComplete="tel"
          value={number}
          onChange={setNumber}
          problems={problems}
        />
        <TextField
          field="label"
          label={ADD_LABELS.label!}
          hint="For example: home, mobile, grandmother’s phone."
          value={label}
          onChange={setLabel}
          problems={problems}
        />
        <fieldset>
          <legend>{ADD_LABELS.channel}</legend>
          <ChannelChoice name="add-channel" value={channel} onChange={setChannel} />
        </fieldset>
        <button type="submit" disabled={busy}>
          Add number and send code
        </button>
      </form>
    </section>
  )
}
