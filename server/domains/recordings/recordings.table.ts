import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type {
  AudioEncoding,
  CustodyAction,
  RecordingKind,
  RecordingSource,
  TimeRange,
} from '@common/api/recordings.ts'

type Json<T> = ColumnType<T, string | undefined, string>
/** bigint comes back from the drivers as a string. */
type BigInt = ColumnType<string, number | string, number | string>

export interface RecordingsTable {
  id: Generated<string>
  call_id: string
  kind: RecordingKind
  content_type: string
  encoding: AudioEncoding | null
  sample_rate: number | null
  channels: number | null
  duration_ms: number | null
  byte_size: BigInt
  sha256: string
  storage_path: string
  started_at: Date
  source: RecordingSource
  demo: ColumnType<boolean, boolean | undefined, boolean>
  external_id: string | null
  derived_from_id: string | null
  redacted_ranges: Json<TimeRange[]>
  redaction_reason: string | null
  legal_hold_reason: string | null
  legal_hold_at: Date | null
  legal_hold_by_user_id: string | null
  retain_until: Date
  media_deleted_at: Date | null
  created_at: Date
  created_by_user_id: string | null
}
export type RecordingRow = Selectable<RecordingsTable>
export type NewRecordingRow = Insertable<RecordingsTable>
export type RecordingUpdate = Updateable<RecordingsTable>

export interface RecordingCustodyTable {
  id: Generated<string>
  recording_id: string
  action: CustodyAction
  at: Date
  user_id: string | null
  resident_account_id: string | null
  actor: string
  details: Json<Record<string, unknown>>
}
export type CustodyRow = Selectable<RecordingCustodyTable>
export type NewCustodyRow = Insertable<RecordingCustodyTable>
