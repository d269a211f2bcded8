import type {
  AlertChannel,
  AlertText,
  AlertTexts,
  CapMsgType,
  CapStatus,
} from '@common/api/alerts.ts'
import { isBaudotCharacter } from '../../audio/tty-baudot.ts'

/** What the senders need of an alert: its identity, kind and text in every language it has. */
export interface AlertContent {
  id: string
  identifier: string
  status: CapStatus
  msgType: CapMsgType
  noticeCategory: string
  texts: AlertTexts
  /** False when the recipients cannot end their sign-up by a link (the staff test list). */
  unsubscribe?: boolean
}

/** The person's language when the alert has it, English otherwise (always present). */
export function textFor(alert: AlertContent, language: string): AlertText {
  const texts = alert.texts as Partial<Record<string, AlertText>>
  return texts[language] ?? (texts.en as AlertText)
}

/** Test and Exercise alerts say so first on every channel, so nobody takes one for real. */
export function statusPrefix(status: CapStatus): string {
  return status === 'Test' ? 'TEST: ' : status === 'Exercise' ? 'EXERCISE: ' : ''
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/alerts/unsubscribe?token=${encodeURIComponent(token)}`
}

export interface EmailMessage {
  subject: string
  text: string
  /** The link for List-Unsubscribe; null when there is none. */
  unsubscribeUrl: string | null
}

export function emailMessage(
  alert: AlertContent,
  language: string,
  unsubscribe: { publicUrl: string; token: string | null },
): EmailMessage {
  const text = textFor(alert, language)
  const link =
    alert.unsubscribe !== false && unsubscribe.token
      ? unsubscribeUrl(unsubscribe.publicUrl, unsubscribe.token)
      : null
  const parts = [text.description, text.instruction].filter((part) => part.trim() !== '')
  if (link) parts.push(`To stop these alerts: ${link}`)
  return {
    subject: `${statusPrefix(alert.status)}${text.headline}`,
    text: `${parts.join('\n\n')}\n`,
    unsubscribeUrl: link,
  }
}

/** The body a phone channel sends: text message, spoken call, or TTY call. */
export function phoneMessage(
  alert: AlertContent,
  channel: Exclude<AlertChannel, 'email'>,
  language: string,
): string {
  const text = textFor(alert, language)
  const prefix = statusPrefix(alert.status)
  switch (channel) {
    case 'sms':
      return `${prefix}${text.shortText} Reply STOP to end.`
    case 'voice':
      return joinSentences([prefix + text.headline, text.description, text.instruction])
    case 'tty':
      return ttyText(joinSentences([prefix + text.headline, text.description, text.instruction]))
  }
}

function joinSentences(parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (/[.!?:]$/.test(part) ? part : `${part}.`))
    .join(' ')
}

/**
 * Text a TTY can print: upper case, accents taken off, and whatever Baudot has no code for
 * left out (a TTY would print nothing, or the wrong character, for it).
 */
export function ttyText(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\r?\n/g, ' ')
  let out = ''
  for (const char of plain) out += isBaudotCharacter(char) ? char : ' '
  return out.replace(/ {2,}/g, ' ').trim()
}
