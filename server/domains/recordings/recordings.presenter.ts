import type { CustodyEntry, Recording, Waveform } from '@common/api/recordings.ts'
import type { RecordingView } from './recordings.repository.ts'
import type { CustodyRow } from './recordings.table.ts'

export function presentRecording(row: RecordingView): Recording {
  return {
    id: row.id,
    callId: row.call_id,
    kind: row.kind,
    contentType: row.content_type,
    encoding: row.encoding,
    sampleRate: row.sample_rate,
    channels: row.channels,
    durationMs: row.duration_ms,
    byteSize: Number(row.byte_size),
    sha256: row.sha256,
    startedAt: row.started_at.toISOString(),
    source: row.source,
    demo: row.demo,
    derivedFromId: row.derived_from_id,
    redactedRanges: row.redacted_ranges,
    redactionReason: row.redaction_reason,
    legalHold:
      row.legal_hold_at && row.legal_hold_reason
        ? {
            reason: row.legal_hold_reason,
            placedAt: row.legal_hold_at.toISOString(),
            placedBy: row.legal_hold_by_username ?? 'system',
          }
        : null,
    retainUntil: row.retain_until.toISOString(),
    mediaDeletedAt: row.media_deleted_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  }
}

export function presentCustody(row: CustodyRow): CustodyEntry {
  return {
    id: row.id,
    recordingId: row.recording_id,
    action: row.action,
    at: row.at.toISOString(),
    actor: row.actor,
    details: row.details,
  }
}

export function presentWaveform(
  recordingId: string,
  durationMs: number,
  peaks: number[],
): Waveform {
  return { recordingId, durationMs, peaks }
}

const CSV_COLUMNS = ['at', 'action', 'actor', 'details'] as const

/** The chain of custody as CSV (RFC 4180), times in UTC ISO 8601. */
export function custodyCsv(recording: RecordingView, rows: CustodyRow[]): string {
  const lines = [
    ['recording', 'call', 'sha256', ...CSV_COLUMNS].join(','),
    ...rows.map((row) =>
      [
        recording.id,
        recording.call_id,
        recording.sha256,
        row.at.toISOString(),
        row.action,
        row.actor,
        JSON.stringify(row.details),
      ]
        .map(csvField)
        .join(','),
    ),
  ]
  return `${lines.join('\r\n')}\r\n`
}

function csvField(value: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
