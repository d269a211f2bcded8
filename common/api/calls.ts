import { z } from 'zod'
import { CALL_ATTACHMENTS, CALL_LINES, CALL_STATUSES, LOCATION_SOURCES } from '../domain/calls.ts'
import { INCIDENT_KINDS } from '../domain/incidents.ts'
import { IncidentLocationInput, Incident } from './incidents.ts'
import { CivicAddress, LocationInput } from './locations.ts'
import { PremiseInfo } from './premises.ts'
import { Code, Id } from './schemas.ts'

/** A callback number as delivered: digits, optionally with a leading +. */
const Ani = z
  .string()
  .trim()
  .regex(/^\+?\d{3,15}$/, 'digits only, optionally starting with +')

/**
 * POST /api/calls: a phone system offers a ringing call. `externalId` is the phone system's own
 * id for the call; offering it again returns the same call (a retried request is not a new call).
 */
export const OfferCallBody = z.object({
  externalId: z.string().trim().min(1).max(200).optional(),
  line: z.enum(CALL_LINES),
  ani: Ani.optional(),
  callerName: z.string().trim().min(1).max(120).optional(),
  /** Class of service as ALI gives it: RESD, BUSN, WRLS, VOIP, PAY … */
  classOfService: z.string().trim().min(1).max(16).optional(),
  trunk: z.string().trim().min(1).max(64).optional(),
  queue: z.string().trim().min(1).max(64).optional(),
  location: LocationInput.optional(),
})
export type OfferCallBody = z.infer<typeof OfferCallBody>

export const ListCallsQuery = z.object({
  /** Calls a call taker still has work on: not closed. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  line: z.enum(CALL_LINES).optional(),
  incidentId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListCallsQuery = z.infer<typeof ListCallsQuery>

/** POST /api/calls/:id/answer. Staff answer at their own position; a phone system names it. */
export const AnswerCallBody = z.object({ position: Code.optional() })
export type AnswerCallBody = z.infer<typeof AnswerCallBody>

export const TransferCallBody = z.object({
  /** Where the call went: an agency code or a line ("WPD", "State Police", "Poison Control"). */
  to: z.string().trim().min(1).max(80),
})
export type TransferCallBody = z.infer<typeof TransferCallBody>

/** POST /api/calls/:id/incident: the call becomes a new incident. */
export const CreateIncidentFromCallBody = z.object({
  natureCode: z.string().trim().toUpperCase().min(1).max(24),
  priority: z.number().int().min(1).max(5).optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  /** By default the call's primary location. */
  location: IncidentLocationInput.optional(),
  agencyId: Id.optional(),
  narrative: z.string().trim().min(1).max(4000).optional(),
})
export type CreateIncidentFromCallBody = z.infer<typeof CreateIncidentFromCallBody>

export const AttachCallBody = z.object({ incidentId: Id })
export type AttachCallBody = z.infer<typeof AttachCallBody>

export const DismissDuplicateBody = z.object({
  incidentId: Id,
  reason: z.string().trim().min(1).max(300).optional(),
})
export type DismissDuplicateBody = z.infer<typeof DismissDuplicateBody>

export const CloseCallBody = z.object({
  /** Needed when the call is on no incident: hang-up, misdial, information only … */
  disposition: z.string().trim().min(1).max(40).optional(),
})
export type CloseCallBody = z.infer<typeof CloseCallBody>

export const CallLocation = z.object({
  id: z.uuid(),
  source: z.enum(LOCATION_SOURCES),
  text: z.string().nullable(),
  address: CivicAddress.nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  uncertaintyM: z.number().nullable(),
  confidencePct: z.number().nullable(),
  receivedAt: z.string(),
  isPrimary: z.boolean(),
  promotedAt: z.string().nullable(),
})
export type CallLocation = z.infer<typeof CallLocation>

export const DuplicateCandidate = z.object({
  incidentId: z.uuid(),
  number: z.string(),
  natureCode: z.string(),
  locationText: z.string(),
  distanceM: z.number().nullable(),
  minutesAgo: z.number(),
  reasons: z.array(z.enum(['nearby', 'same_callback_number'])),
})

export const Call = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  line: z.enum(CALL_LINES),
  ani: z.string().nullable(),
  callerName: z.string().nullable(),
  classOfService: z.string().nullable(),
  trunk: z.string().nullable(),
  queue: z.string().nullable(),
  status: z.enum(CALL_STATUSES),
  arrivedAt: z.string(),
  answeredAt: z.string().nullable(),
  answeredByPositionId: z.uuid().nullable(),
  transferredAt: z.string().nullable(),
  transferredTo: z.string().nullable(),
  releasedAt: z.string().nullable(),
  /** Released before anyone answered. */
  abandoned: z.boolean(),
  incidentId: z.uuid().nullable(),
  attachedAs: z.enum(CALL_ATTACHMENTS).nullable(),
  incidentLinkedAt: z.string().nullable(),
  disposition: z.string().nullable(),
  closedAt: z.string().nullable(),
  locations: z.array(CallLocation),
})
export type Call = z.infer<typeof Call>

/** What the call taker's screen shows for a call: the call, its duplicates, the premise. */
export const CallView = Call.extend({
  duplicateCandidates: z.array(DuplicateCandidate),
  premise: PremiseInfo.nullable(),
})
export type CallView = z.infer<typeof CallView>

export const CallWithIncident = z.object({ call: CallView, incident: Incident })
export type CallWithIncident = z.infer<typeof CallWithIncident>

/** One RFC 7852 block as read from the call: the call taker sees fields, not raw XML. */
export const AdditionalData = z.object({
  block: z.string(),
  byValue: z.boolean(),
  uri: z.string(),
  summary: z.string().nullable(),
  fields: z.array(z.object({ name: z.string(), value: z.string() })),
  problems: z.array(z.string()),
})
export type AdditionalData = z.infer<typeof AdditionalData>

/** GET /api/calls/:id/delivery: what the network delivered with an NG911 call. */
export const CallDelivery = z.object({
  callId: Id,
  protocol: z.literal('sip'),
  transport: z.string(),
  emergencyCallId: z.string().nullable(),
  emergencyIncidentId: z.string().nullable(),
  service: z.string().nullable(),
  additionalData: z.array(AdditionalData),
  /** What could not be read (location, additional data, body): the call went on regardless. */
  problems: z.array(z.string()),
  receivedAt: z.iso.datetime(),
})
export type CallDelivery = z.infer<typeof CallDelivery>

export const CALL_TEXT_DIRECTIONS = ['from_caller', 'to_caller'] as const
export const CALL_TEXT_CHANNELS = ['sip_message', 'tty'] as const

export const CallText = z.object({
  id: Id,
  callId: Id,
  direction: z.enum(CALL_TEXT_DIRECTIONS),
  channel: z.enum(CALL_TEXT_CHANNELS),
  body: z.string(),
  sentByUserId: Id.nullable(),
  at: z.iso.datetime(),
})
export type CallText = z.infer<typeof CallText>

/** POST /api/calls/:id/texts: the call taker's reply, sent on the channel the caller used. */
export const SendTextBody = z.object({
  body: z.string().trim().min(1, 'type a reply').max(1000),
  channel: z.enum(CALL_TEXT_CHANNELS).default('sip_message'),
})
export type SendTextBody = z.infer<typeof SendTextBody>
