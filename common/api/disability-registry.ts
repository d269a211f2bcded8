import { z } from 'zod'
import { CivicAddress } from './locations.ts'
import { PhoneNumber } from './residents.ts'

/**
 * The disability indicator registry (issue 6). An indicator is confidential: it is shown only at
 * the position handling an active 911 call from its address, never in a list, search, map layer,
 * report, EIDO export or live event.
 */

/** What the call taker should know before help arrives. */
export const DISABILITY_KINDS = [
  'tty',
  'mobility',
  'cognitive',
  'hearing',
  'vision',
  'oxygen_life_support',
  'other',
] as const
export type DisabilityKind = (typeof DISABILITY_KINDS)[number]

export const DISABILITY_KIND_LABELS: Record<DisabilityKind, string> = {
  tty: 'TTY user',
  mobility: 'Mobility',
  cognitive: 'Cognitive',
  hearing: 'Hearing',
  vision: 'Vision',
  oxygen_life_support: 'Oxygen / life support',
  other: 'Other',
}

/** Filed → returned (incomplete, with a reason) or entered (an indicator was created). */
export const DISABILITY_REQUEST_STATUSES = ['filed', 'returned', 'entered'] as const
export type DisabilityRequestStatus = (typeof DISABILITY_REQUEST_STATUSES)[number]

/** Where the request came from: the resident portal, or a paper form the coordinator typed in. */
export const DISABILITY_REQUEST_SOURCES = ['portal', 'paper'] as const

const Note = z.string().trim().max(1000)
const Reason = z.string().trim().min(1).max(500)

/**
 * The resident's request form (POST /api/portal/disability-requests). The address is the home in
 * its civic parts, the apartment or unit included: an indicator belongs to one unit only.
 */
export const DisabilityRequestForm = z.object({
  /** The person the indicator is about (may be someone the resident cares for). */
  personName: z.string().trim().min(1).max(120),
  address: CivicAddress,
  kinds: z.array(z.enum(DISABILITY_KINDS)).min(1, 'pick at least one kind').max(7),
  /** Free text for the call taker, e.g. "uses a wheelchair, bedroom on the 2nd floor". */
  note: Note.default(''),
  /** The phone the household calls from; kept in E.164. */
  contactPhone: PhoneNumber,
})
export type DisabilityRequestForm = z.infer<typeof DisabilityRequestForm>
export type DisabilityRequestFormInput = z.input<typeof DisabilityRequestForm>

/** POST /api/disability-requests: the coordinator enters a paper form (same fields). */
export const PaperDisabilityRequestBody = DisabilityRequestForm
export type PaperDisabilityRequestBody = z.infer<typeof PaperDisabilityRequestBody>

/** GET /api/disability-requests: the coordinator's review queue for their own town. */
export const ListDisabilityRequestsQuery = z.object({
  status: z.enum(DISABILITY_REQUEST_STATUSES).default('filed'),
})
export type ListDisabilityRequestsQuery = z.infer<typeof ListDisabilityRequestsQuery>

/** POST /api/disability-requests/:id/return: incomplete; the resident sees the reason. */
export const ReturnDisabilityRequestBody = z.object({ reason: Reason })
export type ReturnDisabilityRequestBody = z.infer<typeof ReturnDisabilityRequestBody>

/**
 * POST /api/disability-requests/:id/enter: create the indicator at the verified address. An
 * address that does not verify needs the coordinator's override reason.
 */
export const EnterDisabilityRequestBody = z.object({
  overrideReason: Reason.optional(),
})
export type EnterDisabilityRequestBody = z.infer<typeof EnterDisabilityRequestBody>

/** What the resident sees of their own request in the portal. */
export const ResidentDisabilityRequest = z.object({
  id: z.uuid(),
  personName: z.string(),
  address: CivicAddress,
  kinds: z.array(z.enum(DISABILITY_KINDS)),
  note: z.string(),
  contactPhone: z.string(),
  status: z.enum(DISABILITY_REQUEST_STATUSES),
  /** Why it was returned; file a new request with the missing parts. */
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
})
export type ResidentDisabilityRequest = z.infer<typeof ResidentDisabilityRequest>

/** A request as the coordinator reviews it. */
export const DisabilityRequest = ResidentDisabilityRequest.extend({
  source: z.enum(DISABILITY_REQUEST_SOURCES),
  town: z.string(),
  residentAccountId: z.uuid().nullable(),
  enteredByUserId: z.uuid().nullable(),
  decidedByUserId: z.uuid().nullable(),
  indicatorId: z.uuid().nullable(),
})
export type DisabilityRequest = z.infer<typeof DisabilityRequest>

/** A registry entry as the coordinator of its town sees it. */
export const DisabilityIndicator = z.object({
  id: z.uuid(),
  requestId: z.uuid().nullable(),
  personName: z.string(),
  contactPhone: z.string(),
  locationText: z.string(),
  town: z.string(),
  addressKey: z.string(),
  /** Normalised: "Apt 3", "#3", "Unit 3" are all "3"; "" when the address has no unit. */
  unitKey: z.string(),
  kinds: z.array(z.enum(DISABILITY_KINDS)),
  note: z.string(),
  /** Set when the address did not verify and the coordinator entered it anyway. */
  overrideReason: z.string().nullable(),
  active: z.boolean(),
  deactivatedAt: z.string().nullable(),
  deactivatedReason: z.string().nullable(),
  createdAt: z.string(),
  lastVerifiedAt: z.string(),
  /** Not re-verified within the set period: flagged, never removed. */
  reverificationDue: z.boolean(),
})
export type DisabilityIndicator = z.infer<typeof DisabilityIndicator>

/** GET /api/disability-indicators */
export const ListDisabilityIndicatorsQuery = z.object({
  includeInactive: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .default(false),
})
export type ListDisabilityIndicatorsQuery = z.infer<typeof ListDisabilityIndicatorsQuery>

/** GET /api/disability-indicators/reverification */
export const ReverificationQuery = z.object({
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
})
export type ReverificationQuery = z.infer<typeof ReverificationQuery>

/** What the call taker sees on an active 911 call from the indicator's address. */
export const CallDisabilityIndicator = z.object({
  id: z.uuid(),
  personName: z.string(),
  locationText: z.string(),
  kinds: z.array(z.enum(DISABILITY_KINDS)),
  note: z.string(),
  contactPhone: z.string(),
})
export type CallDisabilityIndicator = z.infer<typeof CallDisabilityIndicator>

/** GET /api/calls/:id/disability-indicators: empty alike when there is none and when not shown. */
export const CallDisabilityIndicators = z.object({
  indicators: z.array(CallDisabilityIndicator),
})
export type CallDisabilityIndicators = z.infer<typeof CallDisabilityIndicators>

/** POST /api/disability-indicators/:id/deactivate: kept, with the reason. */
export const DeactivateDisabilityIndicatorBody = z.object({ reason: Reason })
export type DeactivateDisabilityIndicatorBody = z.infer<typeof DeactivateDisabilityIndicatorBody>
