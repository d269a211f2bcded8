import type { AdditionalData, CallDelivery, CallView } from '@common/api/calls.ts'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { clockTime } from '../../ui/time.ts'
import { blockLabel, cameOverSip, problemsOf } from './ng911-data.ts'
import './ng911.css'

export interface DeliveryState {
  /** What the network delivered; null while loading or when the call came another way. */
  delivery: CallDelivery | null
  /** Why it could not be read (other than "not delivered over SIP"). */
  failure: string | null
}

/**
 * The delivery of an NG911 call, read again whenever the call view changes: data fetched by
 * reference (a LIS location, an ADR's blocks) is added to it after the call was offered.
 * Asked only for calls that came over SIP; a 404 still means there is nothing to show.
 */
export function useCallDelivery(call: CallView | null): DeliveryState {
  const [state, setState] = useState<DeliveryState>({ delivery: null, failure: null })
  const latest = useRef(0)
  useEffect(() => {
    if (!call || !cameOverSip(call)) return
    const ticket = ++latest.current
    api
      .get<CallDelivery>(`/api/calls/${call.id}/delivery`)
      .then((delivery) => {
        if (ticket === latest.current) setState({ delivery, failure: null })
      })
      .catch((error: unknown) => {
        if (ticket !== latest.current) return
        if (error instanceof ApiError && error.status === 404) {
          setState({ delivery: null, failure: null })
        } else {
          setState((previous) => ({ ...previous, failure: (error as Error).message }))
        }
      })
  }, [call])
  return state
}

/**
 * What an NG911 call carried besides its locations (shown under Locations): the emergency ids,
 * the transport, the RFC 7852 additional data, and what could not be read. Bad data never stops
 * a 911 call; the call taker sees it here instead.
 */
export function Ng911Panel({ state }: { state: DeliveryState }) {
  const { delivery, failure } = state
  if (!delivery) {
    return failure ? (
      <section className="panel ng911" aria-labelledby="ng911-heading">
        <h2 id="ng911-heading">NG911 data</h2>
        <p className="form-error">Could not be loaded: {failure}</p>
      </section>
    ) : null
  }
  const problems = problemsOf(delivery)
  return (
    <section className="panel ng911" aria-labelledby="ng911-heading">
      <h2 id="ng911-heading">
        NG911 data
        <span className="muted ng911-transport">
          SIP over {delivery.transport.toUpperCase()} · received {clockTime(delivery.receivedAt)}
        </span>
      </h2>
      {failure && <p className="stale">May be out of date: {failure}</p>}
      <dl className="ng911-ids">
        <EmergencyId label="Call ID" value={delivery.emergencyCallId} />
        <EmergencyId label="Incident ID" value={delivery.emergencyIncidentId} />
        {delivery.service && (
          <>
            <dt>Service</dt>
            <dd>
              <code className="emergency-id">{delivery.service}</code>
            </dd>
          </>
        )}
      </dl>
      {problems.length > 0 && (
        <div className="ng911-problems" role="note" aria-labelledby="ng911-problems-heading">
          <h3 id="ng911-problems-heading">
            Some call data could not be read — the call is not affected
          </h3>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {delivery.additionalData.length === 0 ? (
        <p className="muted">No additional data delivered with the call.</p>
      ) : (
        <ul className="adr-blocks" aria-label="Additional data">
          {delivery.additionalData.map((block, index) => (
            <AdditionalDataBlock key={`${block.block}-${index}`} block={block} />
          ))}
        </ul>
      )}
    </section>
  )
}

function AdditionalDataBlock({ block }: { block: AdditionalData }) {
  const unread = block.fields.length === 0
  return (
    <li data-testid="adr-block">
      <details>
        <summary>
          <strong>{blockLabel(block.block)}</strong>{' '}
          <span className={unread ? 'unread' : undefined}>
            {block.summary ?? (unread ? 'could not be read' : `${block.fields.length} fields`)}
          </span>{' '}
          <span className="tag">{block.byValue ? 'in the call' : 'by reference'}</span>
        </summary>
        {unread ? (
          <p className="muted">No fields could be read from this block.</p>
        ) : (
          <dl className="adr-fields">
            {block.fields.map((field, index) => (
              <div key={index}>
                <dt>{field.name}</dt>
                <dd>{field.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {!block.byValue && <p className="muted adr-uri">From {block.uri}</p>}
      </details>
    </li>
  )
}

/** A long URN, small, with a button that copies it (or selects it where copying is refused). */
function EmergencyId({ label, value }: { label: string; value: string | null }) {
  const code = useRef<HTMLElement>(null)
  const [copied, setCopied] = useState(false)
  const selectIt = () => {
    const range = document.createRange()
    if (!code.current) return
    range.selectNodeContents(code.current)
    window.getSelection()?.removeAllRanges()
    window.getSelection()?.addRange(range)
  }
  const copy = () => {
    if (!value) return
    const done = () => {
      setCopied(true)
      window.setTimeout(() => setCopied(false), 1500)
    }
    // The clipboard exists only in a secure context: elsewhere the id is selected for Ctrl+C.
    if (!navigator.clipboard) return selectIt()
    navigator.clipboard.writeText(value).then(done, selectIt)
  }
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {value ? (
          <>
            <code ref={code} className="emergency-id">
              {value}
            </code>
            <button type="button" className="copy" onClick={copy} aria-label={`Copy the ${label}`}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          </>
        ) : (
          <span className="muted">none delivered</span>
        )}
      </dd>
    </>
  )
}
