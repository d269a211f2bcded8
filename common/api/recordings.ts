import { z } from 'zod'
import { Id, Timestamp } from './schemas.ts'

/**
 * 911 recordings (issue 8). A recording is never modified: a redaction is a new file that links
 * to its original. Media past retention is deleted; the metadata and the custody log stay.
 * Every read of the media (playback, waveform, export, download) is audited and logged in the
 * recording's chain of custody.
 */

export const RECORDING_KINDS = ['audio', 'transcript'] as const
export type RecordingKind = (typeof RECORDING_KINDS)[number]

/** How the file came to be. */
export const RECORDING_SOURCES = ['upload', 'sip', 'demo', 'redaction'] as const
export type RecordingSource = (typeof RECORDING_SOURCES)[number]

/** Audio encodings a WAV may carry (G.711 as recorded from the line, or linear PCM). */
export const AUDIO_ENCODINGS = ['pcm16', 'pcmu', 'pcma'] as const
export type AudioEncoding = (typeof AUDIO_ENCODINGS)[number]

/** A silenced stretch of a redacted copy, in milliseconds from the start of the original. */
export const TimeRange = z
  .object({
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(1),
  })
  .refine((range) => range.endMs > range.startMs, {
    message: 'endMs must be after startMs',
    path: ['endMs'],
  })
export type TimeRange = z.infer<typeof TimeRange>

export const Recording = z.object({
  id: Id,
  callId: Id,
  kind: z.enum(RECORDING_KINDS),
  /** 'audio/wav' or 'text/plain'. */
  contentType: z.string(),
  encoding: z.enum(AUDIO_ENCODINGS).nullable(),
  sampleRate: z.number().int().nullable(),
  channels: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  byteSize: z.number().int(),
  /** Hex SHA-256 of the file as stored. */
  sha256: z.string(),
  startedAt: Timestamp,
  source: z.enum(RECORDING_SOURCES),
  /** Made up for the demo center: never evidence. */
  demo: z.boolean(),
  /** The original this copy was derived from, and what was silenced in it. */
  derivedFromId: Id.nullable(),
  redactedRanges: z.array(TimeRange),
  redactionReason: z.string().nullable(),
  legalHold: z.object({ reason: z.string(), placedAt: Timestamp, placedBy: z.string() }).nullable(),
  /** When retention ends; the media is deleted then unless a legal hold stands. */
  retainUntil: Timestamp,
  mediaDeletedAt: Timestamp.nullable(),
  createdAt: Timestamp,
})
export type Recording = z.infer<typeof Recording>

/**
 * POST /api/calls/:id/recordings: the body is the file itself (audio/wav, or text/plain for a
 * text call's transcript); these come as query parameters.
 */
export const RecordingUploadQuery = z.object({
  /** When the recording began; the call's arrival when not given. */
  startedAt: Timestamp.optional(),
  /** The external recorder's own id, kept for cross-reference. */
  externalId: z.string().trim().min(1).max(200).optional(),
})
export type RecordingUploadQuery = z.infer<typeof RecordingUploadQuery>

export const WaveformQuery = z.object({
  points: z.coerce.number().int().min(10).max(4000).default(800),
})

/** Peak levels (0..1) over equal slices of the recording, for drawing its waveform. */
export const Waveform = z.object({
  recordingId: Id,
  durationMs: z.number().int(),
  peaks: z.array(z.number().min(0).max(1)),
})
export type Waveform = z.infer<typeof Waveform>

const Reason = z.string().trim().min(1, 'give a reason').max(500)

export const LegalHoldBody = z.object({ reason: Reason })
export type LegalHoldBody = z.infer<typeof LegalHoldBody>

export const RedactionBody = z.object({
  ranges: z.array(TimeRange).min(1, 'select at least one range').max(100),
  reason: Reason,
})
export type RedactionBody = z.infer<typeof RedactionBody>

export const CUSTODY_ACTIONS = [
  'ingested',
  'played',
  'waveform_viewed',
  'exported',
  'redacted',
  'derived',
  'legal_hold_placed',
  'legal_hold_released',
  'released',
  'downloaded',
  'media_expired',
  'custody_exported',
] as const
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number]

/** One line of a recording's chain of custody: who did what to it, when. */
export const CustodyEntry = z.object({
  id: Id,
  recordingId: Id,
  action: z.enum(CUSTODY_ACTIONS),
  at: Timestamp,
  /** A member of staff, a resident (downloads), or the system (expiry). */
  actor: z.string(),
  details: z.record(z.string(), z.unknown()),
})
export type CustodyEntry = z.infer<typeof CustodyEntry>
