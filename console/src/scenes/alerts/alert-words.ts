import {
  ALERT_CHANNEL_LABELS,
  ALERT_STATE_LABELS,
  type AlertChannel,
  type AlertView,
  type CapStatus,
  type SendCheck,
} from '@common/api/alerts.ts'

/** Every status is said in words as well as colour: an operator must never mistake a test. */
export const STATUS_WORDS: Record<CapStatus, string> = {
  Actual: 'ACTUAL: reaches the public',
  Exercise: 'EXERCISE: test list only',
  Test: 'TEST: test list only',
}

export const CHECK_WORDS: Record<SendCheck, string> = {
  no_include_area: 'There is no include area: add a polygon, a circle or a town to include.',
  exclude_needs_confirmation:
    'An exclude area is set: you will be asked to confirm what it leaves out before sending.',
  needs_approval:
    'An emergency to a whole town needs a second operator: it will wait for their approval.',
  short_text_not_gsm7: 'The short text has characters phones cannot show in a text message.',
  short_text_too_long: 'The short text is longer than phones allow.',
  no_recipients: 'Nobody inside the area is subscribed: nobody would be alerted.',
}

/** Checks that stop a send outright (the others are said, then asked about or waited on). */
export const BLOCKING_CHECKS: ReadonlySet<SendCheck> = new Set([
  'no_include_area',
  'short_text_not_gsm7',
  'short_text_too_long',
  'no_recipients',
])

export function stateWords(alert: Pick<AlertView, 'state'>): string {
  return ALERT_STATE_LABELS[alert.state]
}

export function channelWords(channel: AlertChannel): string {
  return ALERT_CHANNEL_LABELS[channel]
}

/** An honest duration for people: 0 → "at once", 40 → "under a minute", 730 → "about 12 minutes". */
export function estimateWords(seconds: number): string {
  if (seconds <= 0) return 'at once'
  if (seconds < 60) return 'under a minute'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  const hourWords = `${hours} hour${hours === 1 ? '' : 's'}`
  return rest === 0
    ? `about ${hourWords}`
    : `about ${hourWords} ${rest} minute${rest === 1 ? '' : 's'}`
}

/** A character as an operator can find it: visible ones as typed, the others by code point. */
export function characterWords(character: string): string {
  const code = character.codePointAt(0) ?? 0
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  return /\s|\p{C}/u.test(character) ? hex : `“${character}” ${hex}`
}

export function countWords(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}
