import { z } from 'zod'
import { Id, Timestamp } from './schemas.ts'

/**
 * Mass notification (issue 9): alerts composed by operators from templates, sent to the
 * subscribers inside an area over text, voice, e-mail and TTY, each with its CAP 1.2 document.
 * CAP's own words (status, msgType, category, urgency, severity, certainty) are kept as CAP
 * spells them (OASIS CAP 1.2, standards.md b.4).
 */

export const ALERT_CHANNELS = ['sms', 'voice', 'email', 'tty'] as const
export type AlertChannel = (typeof ALERT_CHANNELS)[number]
export const ALERT_CHANNEL_LABELS: Record<AlertChannel, string> = {
  sms: 'Text message',
  voice: 'Voice call',
  email: 'E-mail',
  tty: 'TTY',
}

/** The 23 languages the city offers, BCP 47 codes with their own names. English is the fallback. */
export const ALERT_LANGUAGES = {
  en: 'English',
  es: 'Español',
  pt: 'Português',
  vi: 'Tiếng Việt',
  ar: 'العربية',
  sq: 'Shqip',
  tw: 'Twi',
  fr: 'Français',
  ht: 'Kreyòl ayisyen',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ru: 'Русский',
  pl: 'Polski',
  el: 'Ελληνικά',
  it: 'Italiano',
  ko: '한국어',
  ne: 'नेपाली',
  sw: 'Kiswahili',
  so: 'Soomaali',
  uk: 'Українська',
  hi: 'हिन्दी',
  km: 'ខ្មែរ',
  tr: 'Türkçe',
} as const
export type AlertLanguage = keyof typeof ALERT_LANGUAGES
export const ALERT_LANGUAGE_CODES = Object.keys(ALERT_LANGUAGES) as AlertLanguage[]
export const AlertLanguageCode = z.enum(ALERT_LANGUAGE_CODES as [AlertLanguage, ...AlertLanguage[]])

/** Emergency is always on; the others are opt-in general notices. */
export const NOTICE_CATEGORIES = [
  'emergency',
  'weather',
  'roads',
  'utilities',
  'community',
] as const
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number]
export const OPT_IN_CATEGORIES = NOTICE_CATEGORIES.filter((c) => c !== 'emergency')
export const NOTICE_CATEGORY_LABELS: Record<NoticeCategory, string> = {
  emergency: 'Emergencies (always on)',
  weather: 'Weather',
  roads: 'Roads, parking bans and snow emergencies',
  utilities: 'Water and utilities',
  community: 'Community notices',
}

export const CAP_STATUSES = ['Actual', 'Exercise', 'Test'] as const
export type CapStatus = (typeof CAP_STATUSES)[number]
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const
export type CapMsgType = (typeof CAP_MSG_TYPES)[number]
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const

/** Phones' short text: WEA's CMAMtext limit, in GSM-7 characters (common/domain/gsm7.ts). */
export const SHORT_TEXT_MAX = 90

/** The text of an alert in one language. */
export const AlertText = z.object({
  headline: z.string().trim().min(1, 'a headline').max(160),
  description: z.string().trim().min(1, 'a description').max(4000),
  instruction: z.string().trim().max(2000).default(''),
  /** For text messages and phones' screens; checked against GSM-7 by the service. */
  shortText: z
    .string()
    .trim()
    .min(1, 'a short text for phones')
    .max(SHORT_TEXT_MAX * 2),
})
export type AlertText = z.infer<typeof AlertText>
/** Text per language; English is required (the fallback for every subscriber). */
export const AlertTexts = z
  .partialRecord(AlertLanguageCode, AlertText)
  .refine((texts) => texts.en !== undefined, { message: 'English text is required', path: ['en'] })
export type AlertTexts = z.infer<typeof AlertTexts>

const Latitude = z.number().min(-90).max(90)
const Longitude = z.number().min(-180).max(180)
export const LatLonPair = z.tuple([Latitude, Longitude])

/** An area's shape: a polygon drawn on the map, a circle, or a whole town. */
export const AreaShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('polygon'),
    /** [lat, lon] corners, at least 3, not closed (the last is not the first). */
    points: z.array(LatLonPair).min(3, 'a polygon needs at least 3 corners').max(500),
  }),
  z.object({
    kind: z.literal('circle'),
    center: LatLonPair,
    radiusKm: z.number().positive().max(100),
  }),
  z.object({ kind: z.literal('town'), town: z.string().trim().min(1) }),
])
export type AreaShape = z.infer<typeof AreaShape>

export const AREA_MODES = ['include', 'exclude'] as const
export const AlertArea = z.object({
  mode: z.enum(AREA_MODES),
  shape: AreaShape,
  label: z.string().trim().max(200).default(''),
})
export type AlertArea = z.infer<typeof AlertArea>

export const ALERT_STATES = [
  'draft',
  'awaiting_approval',
  'sending',
  'sent',
  'discarded',
  'rejected',
] as const
export type AlertState = (typeof ALERT_STATES)[number]
export const ALERT_STATE_LABELS: Record<AlertState, string> = {
  draft: 'Draft',
  awaiting_approval: 'Awaiting approval',
  sending: 'Sending',
  sent: 'Sent',
  discarded: 'Discarded',
  rejected: 'Rejected',
}

/** What an alert says and to whom: what a template fills in and a draft carries. */
const AlertContent = {
  noticeCategory: z.enum(NOTICE_CATEGORIES),
  capCategory: z.enum(CAP_CATEGORIES),
  event: z.string().trim().min(1).max(200),
  urgency: z.enum(CAP_URGENCIES),
  severity: z.enum(CAP_SEVERITIES),
  certainty: z.enum(CAP_CERTAINTIES),
  texts: AlertTexts,
}

export const AlertDraftBody = z.object({
  templateId: Id.nullable().default(null),
  status: z.enum(CAP_STATUSES),
  ...AlertContent,
  areas: z.array(AlertArea).max(50).default([]),
  channels: z.array(z.enum(ALERT_CHANNELS)).min(1, 'at least one channel').max(4),
  expiresAt: Timestamp.nullable().default(null),
})
export type AlertDraftBody = z.infer<typeof AlertDraftBody>

export const AlertView = z.object({
  id: Id,
  identifier: z.string(),
  status: z.enum(CAP_STATUSES),
  msgType: z.enum(CAP_MSG_TYPES),
  referencesAlertId: Id.nullable(),
  referencesIdentifier: z.string().nullable(),
  templateId: Id.nullable(),
  noticeCategory: z.enum(NOTICE_CATEGORIES),
  capCategory: z.enum(CAP_CATEGORIES),
  event: z.string(),
  urgency: z.enum(CAP_URGENCIES),
  severity: z.enum(CAP_SEVERITIES),
  certainty: z.enum(CAP_CERTAINTIES),
  texts: AlertTexts,
  areas: z.array(AlertArea),
  channels: z.array(z.enum(ALERT_CHANNELS)),
  expiresAt: Timestamp.nullable(),
  state: z.enum(ALERT_STATES),
  approvalRequired: z.boolean(),
  excludeConfirmed: z.boolean(),
  createdBy: z.string(),
  createdAt: Timestamp,
  submittedBy: z.string().nullable(),
  submittedAt: Timestamp.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: Timestamp.nullable(),
  rejectedReason: z.string().nullable(),
  sentAt: Timestamp.nullable(),
  recipientCount: z.number().int().nullable(),
  estimateSeconds: z.number().int().nullable(),
})
export type AlertView = z.infer<typeof AlertView>

export const ListAlertsQuery = z.object({
  state: z.enum(ALERT_STATES).optional(),
  status: z.enum(CAP_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const ChannelCounts = z.object({
  sms: z.number().int(),
  voice: z.number().int(),
  email: z.number().int(),
  tty: z.number().int(),
})
export type ChannelCounts = z.infer<typeof ChannelCounts>

/** Why a send is not yet allowed, or what it will need: shown before sending. */
export const SEND_CHECKS = [
  'no_include_area',
  'exclude_needs_confirmation',
  'needs_approval',
  'short_text_not_gsm7',
  'short_text_too_long',
  'no_recipients',
] as const
export type SendCheck = (typeof SEND_CHECKS)[number]

/** What a send would do, computed from the subscribers now. */
export const AlertPreview = z.object({
  subscribers: z.number().int(),
  deliveries: ChannelCounts,
  /** Subscribers' places inside the area, thinned to at most `sampleLimit` for the map. */
  points: z.array(LatLonPair),
  sampleLimit: z.number().int(),
  /** Seconds to drain every delivery under the throttles, with the queue already ahead. */
  estimateSeconds: z.number().int(),
  estimateByChannel: ChannelCounts,
  checks: z.array(z.enum(SEND_CHECKS)),
  /** Milliseconds the selection took (shown to operators; the benchmark reads it too). */
  selectionMs: z.number(),
})
export type AlertPreview = z.infer<typeof AlertPreview>

export const SendAlertBody = z.object({
  /** The second, explicit confirmation an exclude area needs. */
  confirmExclude: z.boolean().default(false),
})

export const RejectAlertBody = z.object({ reason: z.string().trim().min(1).max(500) })

export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** One channel's line of the live delivery report. */
export const ChannelReport = z.object({
  channel: z.enum(ALERT_CHANNELS),
  total: z.number().int(),
  attempted: z.number().int(),
  delivered: z.number().int(),
  /** Sent to the provider, no receipt yet. */
  sent: z.number().int(),
  failed: z.number().int(),
  /** Deliveries that needed more than one attempt. */
  retried: z.number().int(),
  pending: z.number().int(),
  firstAttemptAt: Timestamp.nullable(),
  lastAttemptAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
})
export const DeliveryReport = z.object({
  alertId: Id,
  channels: z.array(ChannelReport),
  /** Completed (delivered, sent or failed) deliveries per minute since the send, for the chart. */
  timeline: z.array(z.object({ at: Timestamp, done: z.number().int(), failed: z.number().int() })),
})
export type DeliveryReport = z.infer<typeof DeliveryReport>

export const AlertTemplateBody = z.object({
  name: z.string().trim().min(1).max(120),
  ...AlertContent,
})
export const AlertTemplateView = AlertTemplateBody.extend({
  id: Id,
  updatedAt: Timestamp,
})
export type AlertTemplateView = z.infer<typeof AlertTemplateView>
