import type {
  DisabilityIndicator,
  DisabilityRequest,
  DisabilityRequestStatus,
} from '@common/api/disability-registry.ts'
import { useEffect, useRef, useState } from 'react'
import { query } from '../../api/http.ts'
import { useRead } from '../../ui/use-read.ts'
import { IndicatorList } from './indicator-list.tsx'
import { PaperForm } from './paper-form.tsx'
import { RequestDetail } from './request-detail.tsx'
import { RequestQueue } from './request-queue.tsx'
import './registry.css'

/**
 * The town coordinator's disability registry: review filed requests (return or enter), type in
 * paper forms, keep the indicators re-verified. Every read is audited on the server, so the
 * scene reads when it opens and when asked, never on a timer, and keeps what it read in React
 * state only: nothing confidential is left in the browser once the scene closes.
 */
export function RegistryScene() {
  const [status, setStatus] = useState<DisabilityRequestStatus>('filed')
  const [includeInactive, setIncludeInactive] = useState(false)
  const [selected, setSelected] = useState<DisabilityRequest | null>(null)
  const [paperOpen, setPaperOpen] = useState(false)
  const queue = useRead<DisabilityRequest[]>(`/api/disability-requests${query({ status })}`)
  const indicators = useRead<DisabilityIndicator[]>(
    `/api/disability-indicators${query({ includeInactive: includeInactive ? 'true' : undefined })}`,
  )
  const firstPaperField = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.key.toLowerCase() !== 'n') return
      event.preventDefault()
      setPaperOpen(true)
      // After the form has rendered.
      window.setTimeout(() => firstPaperField.current?.focus(), 0)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  /** After any change: show the server's answer and read both lists again. */
  const changed = async (request: DisabilityRequest | null) => {
    if (request) setSelected(request)
    await Promise.all([queue.reload(), indicators.reload()])
  }

  return (
    <section className="scene registry-scene" aria-label="Disability registry">
      <div className="registry-column">
        <RequestQueue
          read={queue}
          status={status}
          onStatus={setStatus}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
        />
        {selected ? (
          <RequestDetail
            key={selected.id}
            request={selected}
            onChanged={(request) => changed(request)}
            onClose={() => setSelected(null)}
          />
        ) : (
          <section className="panel" aria-label="Request detail">
            <p className="muted">Pick a request in the queue to review it.</p>
          </section>
        )}
      </div>
      <div className="registry-column">
        <PaperForm
          open={paperOpen}
          onOpen={setPaperOpen}
          firstField={firstPaperField}
          onFiled={(request) => changed(request)}
        />
        <IndicatorList
          read={indicators}
          includeInactive={includeInactive}
          onIncludeInactive={setIncludeInactive}
          onChanged={() => changed(null)}
        />
      </div>
    </section>
  )
}
