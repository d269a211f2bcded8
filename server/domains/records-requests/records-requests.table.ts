import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Investigator } from '@common/api/records-requests.ts'
import type {
  EligibilityMethod,
  EligibilityState,
  RequesterType,
  RequestSource,
} from '@common/api/records-requests.ts'

type Json<T> = ColumnType<T, string | null, string | null>
/** bigint comes back from the drivers as a string. */
type BigInt = ColumnType<string, number | string, number | string>

export interface RecordsHolidaysTable {
  /** Selected as text (YYYY-MM-DD) by the repository: a driver's Date would shift it by the zone. */
  date: ColumnType<string, string, string>
  name: string
  source: 'statute' | 'edited'
  deleted: ColumnType<boolean, boolean | undefined, boolean>
}

export interface RecordsHolidayYearsTable {
  year: number
  filled_at: Date
}

export interface RecordsRequestCountersTable {
  year: number
  last_value: number
}

export interface RecordsRequestsTable {
  id: Generated<string>
  number: string
  source: RequestSource
  resident_account_id: string | null
  entered_by_user_id: string | null
  requester_name: string
  requester_email: string | null
  requester_phone: string | null
  requester_address: string | null
  requester_type: RequesterType
  investigator: Json<Investigator | null>
  call_date: string
  time_from: string
  time_to: string
  calling_number: string
  location: string
  what_happened: string
  call_id: string | null
  call_linked_at: Date | null
  call_linked_by_user_id: string | null
  eligibility: ColumnType<EligibilityState, EligibilityState | undefined, EligibilityState>
  eligibility_method: EligibilityMethod | null
  eligibility_note: string | null
  eligibility_decided_by_user_id: string | null
  eligibility_decided_at: Date | null
  refusal_reason: string | null
  refused_at: Date | null
  number_code_hash: string | null
  number_code_expires_at: Date | null
  number_code_attempts: ColumnType<number, number | undefined, number>
  proven_number: string | null
  number_proven_at: Date | null
  fee_hours: number | null
  received_at: Date
  responded_at: Date | null
  released_at: Date | null
  created_at: Date
}
export type RecordsRequestRow = Selectable<RecordsRequestsTable>
export type NewRecordsRequestRow = Insertable<RecordsRequestsTable>
export type RecordsRequestUpdate = Updateable<RecordsRequestsTable>

export interface RecordsRequestPaymentsTable {
  id: Generated<string>
  request_id: string
  check_number: string
  amount_cents: number
  received_on: string
  payer: string
  recorded_by_user_id: string | null
  recorded_at: Date
}
export type RecordsPaymentRow = Selectable<RecordsRequestPaymentsTable>

export interface RecordsReleaseFilesTable {
  id: Generated<string>
  request_id: string
  recording_id: string
  token_sha256: string
  file_name: string
  sha256: string
  byte_size: BigInt
  duration_ms: number | null
  redacted: boolean
  expires_at: Date
  created_at: Date
}
export type RecordsReleaseFileRow = Selectable<RecordsReleaseFilesTable>

export interface RecordsDownloadsTable {
  id: Generated<string>
  file_id: string
  at: Date
  by: string
  resident_account_id: string | null
}
