import type { Recording } from '@common/api/recordings.ts'
import type { RecordsRequest, ReleasedRecordsRequest } from '@common/api/records-requests.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { FormError } from '../../ui/form.tsx'
import { useRead } from '../../ui/use-read.ts'
import { ReadState } from '../registry/read-state.tsx'
import { RecordingCard } from './recording-card.tsx'
import type { OnChanged } from './request-detail.tsx'
import { asApiError, bytes, seconds } from './records-text.ts'

/**
 * The recordings of the linked call, each copy under its original; the clerk listens, makes
 * redacted copies, and ticks what goes to the requester.
 */
export function CallRecordings({
  request,
  onChanged,
}: {
  request: RecordsRequest
  onChanged: OnChanged
}) {
  const callId = request.call!.id
  const read = useRead<Recording[]>(`/api/calls/${callId}/recordings`)
  const [chosen, setChosen] = useState<string[]>([])
  const [links, setLinks] = useState<ReleasedRecordsRequest['links'] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const recordings = read.data ?? []
  const originals = recordings.filter((each) => each.derivedFromId === null)
  const copiesOf = (id: string) => recordings.filter((each) => each.derivedFromId === id)
  const releasable = request.status === 'ready_to_release'
  const closed = request.status === 'released' || request.status === 'refused'

  const toggle = (id: string, on: boolean) =>
    setChosen((list) => (on ? [...list, id] : list.filter((each) => each !== id)))

  async function release() {
    setError(null)
    setBusy(true)
    try {
      const answer = await api.post<ReleasedRecordsRequest>(
        `/api/records-requests/${request.id}/release`,
        {
          recordingIds: chosen,
        },
      )
      setLinks(answer.links)
      setChosen([])
      await onChanged(answer)
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="step" aria-labelledby="recordings-title">
      <div className="panel-head">
        <h3 id="recordings-title">
          Recordings of the call <span className="muted">({recordings.length})</span>
        </h3>
        <ReadState read={read} what="recordings" />
      </div>
      <FormError error={read.error} />
      {links && <LinksOnce links={links} />}
      {recordings.length === 0 && (
        <p className="muted">{read.busy ? 'Reading…' : 'The call has no recording.'}</p>
      )}
      {originals.map((original) => (
        <RecordingCard
          key={original.id}
          recording={original}
          copies={copiesOf(original.id)}
          release={closed ? null : { chosen, onToggle: toggle }}
          onChanged={() => read.reload()}
        />
      ))}
      {!closed && recordings.length > 0 && (
        <div className="release-bar">
          <button
            type="button"
            className="primary"
            disabled={!releasable || chosen.length === 0 || busy}
            onClick={() => void release()}
          >
            Release {chosen.length} file{chosen.length === 1 ? '' : 's'} to the requester
          </button>
          <span className="muted small">
            {releasable
              ? 'Tick the files to release: the requester gets a download link for each.'
              : 'Release opens once the requester is eligible, the call is linked and the fee settled.'}
          </span>
          <FormError error={error} />
        </div>
      )}
      {request.files.length > 0 && (
        <table aria-label="Released files">
          <caption className="caption">Released</caption>
          <thead>
            <tr>
              <th>File</th>
              <th>Length</th>
              <th>Size</th>
              <th>SHA-256</th>
              <th>Link until</th>
              <th>Downloads</th>
            </tr>
          </thead>
          <tbody>
            {request.files.map((file) => (
              <tr key={file.recordingId}>
                <td>
                  {file.fileName}
                  {file.redacted && <span className="badge"> redacted</span>}
                </td>
                <td className="tabular">{seconds(file.durationMs)}</td>
                <td className="tabular">{bytes(file.byteSize)}</td>
                <td className="hash">{file.sha256}</td>
                <td className="tabular">{file.expiresAt.slice(0, 10)}</td>
                <td className="tabular">{file.downloads}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** The download links exist only in this answer: shown once, to copy into a letter or e-mail. */
function LinksOnce({ links }: { links: ReleasedRecordsRequest['links'] }) {
  const [copied, setCopied] = useState<string | null>(null)
  return (
    <div className="links-once" role="status" data-testid="release-links">
      <p>
        <strong>Released.</strong> The requester was sent these links. They are shown only now: copy
        them if the requester needs them again.
      </p>
      <ul>
        {links.map((link) => (
          <li key={link.recordingId}>
            <input readOnly value={link.url} aria-label="Download link" className="link-text" />
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(link.url)
                  .then(() => setCopied(link.url))
                  .catch(() => setCopied(null))
              }
            >
              {copied === link.url ? 'Copied' : 'Copy'}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
