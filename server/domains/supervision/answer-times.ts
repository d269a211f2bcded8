import type {
  AnswerTimeFigures,
  AnswerTimeHour,
  AnswerTimeThresholds,
} from '@common/api/supervision.ts'
import { hourOf } from './center-day.ts'

/** What the figures need of one 911 call. */
export interface CallTimes {
  arrivedAt: Date
  answeredAt: Date | null
  releasedAt: Date | null
}

const round1 = (value: number) => Math.round(value * 10) / 10

/**
 * Answer-time figures over calls. Shares are of the answered calls (NENA STA-020.1 measures the
 * time to answer, which an abandoned call has none of); abandoned calls are counted beside them.
 */
export function answerTimeFigures(
  calls: readonly CallTimes[],
  thresholds: AnswerTimeThresholds,
): AnswerTimeFigures {
  const seconds: number[] = []
  let abandoned = 0
  let ringing = 0
  for (const call of calls) {
    if (call.answeredAt) {
      seconds.push(Math.max(0, (call.answeredAt.getTime() - call.arrivedAt.getTime()) / 1000))
    } else if (call.releasedAt) {
      abandoned += 1
    } else {
      ringing += 1
    }
  }
  seconds.sort((a, b) => a - b)
  const answered = seconds.length
  const withinTarget = seconds.filter((s) => s <= thresholds.answerSeconds).length
  const withinLimit = seconds.filter((s) => s <= thresholds.limitSeconds).length
  const share = (count: number) => (answered === 0 ? null : round1((count / answered) * 100))
  return {
    offered: calls.length,
    answered,
    abandoned,
    ringing,
    answeredWithinTarget: withinTarget,
    answeredWithinLimit: withinLimit,
    percentWithinTarget: share(withinTarget),
    percentWithinLimit: share(withinLimit),
    averageAnswerSeconds:
      answered === 0 ? null : round1(seconds.reduce((sum, s) => sum + s, 0) / answered),
    p90AnswerSeconds: answered === 0 ? null : round1(seconds[Math.ceil(answered * 0.9) - 1]!),
  }
}

/** The same figures for each hour of the center's day that had a call, by arrival. */
export function answerTimeHours(
  calls: readonly CallTimes[],
  thresholds: AnswerTimeThresholds,
): AnswerTimeHour[] {
  const byHour = new Map<number, CallTimes[]>()
  for (const call of calls) {
    const hour = hourOf(call.arrivedAt)
    const list = byHour.get(hour) ?? []
    list.push(call)
    byHour.set(hour, list)
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hour, list]) => ({ hour, ...answerTimeFigures(list, thresholds) }))
}

/** Whether the shares meet their targets; null when nothing was answered to measure. */
export function targetsMet(figures: AnswerTimeFigures, thresholds: AnswerTimeThresholds) {
  if (figures.percentWithinTarget === null || figures.percentWithinLimit === null) {
    return { targetMet: null, limitMet: null, met: null }
  }
  const targetMet = figures.percentWithinTarget >= thresholds.answerTargetPercent
  const limitMet = figures.percentWithinLimit >= thresholds.limitTargetPercent
  return { targetMet, limitMet, met: targetMet && limitMet }
}
