import { z } from 'zod'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** GET /api/reports/answer-times[?day=YYYY-MM-DD]: a day of the center (America/New_York). */
export const AnswerTimesQuery = z.object({
  day: z
    .string()
    .trim()
    .regex(DAY, 'a date YYYY-MM-DD')
    .refine((day) => {
      const date = new Date(`${day}T00:00:00Z`)
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day)
    }, 'not a date on the calendar')
    .optional(),
})
export type AnswerTimesQuery = z.infer<typeof AnswerTimesQuery>

/** The answer-time targets in force (settings; NENA STA-020.1 by default). */
export const AnswerTimeThresholds = z.object({
  /** Answer within this many seconds ... */
  answerSeconds: z.number(),
  /** ... this share of calls (percent). */
  answerTargetPercent: z.number(),
  /** The outer limit: within this many seconds ... */
  limitSeconds: z.number(),
  /** ... this share of calls (percent). */
  limitTargetPercent: z.number(),
})
export type AnswerTimeThresholds = z.infer<typeof AnswerTimeThresholds>

/** Figures over a set of 911 calls; percentages and times are null when none was answered. */
export const AnswerTimeFigures = z.object({
  /** Calls that arrived. */
  offered: z.number().int(),
  answered: z.number().int(),
  /** Released by the caller before anyone answered. */
  abandoned: z.number().int(),
  /** Not answered and not released yet. */
  ringing: z.number().int(),
  answeredWithinTarget: z.number().int(),
  answeredWithinLimit: z.number().int(),
  /** Share of answered calls answered within `answerSeconds`. */
  percentWithinTarget: z.number().nullable(),
  /** Share of answered calls answered within `limitSeconds`. */
  percentWithinLimit: z.number().nullable(),
  averageAnswerSeconds: z.number().nullable(),
  /** Nearest-rank 90th percentile. */
  p90AnswerSeconds: z.number().nullable(),
})
export type AnswerTimeFigures = z.infer<typeof AnswerTimeFigures>

export const AnswerTimeHour = AnswerTimeFigures.extend({
  /** The hour of the day in the center's zone, 0-23. */
  hour: z.number().int(),
})
export type AnswerTimeHour = z.infer<typeof AnswerTimeHour>

export const AnswerTimesReport = AnswerTimeFigures.extend({
  day: z.string(),
  timeZone: z.string(),
  /** The day's first and last instant (exclusive), UTC. */
  from: z.string(),
  to: z.string(),
  thresholds: AnswerTimeThresholds,
  /** Both targets met; null when no call was answered. */
  targetMet: z.boolean().nullable(),
  limitMet: z.boolean().nullable(),
  met: z.boolean().nullable(),
  /** Hours with at least one call, in order. */
  hours: z.array(AnswerTimeHour),
})
export type AnswerTimesReport = z.infer<typeof AnswerTimesReport>
