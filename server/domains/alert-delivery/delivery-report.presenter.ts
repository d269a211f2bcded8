import type { AlertDeliveryRow } from './alert-delivery.table.ts'

const COLUMNS = [
  'channel',
  'address',
  'language',
  'status',
  'attempts',
  'queued_at',
  'first_attempt_at',
  'last_attempt_at',
  'sent_at',
  'delivered_at',
  'failed_at',
  'provider_id',
  'last_error',
]

export function deliveriesCsvHeader(): string {
  return `${COLUMNS.join(',')}\r\n`
}

/** A delivery as one CSV line; times in UTC (ISO 8601). */
export function deliveryCsvLine(row: AlertDeliveryRow): string {
  const time = (at: Date | null) => at?.toISOString() ?? ''
  return `${[
    row.channel,
    row.address,
    row.language,
    row.status,
    String(row.attempts),
    time(row.queued_at),
    time(row.first_attempt_at),
    time(row.last_attempt_at),
    time(row.sent_at),
    time(row.delivered_at),
    time(row.failed_at),
    row.provider_id ?? '',
    row.last_error ?? '',
  ]
    .map(csvField)
    .join(',')}\r\n`
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet; an E.164 number is only digits.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^\+\d+$/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
