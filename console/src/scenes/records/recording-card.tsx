import {
  LegalHoldBody,
  RedactionBody,
  type CustodyEntry,
  type Recording,
  type TimeRange,
} from '@common/api/recordings.ts'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { dateTime } from '../../ui/date-time.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { useRead } from '../../ui/use-read.ts'
import { WaveformPlayer, type Selection } from '../../ui/waveform-player.tsx'
import { asApiError, bytes, requireText, seconds } from './records-text.ts'

const SOURCE_WORDS: Record<Recording['source'], string> = {
  upload: 'uploaded by the recorder',
  sip: 'recorded from the line',
  demo: 'demo recording',
  redaction: 'redacted copy',
}

export interface ReleaseChoice {
  chosen: string[]
  onToggle: (id: string, on: boolean) => void
}

function title(recording: Recording): string {
  if (recording.kind === 'transcript') return 'the transcript'
  return recording.derivedFromId ? 'the redacted copy' : 'the recording'
}

/** One recording (and its redacted copies beneath it): listen, redact, hold, custody, release. */
export function RecordingCard({
  recording,
  copies = [],
  release,
  onChanged,
}: {
  recording: Recording
  copies?: Recording[]
  release: ReleaseChoice | null
  onChanged: () => Promise<void>
}) {
  const [selection, setSelection] = useState<Selection | null>(null)
  const [ranges, setRanges] = useState<TimeRange[]>([])
  const [custodyOpen, setCustodyOpen] = useState(false)
  const hasMedia = recording.mediaDeletedAt === null
  const isCopy = recording.derivedFromId !== null
  const audio = recording.kind === 'audio'
  const label = `${isCopy ? 'Redacted copy' : audio ? 'Recording' : 'Transcript'} of ${dateTime(recording.startedAt)}`
  return (
    <article
      className={isCopy ? 'recording recording-copy' : 'recording'}
      aria-label={label}
      data-testid="recording"
    >
      <div className="recording-head">
        {release && hasMedia ? (
          <label className="choice">
            <input
              type="checkbox"
              checked={release.chosen.includes(recording.id)}
              onChange={(event) => release.onToggle(recording.id, event.target.checked)}
            />
            <strong>{label}</strong>
            <span className="visually-hidden"> (release this file)</span>
          </label>
        ) : (
          <strong>{label}</strong>
        )}
        <span className="muted">
          {seconds(recording.durationMs)}, {bytes(recording.byteSize)},{' '}
          {SOURCE_WORDS[recording.source]}
          {recording.encoding && `, ${recording.encoding} ${recording.sampleRate ?? ''} Hz`}
        </span>
        {recording.demo && <span className="badge badge-warn">demo: not evidence</span>}
        {recording.legalHold && <span className="badge badge-hold">legal hold</span>}
        {!hasMedia && (
          <span className="badge badge-gone">
            media deleted {dateTime(recording.mediaDeletedAt)}
          </span>
        )}
      </div>
      <p className="muted small">
        SHA-256 <span className="hash">{recording.sha256}</span> · kept until{' '}
        {dateTime(recording.retainUntil)}
        {isCopy && recording.redactionReason && (
          <> · redacted because: {recording.redactionReason}</>
        )}
      </p>
      {isCopy && recording.redactedRanges.length > 0 && (
        <p className="small">
          Silenced:{' '}
          {recording.redactedRanges
            .map((range) => `${seconds(range.startMs)}–${seconds(range.endMs)}`)
            .join(', ')}
        </p>
      )}
      {hasMedia && audio && (
        <WaveformPlayer
          recordingId={recording.id}
          title={title(recording)}
          selection={isCopy ? null : selection}
          onSelection={isCopy ? undefined : setSelection}
          marked={isCopy ? recording.redactedRanges : ranges}
        />
      )}
      <div className="recording-actions">
        {hasMedia && (
          <a href={`/api/recordings/${recording.id}/export`} download>
            Export the file (logged)
          </a>
        )}
        <button
          type="button"
          aria-expanded={custodyOpen}
          onClick={() => setCustodyOpen(!custodyOpen)}
        >
          {custodyOpen ? 'Hide the custody log' : 'Custody log'}
        </button>
      </div>
      {hasMedia && audio && !isCopy && (
        <RedactionForm
          recording={recording}
          selection={selection}
          onSelection={setSelection}
          ranges={ranges}
          onRanges={setRanges}
          onMade={onChanged}
        />
      )}
      <LegalHold recording={recording} onChanged={onChanged} />
      {custodyOpen && <CustodyLog recordingId={recording.id} />}
      {copies.map((copy) => (
        <RecordingCard key={copy.id} recording={copy} release={release} onChanged={onChanged} />
      ))}
    </article>
  )
}

const toMs = (text: string) => Math.round(Number(text) * 1000)

/**
 * Stretches to silence, chosen on the waveform or typed in seconds, then one new file: the
 * original is never changed.
 */
function RedactionForm({
  recording,
  selection,
  onSelection,
  ranges,
  onRanges,
  onMade,
}: {
  recording: Recording
  selection: Selection | null
  onSelection: (selection: Selection | null) => void
  ranges: TimeRange[]
  onRanges: (ranges: TimeRange[]) => void
  onMade: () => Promise<void>
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [made, setMade] = useState('')
  const startText = selection ? (selection.startMs / 1000).toFixed(1) : ''
  const endText = selection ? (selection.endMs / 1000).toFixed(1) : ''

  const typed = (which: 'startMs' | 'endMs', text: string) => {
    const ms = text.trim() === '' ? Number.NaN : toMs(text)
    const base = selection ?? { startMs: 0, endMs: 0 }
    onSelection({ ...base, [which]: Number.isNaN(ms) ? 0 : ms })
  }

  function add() {
    setError(null)
    const duration = recording.durationMs ?? Number.POSITIVE_INFINITY
    if (!selection || selection.endMs <= selection.startMs) {
      return setError(
        new ApiError(
          400,
          'invalid_input',
          'Choose a stretch whose end is after its start.',
          'range',
        ),
      )
    }
    if (selection.startMs >= duration) {
      return setError(
        new ApiError(400, 'invalid_input', 'The stretch starts after the recording ends.', 'range'),
      )
    }
    onRanges(
      [...ranges, { startMs: selection.startMs, endMs: Math.min(selection.endMs, duration) }].sort(
        (a, b) => a.startMs - b.startMs,
      ),
    )
    onSelection(null)
  }

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    setMade('')
    try {
      requireText(reason, 'reason', 'Give the reason for the redaction.')
      const body = checkInput(RedactionBody, { ranges, reason })
      setBusy(true)
      await api.post<Recording>(`/api/recordings/${recording.id}/redactions`, body)
      onRanges([])
      setReason('')
      setMade('Redacted copy made: it is listed under the original.')
      await onMade()
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="decision redaction"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label="Redact"
    >
      <h4>Redact</h4>
      <div className="inline-form">
        <label>
          Start (s)
          <input
            inputMode="decimal"
            className="short"
            value={startText}
            onChange={(event) => typed('startMs', event.target.value)}
            aria-invalid={invalid(error, 'range')}
          />
        </label>
        <label>
          End (s)
          <input
            inputMode="decimal"
            className="short"
            value={endText}
            onChange={(event) => typed('endMs', event.target.value)}
            aria-invalid={invalid(error, 'range')}
          />
        </label>
        <button type="button" onClick={add}>
          Add the stretch
        </button>
      </div>
      <FieldError error={error} field="range" />
      {ranges.length === 0 ? (
        <p className="muted small">No stretch chosen yet.</p>
      ) : (
        <ul className="ranges" aria-label="Stretches to silence">
          {ranges.map((range, index) => (
            <li key={`${range.startMs}-${range.endMs}`}>
              <span className="tabular">
                {seconds(range.startMs)} – {seconds(range.endMs)}
              </span>{' '}
              <button
                type="button"
                onClick={() => onRanges(ranges.filter((_, at) => at !== index))}
                aria-label={`Remove the stretch ${seconds(range.startMs)} to ${seconds(range.endMs)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError error={error} field="ranges" />
      <label>
        Reason for the redaction
        <input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={invalid(error, 'reason')}
        />
      </label>
      <FieldError error={error} field="reason" />
      <FormError error={error} fields={['range', 'ranges', 'reason']} />
      {made && (
        <p className="success" role="status">
          {made}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || ranges.length === 0}>
        Make redacted copy
      </button>
    </form>
  )
}

function LegalHold({
  recording,
  onChanged,
}: {
  recording: Recording
  onChanged: () => Promise<void>
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const hold = recording.legalHold
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      requireText(reason, 'reason', hold ? 'Say why the hold ends.' : 'Say why it is held.')
      const body = checkInput(LegalHoldBody, { reason })
      setBusy(true)
      const url = `/api/recordings/${recording.id}/legal-hold`
      if (hold) await api.delete(url, body)
      else await api.post(url, body)
      setReason('')
      await onChanged()
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form
      className="inline-form legal-hold"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={hold ? 'Release the legal hold' : 'Place a legal hold'}
    >
      {hold && (
        <p className="small">
          Held since {dateTime(hold.placedAt)} by {hold.placedBy}: {hold.reason}
        </p>
      )}
      <label>
        {hold ? 'Reason to release the hold' : 'Legal hold reason'}
        <input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={invalid(error, 'reason')}
        />
      </label>
      <button type="submit" disabled={busy}>
        {hold ? 'Release the hold' : 'Place a legal hold'}
      </button>
      <FieldError error={error} field="reason" />
      <FormError error={error} fields={['reason']} />
    </form>
  )
}

/** `{"requestNumber":"RR-…","points":800}` → "requestNumber: RR-…; points: 800". */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
}

function CustodyLog({ recordingId }: { recordingId: string }) {
  const read = useRead<CustodyEntry[]>(`/api/recordings/${recordingId}/custody`)
  const entries = read.data ?? []
  return (
    <div className="custody">
      <p className="small">
        <a href={`/api/recordings/${recordingId}/custody.csv`} download>
          Custody log as CSV
        </a>{' '}
        <span className="muted">(the export is itself logged)</span>
      </p>
      <FormError error={read.error} />
      {entries.length === 0 ? (
        <p className="muted">{read.busy ? 'Reading…' : 'No entry.'}</p>
      ) : (
        <table aria-label="Custody log">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
              <th>Who</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="tabular">{dateTime(entry.at)}</td>
                <td>{entry.action.replaceAll('_', ' ')}</td>
                <td>{entry.actor}</td>
                <td className="wrap small">{detailsText(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
