import { z } from 'zod'
import { UNIT_STATUSES } from '../domain/units.ts'

/** How far a status timer has run: a warning first, then an alert. */
export const UNIT_TIMER_LEVELS = ['warn', 'alert'] as const
export type UnitTimerLevel = (typeof UNIT_TIMER_LEVELS)[number]

/** A setting row applies to one agency kind, or to every kind ('*') that has no row of its own. */
export const TIMER_AGENCY_KINDS = ['*', 'police', 'fire', 'ems'] as const
export type TimerAgencyKind = (typeof TIMER_AGENCY_KINDS)[number]

/** A week: longer than any status a unit should sit in unwatched. */
const MAX_TIMER_SECONDS = 7 * 24 * 3600

/** GET /api/unit-timers */
export const ListUnitTimerAlertsQuery = z.object({
  /** `true`: only alerts not yet acknowledged, oldest first. Otherwise every alert, newest first. */
  open: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})
export type ListUnitTimerAlertsQuery = z.infer<typeof ListUnitTimerAlertsQuery>

export const UnitTimerAlert = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitCode: z.string(),
  agencyId: z.uuid(),
  /** The incident the unit works now. */
  incidentId: z.uuid().nullable(),
  status: z.enum(UNIT_STATUSES),
  level: z.enum(UNIT_TIMER_LEVELS),
  label: z.string(),
  /** The threshold the timer crossed, as set when it was raised. */
  thresholdSeconds: z.number().int(),
  timerStartedAt: z.string(),
  raisedAt: z.string(),
  /** False once the unit changed status or checked in: the timer that raised it has ended. */
  timerRunning: z.boolean(),
  /** How far past the threshold the timer is now, or was when it ended. */
  secondsOver: z.number().int(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByUserId: z.uuid().nullable(),
})
export type UnitTimerAlert = z.infer<typeof UnitTimerAlert>

/** POST /api/units/:id/check-in: the reply. */
export const UnitCheckIn = z.object({
  unitId: z.uuid(),
  unitCode: z.string(),
  status: z.enum(UNIT_STATUSES),
  timerStartedAt: z.string(),
  /** The unit's open timer alerts, answered by the check-in. */
  acknowledgedAlertIds: z.array(z.uuid()),
})
export type UnitCheckIn = z.infer<typeof UnitCheckIn>

const Seconds = z.number().int().min(1).max(MAX_TIMER_SECONDS)

/** PUT /api/unit-timer-settings: sets (adds or replaces) one row. */
export const PutUnitTimerSettingBody = z
  .object({
    status: z.enum(UNIT_STATUSES),
    agencyKind: z.enum(TIMER_AGENCY_KINDS),
    warnSeconds: Seconds,
    alertSeconds: Seconds,
    label: z.string().trim().min(1).max(80),
  })
  .refine((body) => body.alertSeconds >= body.warnSeconds, {
    message: 'must be at least warnSeconds',
    path: ['alertSeconds'],
  })
export type PutUnitTimerSettingBody = z.infer<typeof PutUnitTimerSettingBody>

export const UnitTimerSetting = z.object({
  status: z.enum(UNIT_STATUSES),
  agencyKind: z.enum(TIMER_AGENCY_KINDS),
  warnSeconds: z.number().int(),
  alertSeconds: z.number().int(),
  label: z.string(),
})
export type UnitTimerSetting = z.infer<typeof UnitTimerSetting>
