import type { Holiday } from '@common/api/records-requests.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { massachusettsHolidays } from './business-days.ts'
import * as repo from './records-requests.repository.ts'

export const COMPONENT = 'records_requests'

/**
 * The holidays in force over some years, as a set of local dates. A year's statutory list is
 * written the first time the year is needed; the year after the last is filled too, since its
 * New Year's Day may be observed on December 31.
 */
export async function holidaySet(db: Db, ctx: Ctx, years: number[]): Promise<Set<string>> {
  if (years.length === 0) return new Set()
  const first = Math.min(...years)
  const last = Math.max(...years)
  await ensureYears(db, ctx, first, last + 1)
  const rows = await repo.listHolidays(db, `${first - 1}-12-31`, `${last}-12-31`)
  return new Set(rows.map((row) => row.date))
}

async function ensureYears(db: Db, ctx: Ctx, first: number, last: number): Promise<void> {
  const wanted: number[] = []
  for (let year = first; year <= last; year++) wanted.push(year)
  const filled = new Set(await repo.listFilledYears(db, wanted))
  for (const year of wanted) {
    if (!filled.has(year)) {
      await repo.fillHolidayYear(db, year, massachusettsHolidays(year), ctx.now())
    }
  }
}

/** GET /api/records-holidays?year= */
export async function listHolidayYear(ctx: Ctx, year: number): Promise<Holiday[]> {
  return runCommand(ctx, async (trx) => {
    await ensureYears(trx, ctx, year, year + 1)
    return repo.listHolidays(trx, `${year}-01-01`, `${year}-12-31`)
  })
}

/** PUT /api/records-holidays/:date: adds a closing day, or renames a holiday. */
export async function saveHoliday(ctx: Ctx, date: string, name: string): Promise<Holiday> {
  return runCommand(ctx, async (trx) => {
    const year = Number(date.slice(0, 4))
    await ensureYears(trx, ctx, year, year)
    const holiday = await repo.upsertHoliday(trx, date, name)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_holiday.saved',
      subject: { type: 'records_holiday', id: date },
      details: { name },
    })
    return holiday
  })
}

/** DELETE /api/records-holidays/:date: the center is open that day after all. */
export async function deleteHoliday(ctx: Ctx, date: string): Promise<{ ok: true }> {
  return runCommand(ctx, async (trx) => {
    const year = Number(date.slice(0, 4))
    await ensureYears(trx, ctx, year, year)
    const removed = await repo.removeHoliday(trx, date)
    if (!removed) throw new AppError('not_found', `date: no holiday on ${date}`, 'date')
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_holiday.removed',
      subject: { type: 'records_holiday', id: date },
      details: { name: removed.name },
    })
    return { ok: true as const }
  })
}
