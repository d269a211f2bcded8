import { addDays, endOfLocalDay, localDateOf, weekdayOf } from './local-time.ts'

/**
 * The business-day calendar of the public-records law (M.G.L. c.66 §10): weekdays that are not
 * Massachusetts legal holidays (M.G.L. c.4 §7, clause 18). Pure: the holidays in force come in
 * as a set of local dates, read from the editable list in `records_holidays`.
 */

export interface StatutoryHoliday {
  date: string
  name: string
}

/**
 * The legal holidays of a year, on the day they are observed. A holiday on a Sunday is observed
 * the Monday after (c.4 §7); one on a Saturday is observed the Friday before, as the City of
 * Worcester closes its offices then. New Year's Day on a Saturday is therefore observed on
 * December 31 of the year before.
 */
export function massachusettsHolidays(year: number): StatutoryHoliday[] {
  const fixed = (month: number, day: number, name: string): StatutoryHoliday => ({
    date: observed(iso(year, month, day)),
    name,
  })
  const monday = (month: number, nth: number, name: string): StatutoryHoliday => ({
    date: nthWeekday(year, month, 1, nth),
    name,
  })
  return [
    fixed(1, 1, "New Year's Day"),
    monday(1, 3, 'Martin Luther King Jr. Day'),
    monday(2, 3, "Washington's Birthday"),
    monday(4, 3, "Patriots' Day"),
    { date: lastWeekday(year, 5, 1), name: 'Memorial Day' },
    fixed(6, 19, 'Juneteenth Independence Day'),
    fixed(7, 4, 'Independence Day'),
    monday(9, 1, 'Labor Day'),
    monday(10, 2, "Columbus Day / Indigenous Peoples' Day"),
    fixed(11, 11, 'Veterans Day'),
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day' },
    fixed(12, 25, 'Christmas Day'),
  ].sort((a, b) => a.date.localeCompare(b.date))
}

export function isBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = weekdayOf(date)
  return weekday !== 0 && weekday !== 6 && !holidays.has(date)
}

/**
 * The local date that is the `n`th business day after `date`. The day of receipt is day 0
 * whatever the hour and whether or not it is itself a business day: the statute counts from
 * receipt, and the City does not move a late-evening or weekend filing to the next day.
 */
export function addBusinessDays(date: string, n: number, holidays: ReadonlySet<string>): string {
  let day = date
  let counted = 0
  while (counted < n) {
    day = addDays(day, 1)
    if (isBusinessDay(day, holidays)) counted++
  }
  return day
}

/** Business days in (from, to]; negative when `to` is before `from`. */
export function businessDaysBetween(
  from: string,
  to: string,
  holidays: ReadonlySet<string>,
): number {
  if (to < from) return -businessDaysBetween(to, from, holidays)
  let count = 0
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isBusinessDay(day, holidays)) count++
  }
  return count
}

export type DeadlineState = 'on_time' | 'warning' | 'overdue' | 'met'

export interface DeadlineInput {
  receivedAt: Date
  respondedAt: Date | null
  now: Date
  responseBusinessDays: number
  warnBusinessDays: number
  deliveryDays: number
  timeZone: string
  holidays: ReadonlySet<string>
}

export interface DeadlineView {
  receivedAt: Date
  responseDueAt: Date
  respondedAt: Date | null
  deliveryDueAt: Date
  state: DeadlineState
  businessDaysLeft: number
  /** Responded after the deadline, or not at all and past it: no fee may be charged. */
  missed: boolean
}

/**
 * The response deadline is the end of the local day that is the Nth business day after the day
 * of receipt; the warning starts on business day `warnBusinessDays`; delivery is due at the end
 * of the local day `deliveryDays` calendar days after receipt.
 */
export function computeDeadlines(input: DeadlineInput): DeadlineView {
  const { timeZone, holidays } = input
  const receivedOn = localDateOf(input.receivedAt, timeZone)
  const dueOn = addBusinessDays(receivedOn, input.responseBusinessDays, holidays)
  const responseDueAt = endOfLocalDay(dueOn, timeZone)
  const warnOn = addBusinessDays(receivedOn, input.warnBusinessDays, holidays)
  const today = localDateOf(input.now, timeZone)
  const missed = input.respondedAt ? input.respondedAt > responseDueAt : input.now > responseDueAt
  const state: DeadlineState = input.respondedAt
    ? 'met'
    : input.now > responseDueAt
      ? 'overdue'
      : today >= warnOn
        ? 'warning'
        : 'on_time'
  return {
    receivedAt: input.receivedAt,
    responseDueAt,
    respondedAt: input.respondedAt,
    deliveryDueAt: endOfLocalDay(addDays(receivedOn, input.deliveryDays), timeZone),
    state,
    businessDaysLeft: businessDaysBetween(today, dueOn, holidays),
    missed,
  }
}

/** The years whose holidays a deadline computed now may need. */
export function yearsNeeded(receivedAt: Date, now: Date, timeZone: string): number[] {
  const first = Number(localDateOf(receivedAt, timeZone).slice(0, 4))
  // The deadline may fall in the next year; `now` may be later still (days left when overdue).
  const last = Math.max(first + 1, Number(localDateOf(now, timeZone).slice(0, 4)))
  const years: number[] = []
  for (let year = first; year <= last; year++) years.push(year)
  return years
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function observed(date: string): string {
  const weekday = weekdayOf(date)
  if (weekday === 0) return addDays(date, 1)
  if (weekday === 6) return addDays(date, -1)
  return date
}

/** The nth `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): string {
  const first = iso(year, month, 1)
  const shift = (weekday - weekdayOf(first) + 7) % 7
  return addDays(first, shift + 7 * (nth - 1))
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const last = addDays(month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1), -1)
  return addDays(last, -((weekdayOf(last) - weekday + 7) % 7))
}
