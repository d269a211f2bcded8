/** The center keeps its days in its own zone: a report "for today" runs midnight to midnight there. */
export const CENTER_TIME_ZONE = 'America/New_York'

const partsFormat = new Map<string, Intl.DateTimeFormat>()

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormat.set(timeZone, format)
  }
  return format
}

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {}
  for (const part of formatIn(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  }
}

/** The zone's offset from UTC at an instant, in ms (New York: -4 h or -5 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000
}

/** The instant the zone's clocks read midnight starting `day` (YYYY-MM-DD). */
function midnight(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const guess = Date.UTC(y, m - 1, d)
  // Two passes: the offset at the guess may differ from the offset at the answer across a change.
  const first = guess - offsetAt(new Date(guess), timeZone)
  return new Date(guess - offsetAt(new Date(first), timeZone))
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function dayOf(instant: Date, timeZone = CENTER_TIME_ZONE): string {
  const w = wallClock(instant, timeZone)
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
}

/** The hour of the day (0-23) an instant falls in, in the zone. */
export function hourOf(instant: Date, timeZone = CENTER_TIME_ZONE): number {
  return wallClock(instant, timeZone).hour
}

/** A day's first instant and the next day's (exclusive); 23 or 25 hours apart on clock changes. */
export function dayBounds(day: string, timeZone = CENTER_TIME_ZONE): { from: Date; to: Date } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return { from: midnight(day, timeZone), to: midnight(next, timeZone) }
}
