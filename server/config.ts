import path from 'node:path'
import { z } from 'zod'

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((value) => value === '1' || value === 'true' || value === 'yes')

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A PostgreSQL server. Unset: the embedded database (PGlite) in ECC_DATA_DIR. */
  DATABASE_URL: z.string().min(1).optional(),
  ECC_DATA_DIR: z.string().min(1).default('./data'),
  /** Production refuses the embedded database (no fsync) unless this says it was meant. */
  ECC_ALLOW_EMBEDDED: flag.default(false),
  /** Load the demo center (agencies, positions, one log-in per role) into an empty database. */
  ECC_DEMO: flag.optional(),
  ECC_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  ECC_LOCKOUT_MINUTES: z.coerce.number().int().min(10, 'at least 10 minutes').default(10),
  ECC_IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(30, 'CJIS allows 30 at most')
    .default(30),
  ECC_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365, 'at least 365 days').default(365),
  /** Marks the session cookie Secure; set when the platform is served over https. */
  ECC_SECURE_COOKIES: flag.optional(),
  /** A new call this close (metres) to an open incident is offered it as a possible duplicate. */
  ECC_DUPLICATE_RADIUS_M: z.coerce.number().int().min(10).max(5000).default(250),
  /** ... and only incidents (and same-number calls) this recent, in minutes. */
  ECC_DUPLICATE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** How long commits are gathered into one cross-node signal. */
  ECC_SIGNAL_TICK_MS: z.coerce.number().int().min(1).max(1000).default(5),
  /** How often each node looks for unit status timers that crossed a threshold. */
  ECC_TIMER_SCAN_MS: z.coerce.number().int().min(100).max(3_600_000).default(1000),
  /** How far back the prior incidents at an address are shown on a new call there. */
  ECC_PREMISE_LOOKBACK_DAYS: z.coerce.number().int().min(1).default(365),
  /**
   * The center's domain name: the globally unique part of the ids in the EIDOs it issues
   * (urn:emergency:uid:…:<domain>). Set it to the center's own; the default is a reserved name.
   */
  ECC_CENTER_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'a domain name')
    .default('ecc.example'),
  /** An AVL fix older than this (seconds) is stale: the unit is placed at its station instead. */
  ECC_AVL_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
  /** Time a recommendation's road search may take before it answers by straight line (ms). */
  ECC_ROUTE_BUDGET_MS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** A resident's portal session idle this long ends. */
  ECC_RESIDENT_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** A phone confirmation code lapses after this many minutes ... */
  ECC_PHONE_CODE_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** ... and is spent after this many wrong tries. */
  ECC_PHONE_CODE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /**
   * The text and voice gateway messages to the public are POSTed to. Unset: messages are kept in
   * the outbox (GET /api/outbox) and nothing is sent.
   */
  ECC_MESSAGE_PROVIDER_URL: z.url().optional(),
  ECC_MESSAGE_PROVIDER_TOKEN: z.string().min(1).optional(),
  /** How often each node sends what waits in the outbox (with a provider configured). */
  ECC_OUTBOX_DELIVERY_MS: z.coerce.number().int().min(100).max(3_600_000).default(1000),
  /** A safety profile not re-confirmed for this many days is shown as stale (Smart911: 6 months). */
  ECC_PROFILE_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(183),
  /** The answering position keeps the profile this long after the call closes. */
  ECC_PROFILE_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /** The largest household-member photo accepted, in bytes. */
  ECC_PROFILE_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(2_097_152),
  /** A disability indicator not re-verified for this many days is flagged on the annual list. */
  ECC_DISABILITY_REVERIFY_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** NG911 call ingress over SIP (UDP and TCP). On unless NODE_ENV is test or this says 0. */
  ECC_SIP: flag.optional(),
  ECC_SIP_HOST: z.string().min(1).default('127.0.0.1'),
  /** 0 lets the system choose (tests); the port bound is logged. */
  ECC_SIP_PORT: z.coerce.number().int().min(0).max(65535).default(5060),
  /** The address put in Contact and SDP: where callers reach this node. Default: ECC_SIP_HOST. */
  ECC_SIP_ADVERTISED_ADDRESS: z.string().min(1).optional(),
  ECC_RTP_PORT_MIN: z.coerce.number().int().min(1024).max(65534).default(40000),
  ECC_RTP_PORT_MAX: z.coerce.number().int().min(1025).max(65535).default(40999),
  /** Ringing 911 calls waiting for a call taker; one more is answered 486 (queue full). */
  ECC_SIP_QUEUE_MAX: z.coerce.number().int().min(0).max(10_000).default(50),
  /** Calls in progress on this node; one more is answered 503 with Retry-After. */
  ECC_SIP_MAX_CALLS: z.coerce.number().int().min(1).max(100_000).default(400),
  /** Answer by itself after this many ms (unattended tests only); unset: a call taker answers. */
  ECC_SIP_AUTO_ANSWER_MS: z.coerce.number().int().min(0).max(600_000).optional(),
  /** No audio from the caller for this long raises an alert (never a hang-up). */
  ECC_SIP_SILENCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** A PEM private key (P-256, RSA or Ed25519) that signs the i3 log events as JWS. */
  ECC_I3_LOG_KEY: z.string().min(1).optional(),
  ECC_SIP_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(262_144),
  /** Local time zone of the center: business days, letters and shown times. */
  ECC_TIME_ZONE: z
    .string()
    .refine((zone) => isTimeZone(zone), 'an IANA time zone such as America/New_York')
    .default('America/New_York'),
  /** Where recording files are kept. Unset: a `recordings` folder in ECC_DATA_DIR. */
  ECC_RECORDINGS_DIR: z.string().min(1).optional(),
  /** Massachusetts: PSAPs keep 911 recordings at least one year. */
  ECC_RECORDING_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(365, 'at least 365 days (the legal minimum)')
    .default(365),
  /** The largest recording an upload may carry, in bytes. */
  ECC_RECORDING_MAX_BYTES: z.coerce.number().int().min(1024).default(268_435_456),
  /** How often each node deletes the media of recordings past retention. */
  ECC_RECORDING_SWEEP_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** Records requests: a flat fee per call (Worcester: $30) or the statute's hourly model. */
  ECC_RECORDS_FEE_MODEL: z.enum(['flat', 'hourly']).default('flat'),
  ECC_RECORDS_FEE_CENTS: z.coerce.number().int().min(0).default(3000),
  /** The hourly model: M.G.L. c.66 §10 caps the rate at $25 and frees a town's first 2 hours. */
  ECC_RECORDS_HOURLY_CENTS: z.coerce
    .number()
    .int()
    .min(0)
    .max(2500, 'at most $25 an hour')
    .default(2500),
  ECC_RECORDS_FREE_HOURS: z.coerce.number().min(0).default(2),
  ECC_RECORDS_CHARGE_INVESTIGATORS: flag.default(false),
  /** The public-records response clock, in business days, and the day its warning starts. */
  ECC_RECORDS_RESPONSE_BUSINESS_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  ECC_RECORDS_WARN_BUSINESS_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** The delivery target the center promises ("about two weeks"), in calendar days. */
  ECC_RECORDS_DELIVERY_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** A released file's download link works this many days. */
  ECC_RECORDS_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /**
   * 911 answer-time targets (NENA STA-020.1: 90 % within 15 s, 95 % within 20 s). Settings,
   * because NFPA 1225 editions and local rules disagree.
   */
  ECC_ANSWER_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  ECC_ANSWER_TARGET_PERCENT: z.coerce.number().min(1).max(100).default(90),
  ECC_ANSWER_LIMIT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  ECC_ANSWER_LIMIT_PERCENT: z.coerce.number().min(1).max(100).default(95),
  /**
   * Mass notification throttles, in deliveries per second per channel, and per telephone
   * exchange (NPA-NXX) for voice and TTY calls, so that local exchanges are not overloaded.
   */
  ECC_ALERT_RATE_SMS: z.coerce.number().min(0.1).max(100_000).default(100),
  ECC_ALERT_RATE_VOICE: z.coerce.number().min(0.1).max(100_000).default(20),
  ECC_ALERT_RATE_EMAIL: z.coerce.number().min(0.1).max(100_000).default(50),
  ECC_ALERT_RATE_TTY: z.coerce.number().min(0.1).max(100_000).default(5),
  ECC_ALERT_EXCHANGE_RATE: z.coerce.number().min(0.1).max(100_000).default(2),
  /** Attempts per delivery: voice calls up to 3 (no answer, busy), the others fewer. */
  ECC_ALERT_VOICE_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  ECC_ALERT_OTHER_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(2),
  /** Seconds between attempts of one delivery. */
  ECC_ALERT_RETRY_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** An emergency alert to a whole town waits for a second operator's approval. */
  ECC_ALERT_TOWN_APPROVAL: flag.default(true),
  /** The SMTP server alert e-mails go through (smtp://host:port); unset: e-mail is not sent. */
  ECC_SMTP_URL: z.url().optional(),
  ECC_ALERT_EMAIL_FROM: z.string().min(3).default('alerts@ecc.example'),
  /** The address residents open links at (confirmation, unsubscribe), e.g. https://alerts.city.gov. */
  ECC_PUBLIC_URL: z.url().default('http://localhost:8080'),
  /** CAP: the county's SAME code written with whole-town areas (Worcester County, MA: 025027). */
  ECC_ALERT_COUNTY_SAME: z
    .string()
    .regex(/^\d{6}$/, 'six digits (SAME: state and county FIPS)')
    .default('025027'),
  /** CAP <senderName>: the name residents know the sender by. */
  ECC_ALERT_SENDER_NAME: z.string().min(1).max(200).default('Emergency Communications Center'),
  /** Mass notification delivery runs (throttled senders on the node holding the lease). */
  ECC_ALERT_DELIVERY: flag.optional(),
})

export interface Config {
  env: 'development' | 'production' | 'test'
  port: number
  host: string
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  database: { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string }
  allowEmbeddedInProduction: boolean
  loadDemo: boolean
  lockout: { attempts: number; minutes: number }
  idleTimeoutMinutes: number
  auditRetentionDays: number
  secureCookies: boolean
  signalTickMs: number
  duplicateRadiusM: number
  duplicateWindowMinutes: number
  timerScanMs: number
  premiseLookbackDays: number
  centerDomain: string
  avlStaleSeconds: number
  routeBudgetMs: number
  answerTimes: AnswerTimeTargets
  residentIdleMs: number
  phoneCode: { minutes: number; attempts: number }
  messageProvider: { url: string; token: string | null } | null
  outboxDeliveryMs: number
  safetyProfile: { staleDays: number; graceMinutes: number; photoMaxBytes: number }
  disabilityRegistry: { reverifyDays: number }
  timeZone: string
  alerts: AlertSettings
  sip: SipSettings
  recordings: RecordingSettings
  recordsRequests: RecordsRequestSettings
}

export interface SipSettings {
  enabled: boolean
  host: string
  port: number
  advertisedAddress: string
  rtpPortMin: number
  rtpPortMax: number
  queueMax: number
  maxCalls: number
  autoAnswerMs: number | null
  silenceMs: number
  maxBodyBytes: number
  i3LogKeyPath: string | null
}

export interface RecordingSettings {
  dir: string
  retentionDays: number
  maxBytes: number
  sweepMs: number
}

export interface AlertSettings {
  /** Deliveries per second per channel. */
  rates: Record<'sms' | 'voice' | 'email' | 'tty', number>
  /** Voice and TTY calls per second into one telephone exchange (NPA-NXX). */
  exchangeRate: number
  attempts: { voice: number; other: number }
  retrySeconds: number
  townApproval: boolean
  smtpUrl: string | null
  emailFrom: string
  publicUrl: string
  deliveryEnabled: boolean
  countySame: string
  senderName: string
}

export interface RecordsRequestSettings {
  fee: {
    model: 'flat' | 'hourly'
    flatCents: number
    hourlyCents: number
    freeHours: number
    chargeInvestigators: boolean
  }
  responseBusinessDays: number
  warnBusinessDays: number
  deliveryDays: number
  linkDays: number
}

/** The share of 911 calls to answer within a time, twice: the target and the outer limit. */
export interface AnswerTimeTargets {
  answerSeconds: number
  answerTargetPercent: number
  limitSeconds: number
  limitTargetPercent: number
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** Parses the environment once; the only reader of process.env outside scripts and tests. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`configuration: ${issue?.path.join('.')}: ${issue?.message}`)
  }
  const e = parsed.data
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'server', url: e.DATABASE_URL }
      : { kind: 'embedded', dataDir: path.resolve(e.ECC_DATA_DIR) },
    allowEmbeddedInProduction: e.ECC_ALLOW_EMBEDDED,
    loadDemo: e.ECC_DEMO ?? e.NODE_ENV !== 'production',
    lockout: { attempts: e.ECC_LOCKOUT_ATTEMPTS, minutes: e.ECC_LOCKOUT_MINUTES },
    idleTimeoutMinutes: e.ECC_IDLE_TIMEOUT_MINUTES,
    auditRetentionDays: e.ECC_AUDIT_RETENTION_DAYS,
    secureCookies: e.ECC_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    signalTickMs: e.ECC_SIGNAL_TICK_MS,
    duplicateRadiusM: e.ECC_DUPLICATE_RADIUS_M,
    duplicateWindowMinutes: e.ECC_DUPLICATE_WINDOW_MINUTES,
    timerScanMs: e.ECC_TIMER_SCAN_MS,
    premiseLookbackDays: e.ECC_PREMISE_LOOKBACK_DAYS,
    centerDomain: e.ECC_CENTER_DOMAIN,
    avlStaleSeconds: e.ECC_AVL_STALE_SECONDS,
    routeBudgetMs: e.ECC_ROUTE_BUDGET_MS,
    residentIdleMs: e.ECC_RESIDENT_IDLE_MINUTES * 60_000,
    phoneCode: { minutes: e.ECC_PHONE_CODE_MINUTES, attempts: e.ECC_PHONE_CODE_ATTEMPTS },
    messageProvider: e.ECC_MESSAGE_PROVIDER_URL
      ? { url: e.ECC_MESSAGE_PROVIDER_URL, token: e.ECC_MESSAGE_PROVIDER_TOKEN ?? null }
      : null,
    outboxDeliveryMs: e.ECC_OUTBOX_DELIVERY_MS,
    safetyProfile: {
      staleDays: e.ECC_PROFILE_STALE_DAYS,
      graceMinutes: e.ECC_PROFILE_GRACE_MINUTES,
      photoMaxBytes: e.ECC_PROFILE_PHOTO_MAX_BYTES,
    },
    disabilityRegistry: { reverifyDays: e.ECC_DISABILITY_REVERIFY_DAYS },
    timeZone: e.ECC_TIME_ZONE,
    sip: {
      enabled: e.ECC_SIP ?? e.NODE_ENV !== 'test',
      host: e.ECC_SIP_HOST,
      port: e.ECC_SIP_PORT,
      advertisedAddress:
        e.ECC_SIP_ADVERTISED_ADDRESS ??
        (['0.0.0.0', '::'].includes(e.ECC_SIP_HOST) ? '127.0.0.1' : e.ECC_SIP_HOST),
      rtpPortMin: Math.min(e.ECC_RTP_PORT_MIN, e.ECC_RTP_PORT_MAX),
      rtpPortMax: Math.max(e.ECC_RTP_PORT_MIN, e.ECC_RTP_PORT_MAX),
      queueMax: e.ECC_SIP_QUEUE_MAX,
      maxCalls: e.ECC_SIP_MAX_CALLS,
      autoAnswerMs: e.ECC_SIP_AUTO_ANSWER_MS ?? null,
      silenceMs: e.ECC_SIP_SILENCE_SECONDS * 1000,
      maxBodyBytes: e.ECC_SIP_MAX_BODY_BYTES,
      i3LogKeyPath: e.ECC_I3_LOG_KEY ? path.resolve(e.ECC_I3_LOG_KEY) : null,
    },
    recordings: {
      dir: path.resolve(e.ECC_RECORDINGS_DIR ?? path.join(e.ECC_DATA_DIR, 'recordings')),
      retentionDays: e.ECC_RECORDING_RETENTION_DAYS,
      maxBytes: e.ECC_RECORDING_MAX_BYTES,
      sweepMs: e.ECC_RECORDING_SWEEP_MS,
    },
    recordsRequests: {
      fee: {
        model: e.ECC_RECORDS_FEE_MODEL,
        flatCents: e.ECC_RECORDS_FEE_CENTS,
        hourlyCents: e.ECC_RECORDS_HOURLY_CENTS,
        freeHours: e.ECC_RECORDS_FREE_HOURS,
        chargeInvestigators: e.ECC_RECORDS_CHARGE_INVESTIGATORS,
      },
      responseBusinessDays: e.ECC_RECORDS_RESPONSE_BUSINESS_DAYS,
      warnBusinessDays: e.ECC_RECORDS_WARN_BUSINESS_DAYS,
      deliveryDays: e.ECC_RECORDS_DELIVERY_DAYS,
      linkDays: e.ECC_RECORDS_LINK_DAYS,
    },
    alerts: {
      rates: {
        sms: e.ECC_ALERT_RATE_SMS,
        voice: e.ECC_ALERT_RATE_VOICE,
        email: e.ECC_ALERT_RATE_EMAIL,
        tty: e.ECC_ALERT_RATE_TTY,
      },
      exchangeRate: e.ECC_ALERT_EXCHANGE_RATE,
      attempts: { voice: e.ECC_ALERT_VOICE_ATTEMPTS, other: e.ECC_ALERT_OTHER_ATTEMPTS },
      retrySeconds: e.ECC_ALERT_RETRY_SECONDS,
      townApproval: e.ECC_ALERT_TOWN_APPROVAL,
      smtpUrl: e.ECC_SMTP_URL ?? null,
      emailFrom: e.ECC_ALERT_EMAIL_FROM,
      publicUrl: e.ECC_PUBLIC_URL.replace(/\/+$/, ''),
      deliveryEnabled: e.ECC_ALERT_DELIVERY ?? e.NODE_ENV !== 'test',
      countySame: e.ECC_ALERT_COUNTY_SAME,
      senderName: e.ECC_ALERT_SENDER_NAME,
    },
    answerTimes: {
      answerSeconds: e.ECC_ANSWER_SECONDS,
      answerTargetPercent: e.ECC_ANSWER_TARGET_PERCENT,
      limitSeconds: e.ECC_ANSWER_LIMIT_SECONDS,
      limitTargetPercent: e.ECC_ANSWER_LIMIT_PERCENT,
    },
  }
}
