import type { Letter, RecordsRequest, RequesterType } from '@common/api/records-requests.ts'
import { ApiError } from '../../api/http.ts'

export const TYPE_WORDS: Record<RequesterType, string> = {
  caller: 'Caller',
  investigator: 'Investigator',
  other: 'Third party',
}

export const LETTER_WORDS: Record<Letter, string> = {
  refusal: 'Refusal letter',
  receipt: 'Receipt letter',
  release: 'Release letter',
}

export const METHOD_WORDS = {
  caller_code: 'the caller proved the number with a code',
  clerk_id_check: 'identity document checked by a clerk',
  investigator_confirmed: 'investigator confirmed with the agency',
} as const

/** 3000 → "$30.00". */
export function money(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`
}

/** Dollars as typed ("30", "30.00") → cents; NaN when it is not an amount. */
export function centsFrom(text: string): number {
  const match = /^\s*\$?(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!match) return Number.NaN
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'))
}

/** 65_432 → "1:05.4". */
export function seconds(ms: number | null): string {
  if (ms === null) return '—'
  const total = ms / 1000
  const m = Math.floor(total / 60)
  const s = total - m * 60
  return `${m}:${s.toFixed(1).padStart(4, '0')}`
}

/** 1_234_567 → "1.2 MB". */
export function bytes(size: number): string {
  if (size < 1024) return `${size} B`
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} kB`
  return `${(size / 1024 / 1024).toFixed(1)} MB`
}

/** The deadline in words, so the colour is never the only carrier. */
export function deadlineWords(request: RecordsRequest): string {
  const { state, businessDaysLeft } = request.deadlines
  if (state === 'met') return 'Answered'
  if (state === 'overdue') {
    const late = -businessDaysLeft
    return late === 0
      ? 'Overdue (due today)'
      : `Overdue by ${late} business day${late === 1 ? '' : 's'}`
  }
  const left = `${businessDaysLeft} business day${businessDaysLeft === 1 ? '' : 's'} left`
  return state === 'warning' ? `${left}: answer soon` : left
}

/** The CSS class of a deadline: amber from the warning day, red when overdue. */
export function deadlineClass(request: RecordsRequest): string {
  const { state } = request.deadlines
  if (state === 'overdue') return 'deadline deadline-overdue'
  if (state === 'warning' || request.flagged) return 'deadline deadline-warning'
  return 'deadline'
}

export function asApiError(failure: unknown): ApiError {
  return failure instanceof ApiError
    ? failure
    : new ApiError(0, 'unexpected', (failure as Error).message, null)
}

/** A reason left empty, said in words; nothing is sent. */
export function requireText(value: string, field: string, message: string): void {
  if (value.trim() === '') throw new ApiError(400, 'invalid_input', message, field)
}
