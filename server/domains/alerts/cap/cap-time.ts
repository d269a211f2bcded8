/**
 * CAP times: RFC 3339 in the center's zone, with its offset and without fractions of a second
 * (`2026-11-30T09:15:00-05:00`). CAP 1.2 forbids "Z" and writes UTC as "-00:00".
 */

import { offsetAt, pad, wallClock } from '../../../time/zone-clock.ts'

/** `instant` as the zone's wall clock, to the second, with the zone's offset at that instant. */
export function capTime(instant: Date, timeZone: string): string {
  const ms = instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('CAP time: not a valid date')
  const seconds = new Date(Math.floor(ms / 1000) * 1000)
  const w = wallClock(seconds, timeZone)
  if (w.year < 1 || w.year > 9999) throw new RangeError('CAP time: year out of range')
  const date = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
  return `${date}T${time}${offset(Math.round(offsetAt(seconds, timeZone) / 60_000))}`
}

function offset(minutes: number): string {
  const sign = minutes > 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}
