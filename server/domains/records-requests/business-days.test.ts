import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addBusinessDays,
  businessDaysBetween,
  computeDeadlines,
  massachusettsHolidays,
} from './business-days.ts'
import { localInstant } from './local-time.ts'

const ZONE = 'America/New_York'
const holidaysOf = (...years: number[]) =>
  new Set(years.flatMap((year) => massachusettsHolidays(year).map((h) => h.date)))

const deadlines = (received: string, now: string, holidays = holidaysOf(2026, 2027)) =>
  computeDeadlines({
    receivedAt: new Date(received),
    respondedAt: null,
    now: new Date(now),
    responseBusinessDays: 10,
    warnBusinessDays: 7,
    deliveryDays: 14,
    timeZone: ZONE,
    holidays,
  })

describe('massachusettsHolidays', () => {
  it('lists the twelve legal holidays of 2026 on the days they are observed', () => {
    assert.deepEqual(
      massachusettsHolidays(2026).map((h) => `${h.date} ${h.name}`),
      [
        "2026-01-01 New Year's Day",
        '2026-01-19 Martin Luther King Jr. Day',
        "2026-02-16 Washington's Birthday",
        "2026-04-20 Patriots' Day",
        '2026-05-25 Memorial Day',
        '2026-06-19 Juneteenth Independence Day',
        // July 4, 2026 is a Saturday: observed the Friday before.
        '2026-07-03 Independence Day',
        '2026-09-07 Labor Day',
        "2026-10-12 Columbus Day / Indigenous Peoples' Day",
        '2026-11-11 Veterans Day',
        '2026-11-26 Thanksgiving Day',
        '2026-12-25 Christmas Day',
      ],
    )
  })

  it('moves a Sunday holiday to Monday and a Saturday one to Friday, even into the year before', () => {
    const y2027 = massachusettsHolidays(2027)
    assert.equal(y2027.find((h) => h.name === 'Independence Day')?.date, '2027-07-05')
    assert.equal(y2027.find((h) => h.name === 'Christmas Day')?.date, '2027-12-24')
    assert.equal(y2027.find((h) => h.name === 'Veterans Day')?.date, '2027-11-11')
    assert.equal(
      massachusettsHolidays(2028).find((h) => h.name === "New Year's Day")?.date,
      '2027-12-31',
    )
  })

  it("puts Patriots' Day on the third Monday of April", () => {
    const patriots = (year: number) =>
      massachusettsHolidays(year).find((h) => h.name === "Patriots' Day")?.date
    assert.equal(patriots(2025), '2025-04-21')
    assert.equal(patriots(2027), '2027-04-19')
    assert.equal(patriots(2029), '2029-04-16')
  })
})

describe('addBusinessDays', () => {
  const none = new Set<string>()
  it('skips weekends; the day of receipt is day 0 even on a Saturday', () => {
    assert.equal(addBusinessDays('2026-03-06', 10, none), '2026-03-20')
    assert.equal(addBusinessDays('2026-03-07', 10, none), '2026-03-20')
    assert.equal(addBusinessDays('2026-03-08', 1, none), '2026-03-09')
  })

  it("skips Patriots' Day", () => {
    assert.equal(addBusinessDays('2026-04-13', 10, holidaysOf(2026)), '2026-04-28')
    assert.equal(addBusinessDays('2026-04-13', 10, none), '2026-04-27')
  })

  it('skips Thanksgiving and Christmas on a long clock, and an added closing day moves it', () => {
    const holidays = holidaysOf(2026)
    assert.equal(addBusinessDays('2026-11-20', 25, holidays), '2026-12-29')
    assert.equal(addBusinessDays('2026-11-20', 25, none), '2026-12-25')
    const withFriday = new Set([...holidays, '2026-11-27'])
    assert.equal(addBusinessDays('2026-11-20', 25, withFriday), '2026-12-30')
  })

  it('counts business days between dates, negative backwards', () => {
    const holidays = holidaysOf(2026)
    assert.equal(businessDaysBetween('2026-11-20', '2026-11-30', holidays), 5)
    assert.equal(businessDaysBetween('2026-11-30', '2026-11-20', holidays), -5)
    assert.equal(businessDaysBetween('2026-11-30', '2026-11-30', holidays), 0)
  })
})

describe('computeDeadlines', () => {
  it('ends at the end of the local day that is the 10th business day', () => {
    // Received Friday 2026-03-06 at 23:30 in New York (after hours: still day 0).
    const received = localInstant('2026-03-06', '23:30', ZONE).toISOString()
    const view = deadlines(received, received)
    assert.equal(view.responseDueAt.toISOString(), '2026-03-21T03:59:59.999Z')
    assert.equal(view.deliveryDueAt.toISOString(), '2026-03-21T03:59:59.999Z')
    assert.equal(view.state, 'on_time')
    assert.equal(view.businessDaysLeft, 10)
    assert.equal(view.missed, false)
  })

  it('warns from business day 7, is overdue after the deadline, and met once responded', () => {
    const received = localInstant('2026-03-06', '10:00', ZONE).toISOString()
    assert.equal(deadlines(received, '2026-03-16T15:00:00Z').state, 'on_time')
    const warned = deadlines(received, '2026-03-17T15:00:00Z')
    assert.equal(warned.state, 'warning')
    assert.equal(warned.businessDaysLeft, 3)
    assert.equal(deadlines(received, '2026-03-21T03:59:59Z').state, 'warning')
    const late = deadlines(received, '2026-03-24T15:00:00Z')
    assert.equal(late.state, 'overdue')
    assert.equal(late.businessDaysLeft, -2)
    assert.equal(late.missed, true)
    const met = computeDeadlines({
      receivedAt: new Date(received),
      respondedAt: new Date('2026-03-23T14:00:00Z'),
      now: new Date('2026-03-24T15:00:00Z'),
      responseBusinessDays: 10,
      warnBusinessDays: 7,
      deliveryDays: 14,
      timeZone: ZONE,
      holidays: holidaysOf(2026),
    })
    assert.equal(met.state, 'met')
    assert.equal(met.missed, true, 'a response after the deadline still missed it')
  })

  it('crosses Thanksgiving: the deadline lands after the holiday weekend', () => {
    const received = localInstant('2026-11-20', '09:00', ZONE).toISOString()
    // Business days: Nov 23, 24, 25, (26 holiday), 27, Nov 30 - Dec 4 → the 10th is Dec 7.
    assert.equal(
      deadlines(received, received).responseDueAt.toISOString(),
      '2026-12-08T04:59:59.999Z',
    )
    const withoutHolidays = deadlines(received, received, new Set())
    assert.equal(withoutHolidays.responseDueAt.toISOString(), '2026-12-05T04:59:59.999Z')
  })
})
