import type { RecordsRequest } from '@common/api/records-requests.ts'
import { useEffect, useRef, useState } from 'react'
import { query } from '../../api/http.ts'
import { useRead } from '../../ui/use-read.ts'
import { HolidaysPanel } from './holidays-panel.tsx'
import { PaperRequestForm } from './paper-request-form.tsx'
import { RecordsQueue, type QueueState } from './records-queue.tsx'
import { RequestDetail } from './request-detail.tsx'
import './records.css'

/**
 * The records clerk's desk: requests for 911 recordings by response deadline, one request at a
 * time (eligibility, the call, the fee, the recordings to release), paper requests typed in, and
 * the holidays the deadlines skip. Recordings are confidential: everything is read when asked,
 * never on a timer, and kept in React state only.
 */
export function RecordsScene() {
  const [state, setState] = useState<QueueState>('open')
  const [selected, setSelected] = useState<RecordsRequest | null>(null)
  const [paperOpen, setPaperOpen] = useState(false)
  const queue = useRead<RecordsRequest[]>(`/api/records-requests${query({ state })}`)
  const firstPaperField = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.key.toLowerCase() !== 'n') return
      event.preventDefault()
      setPaperOpen(true)
      window.setTimeout(() => firstPaperField.current?.focus(), 0)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const changed = async (request: RecordsRequest) => {
    setSelected(request)
    await queue.reload()
  }

  return (
    <section className="scene records-scene" aria-label="Records requests">
      <div className="records-column">
        <RecordsQueue
          read={queue}
          state={state}
          onState={setState}
          selectedId={selected?.id ?? null}
          onSelect={setSelected}
        />
        <PaperRequestForm
          open={paperOpen}
          onOpen={setPaperOpen}
          firstField={firstPaperField}
          onFiled={changed}
        />
        <HolidaysPanel />
      </div>
      <div className="records-column">
        {selected ? (
          <RequestDetail
            key={selected.id}
            request={selected}
            onChanged={changed}
            onClose={() => setSelected(null)}
          />
        ) : (
          <section className="panel" aria-label="Request detail">
            <p className="muted">Pick a request in the queue to work on it.</p>
          </section>
        )}
      </div>
    </section>
  )
}
