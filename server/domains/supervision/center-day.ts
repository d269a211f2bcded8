import { localDateOf, localInstant, wallClock } from '../../time/zone-clock.ts'

/** The center keeps its days in its own zone: a report "for today" runs midnight to midnight there. */
export const CENTER_TIME_ZONE = 'America/New_York'

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function dayOf(instant: Date, timeZone = CENTER_TIME_ZONE): string {
  return localDateOf(instant, timeZone)
}

/** The hour of the day (0-23) an instant falls in, in the zone. */
export function hourOf(instant: Date, timeZone = CENTER_TIME_ZONE): number {
  return wallClock(instant, timeZone).hour
}

/** A day's first instant and the next day's (exclusive); 23 or 25 hours apart on clock changes. */
export function dayBounds(day: string, timeZone = CENTER_TIME_ZONE): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return {
    from: localInstant(day, '00:00', timeZone),
    to: localInstant(next, '00:00', timeZone),
  }
}
