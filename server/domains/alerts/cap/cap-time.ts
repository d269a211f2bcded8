/**
 * CAP times: RFC 3339 in the center's zone, with its offset and without fractions of a second
 * (`2026-11-30T09:15:00-05:00`). CAP 1.2 forbids "Z" and writes UTC as "-00:00".
 */

const formats = new Map<string, Intl.DateTimeFormat>()

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
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
    formats.set(timeZone, format)
  }
  return format
}

/** `instant` as the zone's wall clock, to the second, with the zone's offset at that instant. */
export function capTime(instant: Date, timeZone: string): string {
  const ms = instant.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('CAP time: not a valid date')
  const seconds = Math.floor(ms / 1000) * 1000
  const w: Record<string, number> = {}
  for (const part of formatIn(timeZone).formatToParts(new Date(seconds))) {
    if (part.type !== 'literal') w[part.type] = Number(part.value)
  }
  const year = w.year!
  const wallAsUtc = Date.UTC(year, w.month! - 1, w.day, w.hour, w.minute, w.second)
  const offsetMinutes = Math.round((wallAsUtc - seconds) / 60_000)
  if (year < 1 || year > 9999) throw new RangeError('CAP time: year out of range')
  const date = `${pad(year, 4)}-${pad(w.month!)}-${pad(w.day!)}`
  const time = `${pad(w.hour!)}:${pad(w.minute!)}:${pad(w.second!)}`
  return `${date}T${time}${offset(offsetMinutes)}`
}

function offset(minutes: number): string {
  const sign = minutes > 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}
