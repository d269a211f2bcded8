import { CloseCallBody, type CallView } from '@common/api/calls.ts'
import type { Disposition } from '@common/api/incidents.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloorStore } from '../../live/floor-context.tsx'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'

/**
 * Ends the line and finishes with the call. A call on no incident needs a disposition (the
 * server's rule, checked here first so nothing half-made is sent).
 */
export function FinishCall({
  call,
  dispositions,
  onView,
  onClosed,
}: {
  call: CallView
  dispositions: readonly Disposition[]
  onView: (view: CallView) => void
  onClosed: () => void
}) {
  const store = useFloorStore()
  const [disposition, setDisposition] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const forCalls = dispositions.filter((d) => d.appliesTo.includes('call'))

  const release = () => {
    setError(null)
    api
      .post<CallView>(`/api/calls/${call.id}/release`, {})
      .then((view) => {
        store.put('calls', view)
        onView(view)
      })
      .catch((failure: unknown) => setError(failure as ApiError))
  }

  const close = (event: React.FormEvent) => {
    event.preventDefault()
    setError(null)
    let body: CloseCallBody
    try {
      body = checkInput(CloseCallBody, disposition ? { disposition } : {})
      if (!call.incidentId && !body.disposition) {
        throw new ApiError(
          400,
          'invalid_input',
          'disposition: a call on no incident needs a disposition',
          'disposition',
        )
      }
    } catch (failure) {
      setError(failure as ApiError)
      return
    }
    api
      .post<CallView>(`/api/calls/${call.id}/close`, body)
      .then((view) => {
        store.put('calls', view)
        onClosed()
      })
      .catch((failure: unknown) => setError(failure as ApiError))
  }

  return (
    <section className="panel finish-call" aria-labelledby="finish-heading">
      <h2 id="finish-heading">Finish the call</h2>
      <form onSubmit={close} noValidate aria-label="Close call" className="finish-form">
        <button type="button" onClick={release} disabled={call.status !== 'answered'}>
          {call.status === 'released' ? 'Line released' : 'Release line'}
        </button>
        <label>
          Disposition{call.incidentId ? ' (optional: on an incident)' : ''}
          <select
            name="disposition"
            value={disposition}
            onChange={(event) => setDisposition(event.target.value)}
            aria-invalid={invalid(error, 'disposition')}
          >
            <option value="">{call.incidentId ? 'On incident' : 'Choose…'}</option>
            {forCalls.map((d) => (
              <option key={d.code} value={d.code}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Close call</button>
      </form>
      <FieldError error={error} field="disposition" />
      <FormError error={error} fields={['disposition']} />
    </section>
  )
}
