import type { AlertTemplateView, AlertView } from '@common/api/alerts.ts'
import { useEffect, useState } from 'react'
import { query } from '../../api/http.ts'
import { hasRole, useSession } from '../../session/session-context.tsx'
import { useRead } from '../../ui/use-read.ts'
import { AlertCompose } from './alert-compose.tsx'
import { AlertDetail } from './alert-detail.tsx'
import { AlertsList, type StateFilter } from './alerts-list.tsx'
import { useAlertEvents } from './use-alert-events.ts'
import './alerts.css'

type Work =
  | { kind: 'none' }
  | { kind: 'compose'; draft: AlertView | null; key: number }
  | { kind: 'alert'; id: string }

/**
 * The alert operator's desk: the alerts (newest first) and the ones waiting for a second
 * operator, composing with areas on the map and a preview before any send, and each sent
 * alert's live delivery report. Lists follow the live `alert.changed` events.
 */
export function AlertsScene() {
  // Supervisors and administrators follow alerts; only alert operators compose and act.
  const operator = hasRole(useSession(), 'alert_operator')
  const [filter, setFilter] = useState<StateFilter>('all')
  const [work, setWork] = useState<Work>({ kind: 'none' })
  const list = useRead<AlertView[]>(
    `/api/alerts${query({ state: filter === 'all' ? undefined : filter, limit: 100 })}`,
  )
  const waiting = useRead<AlertView[]>('/api/alerts?state=awaiting_approval&limit=100')
  const templates = useRead<AlertTemplateView[]>('/api/alert-templates')

  const reloadLists = () => {
    void list.reload()
    void waiting.reload()
  }
  useAlertEvents((event) => {
    if (!event || event.type === 'alert.changed') reloadLists()
  })

  const compose = (draft: AlertView | null) => setWork({ kind: 'compose', draft, key: Date.now() })

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!operator || !event.altKey || event.key.toLowerCase() !== 'n') return
      event.preventDefault()
      compose(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [operator])

  const selectedId =
    work.kind === 'alert' ? work.id : work.kind === 'compose' ? (work.draft?.id ?? null) : null
  const open = (alert: AlertView) =>
    alert.state === 'draft' && operator ? compose(alert) : setWork({ kind: 'alert', id: alert.id })

  return (
    <section className="scene alerts-scene" aria-label="Alerts">
      <HatchPattern />
      <div className="alerts-side">
        {operator && (
          <button
            type="button"
            className="primary new-alert"
            onClick={() => compose(null)}
            title="Alt+N"
          >
            New alert
          </button>
        )}
        <AlertsList
          read={waiting}
          title="Waiting for approval"
          selectedId={selectedId}
          onOpen={open}
          empty="No alert is waiting for a second operator."
          testId="approval-queue"
        />
        <AlertsList
          read={list}
          title="Alerts"
          filter={filter}
          onFilter={setFilter}
          selectedId={selectedId}
          onOpen={open}
          empty="No alert in this state."
          testId="alerts-list"
        />
      </div>
      <div className="alerts-work">
        {work.kind === 'compose' && (
          <AlertCompose
            key={work.key}
            draft={work.draft}
            templates={templates.data ?? []}
            onSaved={() => reloadLists()}
            onSent={(alert) => {
              reloadLists()
              setWork({ kind: 'alert', id: alert.id })
            }}
            onClose={() => {
              reloadLists()
              setWork({ kind: 'none' })
            }}
          />
        )}
        {work.kind === 'alert' && (
          <AlertDetail
            key={work.id}
            alertId={work.id}
            operator={operator}
            onEdit={compose}
            onChanged={reloadLists}
          />
        )}
        {work.kind === 'none' && (
          <section className="panel">
            <p className="muted">
              {operator
                ? 'Open an alert in the list, or start a New alert (Alt+N) from a template or blank.'
                : 'Open an alert in the list to follow it; alert operators compose and send.'}
            </p>
          </section>
        )}
      </div>
    </section>
  )
}

/** The hatching exclude areas are filled with on the map (alerts.css refers to it by id). */
function HatchPattern() {
  return (
    <svg width="0" height="0" className="hatch-defs" aria-hidden="true">
      <defs>
        <pattern
          id="alert-exclude-hatch"
          width="10"
          height="10"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="10" height="10" fill="#ff5a52" fillOpacity="0.12" />
          <line x1="0" y1="0" x2="0" y2="10" stroke="#ff5a52" strokeWidth="4" strokeOpacity="0.6" />
        </pattern>
      </defs>
    </svg>
  )
}
