import {
  DISABILITY_REQUEST_STATUSES,
  type DisabilityRequest,
  type DisabilityRequestStatus,
} from '@common/api/disability-registry.ts'
import { FormError } from '../../ui/form.tsx'
import { dateTime } from '../../ui/date-time.ts'
import type { Read } from '../../ui/use-read.ts'
import { ReadState } from './read-state.tsx'
import { addressLine, kindsText } from './registry-text.ts'

const EMPTY_WORDS: Record<DisabilityRequestStatus, string> = {
  filed: 'No request is waiting for review.',
  returned: 'No returned request.',
  entered: 'No entered request.',
}

const FILTER_WORDS: Record<DisabilityRequestStatus, string> = {
  filed: 'Filed (to review)',
  returned: 'Returned',
  entered: 'Entered',
}

/** The requests of the coordinator's own town (the server decides which town), oldest first. */
export function RequestQueue({
  read,
  status,
  onStatus,
  selectedId,
  onSelect,
}: {
  read: Read<DisabilityRequest[]>
  status: DisabilityRequestStatus
  onStatus: (status: DisabilityRequestStatus) => void
  selectedId: string | null
  onSelect: (request: DisabilityRequest) => void
}) {
  const requests = read.data ?? []
  return (
    <section className="panel" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">
          Requests <span className="muted">({requests.length})</span>
        </h2>
        <label className="inline">
          Show
          <select
            value={status}
            onChange={(event) => onStatus(event.target.value as DisabilityRequestStatus)}
          >
            {DISABILITY_REQUEST_STATUSES.map((each) => (
              <option key={each} value={each}>
                {FILTER_WORDS[each]}
              </option>
            ))}
          </select>
        </label>
        <ReadState read={read} what="requests" />
      </div>
      <FormError error={read.error} />
      {requests.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : EMPTY_WORDS[status]}</p>
      ) : (
        <table aria-label="Requests">
          <thead>
            <tr>
              <th>Person</th>
              <th>Address</th>
              <th>Kinds</th>
              <th>Source</th>
              <th>Filed</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id} aria-selected={request.id === selectedId}>
                <td>
                  <button
                    type="button"
                    className="row-open"
                    onClick={() => onSelect(request)}
                    aria-label={`Review ${request.personName}`}
                  >
                    {request.personName}
                  </button>
                </td>
                <td className="wrap">{addressLine(request.address)}</td>
                <td className="wrap">{kindsText(request.kinds)}</td>
                <td>{request.source === 'paper' ? 'Paper form' : 'Portal'}</td>
                <td className="tabular">{dateTime(request.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
