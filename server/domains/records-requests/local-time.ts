/**
 * Local dates and times in the center's zone (`config.timeZone`): a request names its call by a
 * local date and time window, and a deadline ends at the end of a local day.
 */

import { localDateOf, localInstant } from '../../time/zone-clock.ts'

export { localDateOf, localInstant }

/** The last instant (to the millisecond) of a local day. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(localInstant(addDays(date, 1), '00:00', timeZone).getTime() - 1)
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}
