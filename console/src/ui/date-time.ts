const CENTER_TIME_ZONE = 'America/New_York'

const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: CENTER_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** A date and time in the center's zone, sortable at a glance: "2026-11-29 21:31". */
export function dateTime(iso: string | null): string {
  if (!iso) return ''
  return FORMAT.format(new Date(iso)).replace(',', '')
}

/** A date alone in the center's zone: "2026-11-29". */
export function dateOnly(iso: string | null): string {
  return dateTime(iso).slice(0, 10)
}
