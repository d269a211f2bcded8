import { z } from 'zod'
import { normalizePhone } from '../domain/phone.ts'
import { ALERT_CHANNELS, AlertLanguageCode, OPT_IN_CATEGORIES } from './alerts.ts'
import { Id, Timestamp } from './schemas.ts'

/**
 * Signing up for emergency alerts in the resident portal (a subscription, its addresses and its
 * contacts in order of preference), and the lists administrators import.
 */

/** A resident alerts for at most this many places (home, work, a parent's house…). */
export const MAX_ALERT_ADDRESSES = 5
/** And is reached through at most this many contacts. */
export const MAX_ALERT_CONTACTS = 10

export const OptInCategory = z.enum(OPT_IN_CATEGORIES as [string, ...string[]])

/** PUT /api/portal/alerts/subscription: signs up, changes the choices, or signs up again. */
export const AlertSubscriptionBody = z.object({
  language: AlertLanguageCode,
  /** Opt-in categories; emergencies are always sent and are not listed here. */
  noticeCategories: z
    .array(OptInCategory)
    .max(OPT_IN_CATEGORIES.length)
    .default([])
    .transform((list) => [...new Set(list)]),
})
export type AlertSubscriptionBody = z.infer<typeof AlertSubscriptionBody>

/** POST /api/portal/alerts/addresses: a typed one-line address, verified before it is kept. */
export const AlertAddressBody = z.object({
  line: z.string().trim().min(1, 'an address, for example 12 Main St, Worcester').max(300),
})
export type AlertAddressBody = z.infer<typeof AlertAddressBody>

/** GET /api/portal/alerts/address-check?line=: what an address line would be verified as. */
export const AlertAddressCheckQuery = AlertAddressBody
export const AlertAddressCheck = z.object({
  verified: z.boolean(),
  /** The address as it would be kept, when verified. */
  label: z.string().nullable(),
  /** What the line may have meant, best first, when it is not verified. */
  candidates: z.array(z.string()),
  reason: z.string().nullable(),
})
export type AlertAddressCheck = z.infer<typeof AlertAddressCheck>

const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254))

/** POST /api/portal/alerts/contacts: a phone in E.164 for sms/voice/tty, else an e-mail address. */
export const AlertContactBody = z
  .object({
    channel: z.enum(ALERT_CHANNELS),
    address: z.string().trim().min(1, 'a phone number or e-mail address').max(254),
  })
  .transform((body, context) => {
    if (body.channel === 'email') {
      const email = Email.safeParse(body.address)
      if (email.success) return { channel: body.channel, address: email.data }
      context.addIssue({ code: 'custom', message: 'an e-mail address', path: ['address'] })
      return z.NEVER
    }
    const number = normalizePhone(body.address)
    if (number) return { channel: body.channel, address: number }
    context.addIssue({
      code: 'custom',
      message: 'a phone number with its area code',
      path: ['address'],
    })
    return z.NEVER
  })
export type AlertContactBody = z.output<typeof AlertContactBody>

/** POST /api/portal/alerts/contacts/:id/confirm */
export const ConfirmAlertContactBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'the 6-digit code'),
})
export type ConfirmAlertContactBody = z.infer<typeof ConfirmAlertContactBody>

/** PUT /api/portal/alerts/contacts/order: every live contact's id, most preferred first. */
export const AlertContactOrderBody = z.object({
  ids: z
    .array(Id)
    .min(1, 'at least one contact')
    .max(MAX_ALERT_CONTACTS)
    .refine((ids) => new Set(ids).size === ids.length, 'each contact once'),
})
export type AlertContactOrderBody = z.infer<typeof AlertContactOrderBody>

export const AlertAddressView = z.object({
  id: Id,
  label: z.string(),
  town: z.string(),
  lat: z.number(),
  lon: z.number(),
})
export type AlertAddressView = z.infer<typeof AlertAddressView>

export const AlertContactView = z.object({
  id: Id,
  channel: z.enum(ALERT_CHANNELS),
  address: z.string(),
  /** 1 is tried first. */
  preference: z.number().int(),
  confirmed: z.boolean(),
  confirmedAt: Timestamp.nullable(),
  /** The number replied STOP: nothing is texted to it until it replies START. */
  stopped: z.boolean(),
  /** A phone waiting for its code: when the code lapses and the tries left. */
  codeExpiresAt: Timestamp.nullable(),
  triesLeft: z.number().int().nullable(),
  /** An e-mail address waiting for its link to be opened. */
  awaitingLink: z.boolean(),
})
export type AlertContactView = z.infer<typeof AlertContactView>

export const SUBSCRIPTION_STATES = ['none', 'active', 'unsubscribed'] as const
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number]

/** GET /api/portal/alerts/subscription: state 'none' (with defaults) before signing up. */
export const AlertSubscriptionView = z.object({
  state: z.enum(SUBSCRIPTION_STATES),
  language: AlertLanguageCode,
  noticeCategories: z.array(z.string()),
  addresses: z.array(AlertAddressView),
  contacts: z.array(AlertContactView),
  createdAt: Timestamp.nullable(),
  unsubscribedAt: Timestamp.nullable(),
})
export type AlertSubscriptionView = z.infer<typeof AlertSubscriptionView>

/** POST /api/alerts/unsubscribe (a form post from the page the unsubscribe link opens). */
export const UnsubscribeForm = z.object({
  token: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{20,200}$/, 'the token from the unsubscribe link'),
})
export const UnsubscribeQuery = UnsubscribeForm
export const ConfirmEmailQuery = UnsubscribeForm

/** POST /api/alert-provider/inbound: a text a subscriber sent to the alerts number. */
export const InboundTextBody = z.object({
  from: z.string().trim().min(1).max(32),
  body: z.string().max(1600),
})
export type InboundTextBody = z.infer<typeof InboundTextBody>

export const INBOUND_ACTIONS = ['stopped', 'started', 'help', 'ignored'] as const
export const InboundTextResult = z.object({
  action: z.enum(INBOUND_ACTIONS),
  /** How many contacts with that number changed. */
  contacts: z.number().int(),
  /** The text sent back, if any (also queued in the outbox). */
  reply: z.string().nullable(),
})
export type InboundTextResult = z.infer<typeof InboundTextResult>

export const ALERT_LIST_KINDS = ['emergency_only', 'test'] as const
export type AlertListKind = (typeof ALERT_LIST_KINDS)[number]
export const ALERT_LIST_KIND_LABELS: Record<AlertListKind, string> = {
  emergency_only: 'Emergency-only listings',
  test: 'Test list (staff devices)',
}
/** The most rows one import takes. */
export const MAX_LIST_ROWS = 20_000

/**
 * POST /api/alert-lists: csv has the header `phone,address,town[,name][,channel][,language]`;
 * channel is sms, voice or tty (voice unless said for emergency-only listings, sms for the test
 * list) and language a code of ALERT_LANGUAGES (English unless said).
 */
export const ImportAlertListBody = z.object({
  name: z.string().trim().min(1).max(120),
  kind: z.enum(ALERT_LIST_KINDS),
  source: z.string().trim().max(200).optional(),
  csv: z.string().min(1, 'the CSV text').max(1_000_000, 'at most 1 MB of CSV in one import'),
})
export type ImportAlertListBody = z.infer<typeof ImportAlertListBody>

/** A CSV row that was not imported: its line in the file (the header is line 1), and why. */
export const RejectedRow = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
})
export type RejectedRow = z.infer<typeof RejectedRow>

export const AlertListImportResult = z.object({
  listId: Id,
  imported: z.number().int(),
  rejected: z.array(RejectedRow),
})
export type AlertListImportResult = z.infer<typeof AlertListImportResult>

export const AlertListView = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(ALERT_LIST_KINDS),
  source: z.string().nullable(),
  importedBy: z.string().nullable(),
  importedAt: Timestamp,
  rowCount: z.number().int(),
  /** Subscribers of the list still active. */
  activeCount: z.number().int(),
  retiredAt: Timestamp.nullable(),
})
export type AlertListView = z.infer<typeof AlertListView>
