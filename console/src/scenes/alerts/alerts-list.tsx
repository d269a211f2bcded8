import { ALERT_STATES, type AlertState, type AlertView } from '@common/api/alerts.ts'
import { dateTime } from '../../ui/date-time.ts'
import { FormError } from '../../ui/form.tsx'
import type { Read } from '../../ui/use-read.ts'
import { ReadState } from '../registry/read-state.tsx'
import { stateWords } from './alert-words.ts'

export type StateFilter = AlertState | 'all'

/** The status in capitals on its own colour: TEST and EXERCISE can never pass for ACTUAL. */
export function StatusTag({ status }: { status: AlertView['status'] }) {
  return <span className={`status-tag cap-${status.toLowerCase()}`}>{status.toUpperCase()}</span>
}

/** Alerts, newest first (the server's order), filtered by state. */
export function AlertsList({
  read,
  title,
  filter,
  onFilter,
  selectedId,
  onOpen,
  empty,
  testId,
}: {
  read: Read<AlertView[]>
  title: string
  filter?: StateFilter
  onFilter?: (filter: StateFilter) => void
  selectedId: string | null
  onOpen: (alert: AlertView) => void
  empty: string
  testId: string
}) {
  const alerts = read.data ?? []
  return (
    <section className="panel alerts-list" aria-label={title} data-testid={testId}>
      <div className="panel-head">
        <h2>
          {title} <span className="muted">({alerts.length})</span>
        </h2>
        {filter && onFilter && (
          <label className="inline">
            Show
            <select
              value={filter}
              onChange={(event) => onFilter(event.target.value as StateFilter)}
            >
              <option value="all">All states</option>
              {ALERT_STATES.map((state) => (
                <option key={state} value={state}>
                  {stateWords({ state })}
                </option>
              ))}
            </select>
          </label>
        )}
        <ReadState read={read} what={title.toLowerCase()} />
      </div>
      <FormError error={read.error} />
      {alerts.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : empty}</p>
      ) : (
        <ul className="alert-rows">
          {alerts.map((alert) => (
            <li key={alert.id} className={`alert-row cap-edge-${alert.status.toLowerCase()}`}>
              <button
                type="button"
                aria-pressed={alert.id === selectedId}
                onClick={() => onOpen(alert)}
                data-testid="alert-row"
              >
                <span className="row-line">
                  <StatusTag status={alert.status} />
                  <span className="identifier tabular">{alert.identifier}</span>
                  <span className={`alert-state state-${alert.state}`}>{stateWords(alert)}</span>
                </span>
                <span className="row-line">
                  <span className="event">
                    {alert.msgType !== 'Alert' && <strong>{alert.msgType}: </strong>}
                    {alert.event}
                  </span>
                  <span className="muted tabular when">{dateTime(alert.createdAt)}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
