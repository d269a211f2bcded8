import type { AlertListKind, RejectedRow } from '@common/api/alert-subscribers.ts'
import { ALERT_LANGUAGE_CODES, type AlertLanguage } from '@common/api/alerts.ts'
import { normalizePhone } from '@common/domain/phone.ts'
import type { CsvRecord } from './list-csv.ts'

export const REQUIRED_COLUMNS = ['phone', 'address', 'town'] as const
export const OPTIONAL_COLUMNS = ['name', 'channel', 'language'] as const
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number]
const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]
export const LIST_CHANNELS = ['sms', 'voice', 'tty'] as const
export type ListChannel = (typeof LIST_CHANNELS)[number]

/** A row that passed its own checks; its address is still to be verified. */
export interface ListRow {
  line: number
  phone: string
  address: string
  town: string
  name: string | null
  channel: ListChannel
  language: AlertLanguage
}

/**
 * Checks a list's header and each row on its own (phone, channel, language, the address and town
 * given, a phone not twice in the file). A bad header fails the whole file: a message naming
 * what is wrong. Emergency-only listings are landlines, reached by voice unless said; the test
 * list is staff mobiles, reached by text unless said.
 */
export function checkListRows(
  records: CsvRecord[],
  kind: AlertListKind,
): { error: string } | { rows: ListRow[]; rejected: RejectedRow[] } {
  const [header, ...data] = records
  if (!header) return { error: 'the file is empty' }
  const columns = header.cells.map((cell) => cell.trim().toLowerCase())
  const unknown = columns.find((column) => !KNOWN.includes(column))
  if (unknown !== undefined) {
    return {
      error: `unknown column "${unknown}" in the header (expected phone,address,town[,name][,channel][,language])`,
    }
  }
  const missing = REQUIRED_COLUMNS.find((column) => !columns.includes(column))
  if (missing) return { error: `the header has no "${missing}" column` }
  if (new Set(columns).size !== columns.length) return { error: 'a column is named twice' }
  if (data.length === 0) return { error: 'no rows under the header' }

  const at = (cells: string[], column: Column) => {
    const index = columns.indexOf(column)
    return index < 0 ? '' : (cells[index] ?? '').trim()
  }
  const defaultChannel: ListChannel = kind === 'emergency_only' ? 'voice' : 'sms'
  const seen = new Map<string, number>()
  const rows: ListRow[] = []
  const rejected: RejectedRow[] = []
  for (const { line, cells } of data) {
    const reject = (field: string, message: string) => rejected.push({ line, field, message })
    if (cells.length !== columns.length) {
      reject('row', `${cells.length} values where the header has ${columns.length}`)
      continue
    }
    const phone = normalizePhone(at(cells, 'phone'))
    if (!phone) {
      reject('phone', 'a phone number with its area code')
      continue
    }
    const channelText = at(cells, 'channel').toLowerCase() || defaultChannel
    const channel = LIST_CHANNELS.find((c) => c === channelText)
    if (!channel) {
      reject('channel', 'sms, voice or tty')
      continue
    }
    const languageText = at(cells, 'language') || 'en'
    const language = ALERT_LANGUAGE_CODES.find(
      (code) => code.toLowerCase() === languageText.toLowerCase(),
    )
    if (!language) {
      reject('language', `one of ${ALERT_LANGUAGE_CODES.join(', ')}`)
      continue
    }
    const address = at(cells, 'address')
    if (!address) {
      reject('address', 'the street address')
      continue
    }
    const town = at(cells, 'town')
    if (!town) {
      reject('town', 'the town')
      continue
    }
    const key = `${channel} ${phone}`
    const first = seen.get(key)
    if (first !== undefined) {
      reject('phone', `${phone} is already on line ${first}`)
      continue
    }
    seen.set(key, line)
    rows.push({
      line,
      phone,
      address,
      town,
      name: at(cells, 'name') || null,
      channel,
      language,
    })
  }
  return { rows, rejected }
}
