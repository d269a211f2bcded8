import type { CallView } from '@common/api/calls.ts'
import type { AddressCandidate, VerifyResult } from '@common/api/geography.ts'
import { LocationInput } from '@common/api/locations.ts'
import { useEffect, useState } from 'react'
import { api, ApiError, query } from '../../api/http.ts'
import { Combobox } from '../../ui/combobox.tsx'
import { checkInput, FieldError } from '../../ui/form.tsx'
import { useDebounced } from '../../ui/use-debounced.ts'

/** What the call taker has typed, and the verified address picked for it (if any). */
export interface AddressChoice {
  text: string
  picked: AddressCandidate | null
}

export const NO_ADDRESS: AddressChoice = { text: '', picked: null }

const VERIFY_DELAY_MS = 250

const WHY_WORDS: Record<AddressCandidate['why'][number], string> = {
  exact: 'exact',
  completed: 'completed',
  typo_corrected: 'typo corrected',
  town_corrected: 'town corrected',
  town_inferred: 'town inferred',
  alias: 'place name',
  intersection: 'intersection',
  address_point: 'address point',
  range_interpolated: 'along range',
  msag_range: 'MSAG range',
}

/** The location a caller states, as the call's API takes it. */
export function statedLocation(choice: AddressChoice): LocationInput {
  const picked = choice.picked
  if (!picked) return { source: 'caller_stated', text: choice.text.trim() }
  return {
    source: 'caller_stated',
    civic: picked.address,
    ...(picked.point ? { point: picked.point } : {}),
  }
}

/**
 * The address the caller gives, checked against the address data as it is typed (after a
 * pause): ranked candidates with the reasons they match; arrows and Enter pick one.
 */
export function AddressEntry({
  call,
  choice,
  onChoice,
  onView,
}: {
  call: CallView
  choice: AddressChoice
  onChoice: (choice: AddressChoice) => void
  onView: (view: CallView) => void
}) {
  const typed = useDebounced(choice.text.trim(), VERIFY_DELAY_MS)
  const [result, setResult] = useState<VerifyResult | null>(null)
  const [verifyFailure, setVerifyFailure] = useState<string | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [added, setAdded] = useState<string | null>(null)

  useEffect(() => {
    if (!typed || choice.picked) return
    let current = true
    api
      .get<VerifyResult>(`/api/geography/verify${query({ q: typed })}`)
      .then((answer) => {
        if (!current) return
        setResult(answer)
        setVerifyFailure(null)
      })
      .catch((failure: unknown) => {
        if (current) setVerifyFailure(failure instanceof ApiError ? failure.message : 'failed')
      })
    return () => {
      current = false
    }
  }, [typed, choice.picked])

  const shown = typed && result && !choice.picked ? result : null
  const addLocation = () => {
    setError(null)
    setAdded(null)
    try {
      const body = checkInput(LocationInput, statedLocation(choice))
      api
        .post<CallView>(`/api/calls/${call.id}/locations`, body)
        .then((view) => {
          onView(view)
          setAdded(choice.picked?.text ?? choice.text)
        })
        .catch((failure: unknown) => setError(failure as ApiError))
    } catch (failure) {
      setError(failure as ApiError)
    }
  }

  return (
    <section className="panel address-entry" aria-labelledby="address-heading">
      <h2 id="address-heading">Address verification</h2>
      <Combobox
        label="Address"
        name="address"
        text={choice.text}
        onText={(text) => onChoice({ text, picked: null })}
        options={shown?.candidates ?? []}
        optionKey={(c) => c.text}
        onPick={(c) => onChoice({ text: c.text, picked: c })}
        placeholder="12 Main St, Worcester"
        hint="Type, then ↑↓ Enter to pick"
        emptyText={shown ? 'No candidates' : null}
        invalid={error !== null}
        renderOption={(c) => (
          <span className="candidate">
            <span className="candidate-text">{c.text}</span>
            <span className="muted tabular"> {Math.round(c.score * 100)} %</span>
            <span className="why">{c.why.map((w) => WHY_WORDS[w]).join(' · ')}</span>
            {c.detail && <span className="muted detail">{c.detail}</span>}
          </span>
        )}
      />
      <p className="verify-status" role="status">
        {choice.picked ? (
          <span className="verified">
            ✓ Verified: {choice.picked.text} · first due fire {choice.picked.firstDue.fire ?? '–'},
            police {choice.picked.firstDue.police ?? '–'}, EMS {choice.picked.firstDue.ems ?? '–'}
          </span>
        ) : shown ? (
          <span className={shown.status === 'verified' ? 'verified' : 'unverified'}>
            {verifyWords(shown)}
          </span>
        ) : verifyFailure ? (
          <span className="unverified">Could not check the address: {verifyFailure}</span>
        ) : (
          <span className="muted">Not checked yet.</span>
        )}
      </p>
      <FieldError error={error} field="civic" />
      <FieldError error={error} field="text" />
      {error && !['civic', 'text'].some((f) => error.field?.startsWith(f)) && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={!choice.text.trim()} onClick={addLocation}>
          Add as caller-stated location
        </button>
        {added && (
          <span className="muted" role="status">
            Added: {added}
          </span>
        )}
      </div>
    </section>
  )
}

function verifyWords(result: VerifyResult): string {
  switch (result.status) {
    case 'verified':
      return `Verified: ${result.match?.text ?? result.input}. Pick it to use it.`
    case 'candidates':
      return `Not verified: ${result.candidates.length} candidates for ${result.input}; pick one.`
    case 'invalid':
    case 'not_found':
      return `Not verified: ${result.reason ?? result.status}. An incident needs an override reason.`
  }
}
