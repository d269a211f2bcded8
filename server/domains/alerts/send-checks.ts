import {
  ALERT_LANGUAGES,
  SHORT_TEXT_MAX,
  type AlertLanguage,
  type SendCheck,
} from '@common/api/alerts.ts'
import { checkGsm7 } from '@common/domain/gsm7.ts'
import type { AlertSettings } from '../../config.ts'
import { AppError } from '../../http/errors.ts'
import type { AlertRow } from './alerts.table.ts'

/** An emergency to a whole town is the alert a second operator must approve (a setting). */
export function needsApproval(
  alert: Pick<AlertRow, 'status' | 'notice_category' | 'areas'>,
  settings: AlertSettings,
): boolean {
  return (
    settings.townApproval &&
    alert.status === 'Actual' &&
    alert.notice_category === 'emergency' &&
    alert.areas.some((area) => area.mode === 'include' && area.shape.kind === 'town')
  )
}

/**
 * What stands between an alert and its sending, in the order an operator should fix it. A
 * Cancel needs no area: it goes to those who had the original.
 */
export function sendChecks(
  alert: AlertRow,
  settings: AlertSettings,
  recipients: number,
): SendCheck[] {
  const checks: SendCheck[] = []
  const hasInclude = alert.areas.some((area) => area.mode === 'include')
  if (alert.msg_type !== 'Cancel' && !hasInclude) checks.push('no_include_area')
  if (alert.areas.some((area) => area.mode === 'exclude') && !alert.exclude_confirmed) {
    checks.push('exclude_needs_confirmation')
  }
  for (const problem of shortTextProblems(alert)) {
    if (!checks.includes(problem.check)) checks.push(problem.check)
  }
  if (needsApproval(alert, settings)) checks.push('needs_approval')
  if (recipients === 0) checks.push('no_recipients')
  return checks
}

interface ShortTextProblem {
  check: Extract<SendCheck, 'short_text_not_gsm7' | 'short_text_too_long'>
  language: AlertLanguage
  message: string
}

export function shortTextProblems(alert: Pick<AlertRow, 'texts'>): ShortTextProblem[] {
  const problems: ShortTextProblem[] = []
  for (const [language, text] of Object.entries(alert.texts) as [
    AlertLanguage,
    { shortText: string },
  ][]) {
    const { length, invalid } = checkGsm7(text.shortText)
    const name = ALERT_LANGUAGES[language]
    // Phones show other scripts too; the 90-character limit and GSM-7 bind the English text.
    if (language === 'en' && invalid.length > 0) {
      problems.push({
        check: 'short_text_not_gsm7',
        language,
        message: `the ${name} short text has characters phones cannot show in GSM-7: ${invalid.join(' ')}`,
      })
    }
    if (length > SHORT_TEXT_MAX) {
      problems.push({
        check: 'short_text_too_long',
        language,
        message: `the ${name} short text is ${length} characters; at most ${SHORT_TEXT_MAX}`,
      })
    }
  }
  return problems
}

/** The error a blocked send answers, naming the field to fix. */
export function blockedSend(alert: AlertRow, check: SendCheck): AppError {
  switch (check) {
    case 'no_include_area':
      return new AppError(
        'alert_send_blocked',
        'areas: an alert needs at least one include area; it is not sent to everyone by default',
        'areas',
      )
    case 'exclude_needs_confirmation': {
      const labels = alert.areas
        .filter((area) => area.mode === 'exclude')
        .map((area) => area.label || area.shape.kind)
      return new AppError(
        'alert_send_blocked',
        `confirmExclude: the alert excludes ${labels.join(', ')}; confirm the exclusion to send`,
        'confirmExclude',
      )
    }
    case 'short_text_not_gsm7':
    case 'short_text_too_long': {
      const problem = shortTextProblems(alert).find((p) => p.check === check)!
      const field = `texts.${problem.language}.shortText`
      return new AppError('alert_send_blocked', `${field}: ${problem.message}`, field)
    }
    case 'no_recipients':
      return new AppError(
        'alert_send_blocked',
        'areas: nobody who may receive this alert is inside its area',
        'areas',
      )
    case 'needs_approval':
      return new AppError('alert_send_blocked', 'the alert must be approved first')
  }
}
