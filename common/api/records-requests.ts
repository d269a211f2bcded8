import { z } from 'zod'
import { PhoneNumber } from './residents.ts'
import { Id, Timestamp } from './schemas.ts'

/**
 * Records requests for 911 recordings (issue 8). One request covers one call. Caller information
 * is released only to the caller or a law-enforcement investigator (M.G.L. c.166 §14A(d)); a
 * public-records request is answered within 10 business days (M.G.L. c.66 §10), and no fee is
 * charged when that deadline is missed.
 */

export const REQUESTER_TYPES = ['caller', 'investigator', 'other'] as const
export type RequesterType = (typeof REQUESTER_TYPES)[number]

export const REQUESTER_TYPE_LABELS: Record<RequesterType, string> = {
  caller: 'I made the call',
  investigator: 'Law-enforcement investigator',
  other: 'Someone else (third party)',
}

export const REQUEST_SOURCES = ['portal', 'paper'] as const
export type RequestSource = (typeof REQUEST_SOURCES)[number]

/**
 * received → (eligible, call found, fee settled) ready_to_release → released; or refused. A
 * request waits in awaiting_payment while an eligible requester owes the fee.
 */
export const REQUEST_STATUSES = [
  'received',
  'awaiting_payment',
  'ready_to_release',
  'released',
  'refused',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Received',
  awaiting_payment: 'Awaiting payment',
  ready_to_release: 'Ready to release',
  released: 'Released',
  refused: 'Refused',
}

export const ELIGIBILITY_STATES = ['pending', 'eligible', 'refused'] as const
export type EligibilityState = (typeof ELIGIBILITY_STATES)[number]

/** How the requester was found eligible. */
export const ELIGIBILITY_METHODS = [
  /** A code sent to the number that made the call came back. */
  'caller_code',
  /** A clerk checked the caller's identity document. */
  'clerk_id_check',
  /** A clerk confirmed the investigator with the agency. */
  'investigator_confirmed',
] as const
export type EligibilityMethod = (typeof ELIGIBILITY_METHODS)[number]

/** The statute's words on every refusal to a third party. */
export const THIRD_PARTY_REFUSAL =
  'Under Massachusetts General Laws chapter 166, section 14A(d), 911 caller information, ' +
  'including the recording of a call, may be released only to the caller or to a ' +
  'law-enforcement investigator. It cannot be released to a third party.'

/** A local date (America/New_York unless the center says otherwise). */
export const LocalDate = z.iso.date()
/** A local time of day, 24-hour. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)')

/** What the requester knows of the call: the platform finds it in the CAD record from this. */
export const CallDescription = z.object({
  callDate: LocalDate,
  timeFrom: LocalTime,
  timeTo: LocalTime,
  callingNumber: PhoneNumber,
  location: z.string().trim().min(1, 'say where the call was made from').max(300),
  whatHappened: z.string().trim().min(1, 'say briefly what happened').max(2000),
})
export type CallDescription = z.infer<typeof CallDescription>

export const Investigator = z.object({
  agency: z.string().trim().min(2).max(120),
  caseNumber: z.string().trim().min(1).max(60),
  badge: z.string().trim().min(1).max(30),
  officialEmail: z.email(),
  officialPhone: PhoneNumber,
})
export type Investigator = z.infer<typeof Investigator>

const withInvestigator = <T extends { requesterType: RequesterType; investigator?: unknown }>(
  form: T,
  ctx: z.RefinementCtx,
): void => {
  if (form.requesterType === 'investigator' && !form.investigator) {
    ctx.addIssue({
      code: 'custom',
      path: ['investigator'],
      message: 'an investigator gives agency, case number, badge and official contact',
    })
  }
}
const timeOrder = (form: { timeFrom: string; timeTo: string }, ctx: z.RefinementCtx): void => {
  if (form.timeTo < form.timeFrom) {
    ctx.addIssue({ code: 'custom', path: ['timeTo'], message: 'the window ends before it starts' })
  }
}

/** POST /api/portal/records-requests: a resident asks for the recording of one call. */
export const RecordsRequestForm = CallDescription.extend({
  requesterType: z.enum(REQUESTER_TYPES),
  investigator: Investigator.optional(),
})
  .superRefine(timeOrder)
  .superRefine(withInvestigator)
export type RecordsRequestForm = z.infer<typeof RecordsRequestForm>
export type RecordsRequestFormInput = z.input<typeof RecordsRequestForm>

export const Requester = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().optional(),
  phone: PhoneNumber.optional(),
  mailingAddress: z.string().trim().max(300).optional(),
})
export type Requester = z.infer<typeof Requester>

/** POST /api/records-requests: a clerk enters a paper request (the clock starts on receipt). */
export const PaperRecordsRequestForm = CallDescription.extend({
  requesterType: z.enum(REQUESTER_TYPES),
  investigator: Investigator.optional(),
  requester: Requester,
  receivedOn: LocalDate.optional(),
})
  .superRefine(timeOrder)
  .superRefine(withInvestigator)
export type PaperRecordsRequestForm = z.infer<typeof PaperRecordsRequestForm>

export const ID_DOCUMENTS = ['drivers_license', 'state_id', 'passport', 'other'] as const
/** POST /api/records-requests/:id/id-check: the clerk saw the caller's identity document. */
export const IdCheckBody = z.object({
  document: z.enum(ID_DOCUMENTS),
  /** The last 4 characters only: the number itself is not kept. */
  documentLast4: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4}$/, '4 letters or digits')
    .optional(),
  note: z.string().trim().max(500).default(''),
})
export type IdCheckBody = z.infer<typeof IdCheckBody>

/** POST /api/records-requests/:id/investigator-confirmation. */
export const InvestigatorConfirmationBody = z.object({
  /** How the agency was reached, e.g. "called the detective bureau at its listed number". */
  contactedVia: z.string().trim().min(1).max(300),
  note: z.string().trim().max(500).default(''),
})

export const RefusalBody = z.object({ reason: z.string().trim().min(1).max(1000) })
export const MatchCallBody = z.object({ callId: Id })
export const NumberProofBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code'),
})
export const HoursBody = z.object({ hours: z.number().min(0).max(1000) })
export const ReleaseBody = z.object({
  recordingIds: z.array(Id).min(1, 'select at least one recording').max(20),
})

/** POST /api/records-requests/:id/payments: a check, as received. */
export const CheckPaymentBody = z.object({
  checkNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,20}$/, 'the number printed on the check'),
  amountCents: z.number().int().min(1).max(10_000_000),
  receivedOn: LocalDate,
  payer: z.string().trim().min(1).max(120),
})
export type CheckPaymentBody = z.infer<typeof CheckPaymentBody>

export const Payment = CheckPaymentBody.extend({
  id: Id,
  recordedAt: Timestamp,
  recordedBy: z.string(),
})

export const FEE_WAIVERS = ['investigator', 'deadline_missed'] as const
export const Fee = z.object({
  model: z.enum(['flat', 'hourly']),
  /** What is charged before any waiver: the flat fee, or the hours beyond the free ones. */
  amountCents: z.number().int(),
  hours: z.number().nullable(),
  waived: z.enum(FEE_WAIVERS).nullable(),
  paidCents: z.number().int(),
  /** Still owed (0 when waived or paid). */
  dueCents: z.number().int(),
})
export type Fee = z.infer<typeof Fee>

export const DEADLINE_STATES = ['on_time', 'warning', 'overdue', 'met'] as const
export const Deadlines = z.object({
  receivedAt: Timestamp,
  /** The 10-business-day response deadline (end of that local day). */
  responseDueAt: Timestamp,
  /** When the first written response (decision, fee notice, refusal or release) was made. */
  respondedAt: Timestamp.nullable(),
  /** The delivery target (14 calendar days). */
  deliveryDueAt: Timestamp,
  state: z.enum(DEADLINE_STATES),
  /** Business days left to respond (negative when overdue), today not counted. */
  businessDaysLeft: z.number().int(),
})

export const ReleasedFile = z.object({
  recordingId: Id,
  fileName: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  durationMs: z.number().int().nullable(),
  redacted: z.boolean(),
  expiresAt: Timestamp,
  downloads: z.number().int(),
})

export const LETTERS = ['refusal', 'receipt', 'release'] as const
export type Letter = (typeof LETTERS)[number]

/** A request as the requester sees it in the portal. */
export const PortalRecordsRequest = z.object({
  id: Id,
  /** Human number, e.g. RR-2026-000012. */
  number: z.string(),
  source: z.enum(REQUEST_SOURCES),
  requesterType: z.enum(REQUESTER_TYPES),
  description: CallDescription,
  status: z.enum(REQUEST_STATUSES),
  eligibility: z.enum(ELIGIBILITY_STATES),
  /** Whether the calling number was proven by a code, and when. */
  numberProvenAt: Timestamp.nullable(),
  callFound: z.boolean(),
  refusalReason: z.string().nullable(),
  fee: Fee,
  deadlines: Deadlines,
  releasedAt: Timestamp.nullable(),
  files: z.array(ReleasedFile),
  letters: z.array(z.enum(LETTERS)),
})
export type PortalRecordsRequest = z.infer<typeof PortalRecordsRequest>

/** A request as the records clerk sees it. */
export const RecordsRequest = PortalRecordsRequest.extend({
  requester: Requester.extend({ accountId: Id.nullable() }),
  investigator: Investigator.nullable(),
  eligibilityMethod: z.enum(ELIGIBILITY_METHODS).nullable(),
  eligibilityNote: z.string().nullable(),
  call: z
    .object({
      id: Id,
      arrivedAt: Timestamp,
      ani: z.string().nullable(),
      incidentNumber: z.string().nullable(),
    })
    .nullable(),
  payments: z.array(Payment),
  /** Whether the clerk's queue should show it in amber (from business day 7) or red. */
  flagged: z.boolean(),
})
export type RecordsRequest = z.infer<typeof RecordsRequest>

/** A call from the CAD record that may be the one asked for, best first. */
export const CandidateCall = z.object({
  callId: Id,
  arrivedAt: Timestamp,
  ani: z.string().nullable(),
  line: z.string(),
  locationText: z.string().nullable(),
  town: z.string().nullable(),
  incidentNumber: z.string().nullable(),
  natureCode: z.string().nullable(),
  recordingCount: z.number().int(),
  /** The call came from the number the requester gave. */
  numberMatches: z.boolean(),
  /** 0..1: how well time, number and place agree. */
  score: z.number(),
})
export type CandidateCall = z.infer<typeof CandidateCall>

export const RecordsQueueQuery = z.object({
  state: z.enum(['open', 'closed', 'all']).default('open'),
})

export const Holiday = z.object({
  date: LocalDate,
  name: z.string().trim().min(1).max(80),
  /** 'statute' for the Massachusetts list the platform fills in; 'edited' once a clerk changes it. */
  source: z.enum(['statute', 'edited']),
})
export type Holiday = z.infer<typeof Holiday>
export const HolidayBody = z.object({ name: z.string().trim().min(1).max(80) })
export const HolidayParams = z.object({ date: LocalDate })
export const HolidayYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) })

/** POST /api/records-requests/:id/release answers the request with each file's link, shown once. */
export const ReleasedRecordsRequest = RecordsRequest.extend({
  links: z.array(z.object({ recordingId: Id, url: z.string() })),
})
export type ReleasedRecordsRequest = z.infer<typeof ReleasedRecordsRequest>

/** GET .../records-requests/:id/letters/:letter (a PDF). */
export const LetterParams = z.object({ id: Id, letter: z.enum(LETTERS) })
/** GET /api/portal/records-requests/:id/files/:recordingId (the file itself). */
export const ReleasedFileParams = z.object({ id: Id, recordingId: Id })
/** GET /api/records/downloads/:token (the file itself; public: the token is the key). */
export const DownloadParams = z.object({ token: z.string().min(1).max(200) })
