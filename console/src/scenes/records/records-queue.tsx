import { REQUEST_STATUS_LABELS, type RecordsRequest } from '@common/api/records-requests.ts'
import { dateOnly } from '../../ui/date-time.ts'
import { FormError } from '../../ui/form.tsx'
import type { Read } from '../../ui/use-read.ts'
import { ReadState } from '../registry/read-state.tsx'
import { deadlineClass, deadlineWords, TYPE_WORDS } from './records-text.ts'

export type QueueState = 'open' | 'closed' | 'all'

const STATE_WORDS: Record<QueueState, string> = {
  open: 'Open',
  closed: 'Closed (released or refused)',
  all: 'All',
}

const EMPTY_WORDS: Record<QueueState, string> = {
  open: 'No request is open.',
  closed: 'No closed request.',
  all: 'No request yet.',
}

/** The requests by response deadline (the server sorts them): the most urgent on top. */
export function RecordsQueue({
  read,
  state,
  onState,
  selectedId,
  onSelect,
}: {
  read: Read<RecordsRequest[]>
  state: QueueState
  onState: (state: QueueState) => void
  selectedId: string | null
  onSelect: (request: RecordsRequest) => void
}) {
  const requests = read.data ?? []
  return (
    <section className="panel" aria-labelledby="records-queue-title">
      <div className="panel-head">
        <h2 id="records-queue-title">
          Requests <span className="muted">({requests.length})</span>
        </h2>
        <label className="inline">
          Show
          <select value={state} onChange={(event) => onState(event.target.value as QueueState)}>
            {(Object.keys(STATE_WORDS) as QueueState[]).map((each) => (
              <option key={each} value={each}>
                {STATE_WORDS[each]}
              </option>
            ))}
          </select>
        </label>
        <ReadState read={read} what="requests" />
      </div>
      <FormError error={read.error} />
      {requests.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : EMPTY_WORDS[state]}</p>
      ) : (
        <table aria-label="Records requests">
          <thead>
            <tr>
              <th>Number</th>
              <th>Requester</th>
              <th>Type</th>
              <th>Status</th>
              <th>Respond by</th>
              <th>Deadline</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr
                key={request.id}
                aria-selected={request.id === selectedId}
                data-testid="records-queue-row"
              >
                <td>
                  <button
                    type="button"
                    className="row-open tabular"
                    onClick={() => onSelect(request)}
                    aria-label={`Open ${request.number}`}
                  >
                    {request.number}
                  </button>
                </td>
                <td className="wrap">{request.requester.name}</td>
                <td>{TYPE_WORDS[request.requesterType]}</td>
                <td>{REQUEST_STATUS_LABELS[request.status]}</td>
                <td className="tabular">{dateOnly(request.deadlines.responseDueAt)}</td>
                <td className="wrap">
                  <span className={deadlineClass(request)}>{deadlineWords(request)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
