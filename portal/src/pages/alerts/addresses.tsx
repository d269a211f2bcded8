import {
  AlertAddressBody,
  MAX_ALERT_ADDRESSES,
  type AlertAddressCheck,
  type AlertAddressView,
} from '@common/api/alert-subscribers.ts'
import { api, query } from '@console/api/http.ts'
import { useState, type FormEvent } from 'react'
import {
  checkForm,
  ErrorSummary,
  NO_PROBLEMS,
  problemsFromFailure,
  TextField,
  type Problems,
} from '../../ui/form-kit.tsx'

const LINE_LABEL = 'Address'

/** The places to be alerted for: verified against the city's address list before they count. */
export function AlertAddresses({
  addresses,
  onChanged,
}: {
  addresses: AlertAddressView[]
  onChanged: (message: string) => void
}) {
  const [line, setLine] = useState('')
  const [candidates, setCandidates] = useState<string[]>([])
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [busy, setBusy] = useState(false)
  const full = addresses.length >= MAX_ALERT_ADDRESSES

  async function act(action: () => Promise<void>) {
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      await action()
    } catch (failure) {
      onChanged('')
      setProblems(problemsFromFailure(failure, (field) => field === 'line'))
    } finally {
      setBusy(false)
    }
  }

  const add = (text: string) =>
    act(async () => {
      const added = await api.post<AlertAddressView>('/api/portal/alerts/addresses', { line: text })
      setLine('')
      setCandidates([])
      onChanged(`${added.label} was added. You will be alerted for it.`)
    })

  async function submit(event: FormEvent) {
    event.preventDefault()
    const checked = checkForm(AlertAddressBody, { line })
    if (checked.problems) return setProblems(checked.problems)
    await act(async () => {
      const check = await api.get<AlertAddressCheck>(
        `/api/portal/alerts/address-check${query({ line: checked.data.line })}`,
      )
      if (check.verified) return add(check.label!)
      setCandidates(check.candidates)
      onChanged('')
      setProblems({
        fields: {
          line:
            check.candidates.length > 0
              ? 'This address was not found exactly. Choose one of the addresses below, or correct it.'
              : 'This address was not found in Worcester or the towns around it. Check the house number, street and town.',
        },
        form: null,
      })
    })
  }

  const remove = (address: AlertAddressView) =>
    act(async () => {
      await api.delete(`/api/portal/alerts/addresses/${address.id}`)
      onChanged(`${address.label} was removed.`)
    })

  return (
    <section aria-labelledby="alert-addresses-title">
      <h2 id="alert-addresses-title">Addresses to be alerted for</h2>
      <p>
        You are alerted when an alert covers one of these addresses (at most {MAX_ALERT_ADDRESSES}
        ).
      </p>
      <ErrorSummary problems={problems} labels={() => LINE_LABEL} />
      {addresses.length === 0 ? (
        <p data-testid="no-addresses">You have not added an address yet.</p>
      ) : (
        <ul className="alert-list" data-testid="alert-addresses">
          {addresses.map((address) => (
            <li key={address.id}>
              <span className="alert-item-text">{address.label}</span>
              <button
                type="button"
                className="warning"
                disabled={busy}
                onClick={() => void remove(address)}
              >
                Remove<span className="visually-hidden"> {address.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p className="notice">
          You have {MAX_ALERT_ADDRESSES} addresses: remove one to add another.
        </p>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate aria-label="Add an address">
          <TextField
            field="line"
            label={LINE_LABEL}
            hint="House number, street and town, for example: 12 Main St, Worcester"
            autoComplete="street-address"
            value={line}
            onChange={(value) => {
              setLine(value)
              setCandidates([])
            }}
            problems={problems}
          />
          {candidates.length > 0 && (
            <fieldset data-testid="address-candidates">
              <legend>Did you mean</legend>
              {candidates.map((candidate) => (
                <button
                  key={candidate}
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => void add(candidate)}
                >
                  Add {candidate}
                </button>
              ))}
            </fieldset>
          )}
          <button type="submit" disabled={busy}>
            Verify and add address
          </button>
        </form>
      )}
    </section>
  )
}
