import type { AnswerTimesQuery, AnswerTimesReport } from '@common/api/supervision.ts'
import type { Ctx } from '../../http/context.ts'
import { answerTimeFigures, answerTimeHours, targetsMet } from './answer-times.ts'
import { CENTER_TIME_ZONE, dayBounds, dayOf } from './center-day.ts'
import { list911CallTimes } from '../calls/index.ts'

/**
 * A day's 911 answer times against the targets in the settings (NENA STA-020.1 by default), for
 * supervisors and administrators. The day is the center's (America/New_York), today unless said;
 * a call belongs to the day and hour it arrived in. The thresholds come with the answer, so the
 * console colours its queue by the same numbers.
 */
export async function reportAnswerTimes(
  ctx: Ctx,
  query: AnswerTimesQuery,
): Promise<AnswerTimesReport> {
  const day = query.day ?? dayOf(ctx.now())
  const { from, to } = dayBounds(day)
  const thresholds = ctx.config.answerTimes
  const calls = await list911CallTimes(ctx.db, from, to)
  const figures = answerTimeFigures(calls, thresholds)
  return {
    day,
    timeZone: CENTER_TIME_ZONE,
    from: from.toISOString(),
    to: to.toISOString(),
    thresholds: { ...thresholds },
    ...figures,
    ...targetsMet(figures, thresholds),
    hours: answerTimeHours(calls, thresholds),
  }
}
