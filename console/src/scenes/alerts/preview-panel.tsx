import { ALERT_CHANNELS, type AlertPreview, type AlertView } from '@common/api/alerts.ts'
import {
  BLOCKING_CHECKS,
  CHECK_WORDS,
  channelWords,
  countWords,
  estimateWords,
} from './alert-words.ts'

/** What a send would do, from the subscribers now: counts per channel, the estimate, the checks. */
export function PreviewPanel({
  preview,
  stale,
  channels,
}: {
  preview: AlertPreview | null
  stale: boolean
  channels: AlertView['channels']
}) {
  if (!preview) {
    return (
      <p className="muted" data-testid="alert-preview">
        No preview yet. Preview shows who the alert would reach before anything is sent.
      </p>
    )
  }
  return (
    <div className={`alert-preview${stale ? ' stale' : ''}`} data-testid="alert-preview">
      {stale && (
        <p className="stale-note" role="status">
          The alert changed since this preview: preview again before sending.
        </p>
      )}
      <p className="preview-total">
        <strong className="tabular" data-testid="preview-subscribers">
          {countWords(preview.subscribers, 'subscriber')}
        </strong>{' '}
        inside the area · done in <strong>{estimateWords(preview.estimateSeconds)}</strong>
        <span className="muted small"> (selection took {Math.round(preview.selectionMs)} ms)</span>
      </p>
      <table aria-label="Deliveries per channel">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Deliveries</th>
            <th>Done in</th>
          </tr>
        </thead>
        <tbody>
          {ALERT_CHANNELS.filter((channel) => channels.includes(channel)).map((channel) => (
            <tr key={channel} data-testid={`preview-${channel}`}>
              <td>{channelWords(channel)}</td>
              <td className="tabular">{preview.deliveries[channel].toLocaleString('en-US')}</td>
              <td>{estimateWords(preview.estimateByChannel[channel])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.points.length > 0 && (
        <p className="muted small">
          Green dots on the map: {preview.points.length.toLocaleString('en-US')} of the subscribers'
          places
          {preview.points.length < preview.subscribers ? ' (a sample)' : ''}.
        </p>
      )}
      {preview.checks.length > 0 && (
        <ul className="checks" aria-label="Before sending">
          {preview.checks.map((check) => (
            <li
              key={check}
              className={BLOCKING_CHECKS.has(check) ? 'check-blocking' : 'check-note'}
            >
              {CHECK_WORDS[check]}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
