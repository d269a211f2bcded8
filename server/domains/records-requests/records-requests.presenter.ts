import type {
  Letter,
  PortalRecordsRequest,
  RecordsRequest,
  RequestStatus,
} from '@common/api/records-requests.ts'
import type { Config } from '../../config.ts'
import { computeDeadlines, type DeadlineView } from './business-days.ts'
import { computeFee, feeSettled } from './fees.ts'
import type {
  CallSummaryRow,
  PaymentWithRecorder,
  ReleaseFileWithCount,
} from './records-requests.repository.ts'
import type { RecordsRequestRow } from './records-requests.table.ts'

/** What a request's view is made of besides its row. */
export interface RequestParts {
  row: RecordsRequestRow
  payments: PaymentWithRecorder[]
  files: ReleaseFileWithCount[]
  call: CallSummaryRow | null
}

export interface Assessment {
  deadlines: DeadlineView
  fee: ReturnType<typeof computeFee>
  status: RequestStatus
  letters: Letter[]
}

/** Deadlines, fee, status and the letters due, derived from the row: nothing of it is stored. */
export function assessRequest(
  parts: Pick<RequestParts, 'row' | 'payments'>,
  config: Config,
  holidays: ReadonlySet<string>,
  now: Date,
): Assessment {
  const { row, payments } = parts
  const settings = config.recordsRequests
  const deadlines = computeDeadlines({
    receivedAt: row.received_at,
    respondedAt: row.responded_at,
    now,
    responseBusinessDays: settings.responseBusinessDays,
    warnBusinessDays: settings.warnBusinessDays,
    deliveryDays: settings.deliveryDays,
    timeZone: config.timeZone,
    holidays,
  })
  const fee = computeFee({
    settings: settings.fee,
    requesterType: row.requester_type,
    hours: row.fee_hours,
    paidCents: payments.reduce((sum, payment) => sum + payment.amount_cents, 0),
    deadlineMissed: deadlines.missed,
  })
  const status: RequestStatus =
    row.eligibility === 'refused'
      ? 'refused'
      : row.released_at
        ? 'released'
        : row.eligibility === 'eligible' && row.call_id
          ? fee.dueCents > 0
            ? 'awaiting_payment'
            : feeSettled(fee)
              ? 'ready_to_release'
              : 'received'
          : 'received'
  const letters: Letter[] = []
  if (row.eligibility === 'refused') letters.push('refusal')
  if (payments.length > 0) letters.push('receipt')
  if (row.released_at) letters.push('release')
  return { deadlines, fee, status, letters }
}

export function presentPortalRequest(
  parts: RequestParts,
  assessment: Assessment,
): PortalRecordsRequest {
  const { row, files } = parts
  const { deadlines } = assessment
  return {
    id: row.id,
    number: row.number,
    source: row.source,
    requesterType: row.requester_type,
    description: {
      callDate: row.call_date,
      timeFrom: row.time_from,
      timeTo: row.time_to,
      callingNumber: row.calling_number,
      location: row.location,
      whatHappened: row.what_happened,
    },
    status: assessment.status,
    eligibility: row.eligibility,
    numberProvenAt: iso(row.number_proven_at),
    // Shown to the requester only once they are eligible: otherwise filing a request would
    // tell anyone whether a call came from a number at a time.
    callFound: row.call_id !== null && row.eligibility === 'eligible',
    refusalReason: row.refusal_reason,
    fee: assessment.fee,
    deadlines: {
      receivedAt: deadlines.receivedAt.toISOString(),
      responseDueAt: deadlines.responseDueAt.toISOString(),
      respondedAt: iso(deadlines.respondedAt),
      deliveryDueAt: deadlines.deliveryDueAt.toISOString(),
      state: deadlines.state,
      businessDaysLeft: deadlines.businessDaysLeft,
    },
    releasedAt: iso(row.released_at),
    files: files.map((file) => ({
      recordingId: file.recording_id,
      fileName: file.file_name,
      sha256: file.sha256,
      byteSize: Number(file.byte_size),
      durationMs: file.duration_ms,
      redacted: file.redacted,
      expiresAt: file.expires_at.toISOString(),
      downloads: Number(file.downloads),
    })),
    letters: assessment.letters,
  }
}

export function presentRequest(parts: RequestParts, assessment: Assessment): RecordsRequest {
  const { row, call } = parts
  return {
    ...presentPortalRequest(parts, assessment),
    callFound: row.call_id !== null,
    requester: {
      name: row.requester_name,
      ...(row.requester_email ? { email: row.requester_email } : {}),
      ...(row.requester_phone ? { phone: row.requester_phone } : {}),
      ...(row.requester_address ? { mailingAddress: row.requester_address } : {}),
      accountId: row.resident_account_id,
    },
    investigator: row.investigator,
    eligibilityMethod: row.eligibility_method,
    eligibilityNote: row.eligibility_note,
    call: call
      ? {
          id: call.id,
          arrivedAt: call.arrived_at.toISOString(),
          ani: call.ani,
          incidentNumber: call.incident_number,
        }
      : null,
    payments: parts.payments.map((payment) => ({
      id: payment.id,
      checkNumber: payment.check_number,
      amountCents: payment.amount_cents,
      receivedOn: payment.received_on,
      payer: payment.payer,
      recordedAt: payment.recorded_at.toISOString(),
      recordedBy: payment.recorded_by ?? 'unknown',
    })),
    flagged: assessment.deadlines.state === 'warning' || assessment.deadlines.state === 'overdue',
  }
}

function iso(at: Date | null): string | null {
  return at ? at.toISOString() : null
}
