import type { Disposition, NatureCode } from '@common/api/incidents.ts'
import { useEffect, useState } from 'react'
import { api } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'
import { CallQueue } from './call-queue.tsx'
import { CallWorkspace } from './call-workspace.tsx'
import './call-taking.css'

/** Nature codes and dispositions: reference data, loaded once per scene. */
function useReferenceData() {
  const [natureCodes, setNatureCodes] = useState<NatureCode[]>([])
  const [dispositions, setDispositions] = useState<Disposition[]>([])
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    Promise.all([
      api.get<NatureCode[]>('/api/nature-codes'),
      api.get<Disposition[]>('/api/dispositions'),
    ])
      .then(([codes, list]) => {
        setNatureCodes(codes)
        setDispositions(list)
      })
      .catch((error: unknown) => setFailure((error as Error).message))
  }, [])
  return { natureCodes, dispositions, failure }
}

/** The call taker's screen: the queue on the left, the call in hand on the right. */
export function CallTakingScene() {
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const selectedOpen = useFloor((state) => (selectedId ? state.calls.has(selectedId) : false))
  const { natureCodes, dispositions, failure } = useReferenceData()
  return (
    <section className="scene call-taking" aria-label="Call taking">
      <CallQueue selectedId={selectedId} onSelect={setSelectedId} />
      <div className="call-area">
        {failure && (
          <p className="form-error" role="alert">
            Nature codes could not be loaded: {failure}
          </p>
        )}
        {selectedId && selectedOpen ? (
          <CallWorkspace
            key={selectedId}
            callId={selectedId}
            natureCodes={natureCodes}
            dispositions={dispositions}
            onClosed={() => setSelectedId(null)}
          />
        ) : (
          <p className="muted no-call">
            No call selected. Answer a ringing call (F9) or pick one of your calls.
          </p>
        )}
      </div>
    </section>
  )
}
