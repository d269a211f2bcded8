import type { AnswerTimeThresholds } from '@common/api/supervision.ts'

/** NENA STA-020.1, until the platform's own settings have arrived. */
export const NENA_ANSWER_TARGETS: AnswerTimeThresholds = {
  answerSeconds: 15,
  answerTargetPercent: 90,
  limitSeconds: 20,
  limitTargetPercent: 95,
}

/** A ringing call turns amber this long before the answer target. */
const WARN_BEFORE_TARGET_S = 5

export type RingLevel = 'ok' | 'warn' | 'alert' | 'overdue'

/**
 * How long a ringing call has waited, against the answer targets: amber as the target nears,
 * red from it, flashing past the outer limit. The words say the same for who cannot see colour.
 */
export function ringLevel(seconds: number, targets: AnswerTimeThresholds): RingLevel {
  if (seconds > targets.limitSeconds) return 'overdue'
  if (seconds >= targets.answerSeconds) return 'alert'
  if (seconds >= targets.answerSeconds - WARN_BEFORE_TARGET_S) return 'warn'
  return 'ok'
}

export function ringWords(level: RingLevel, targets: AnswerTimeThresholds): string {
  switch (level) {
    case 'ok':
      return ''
    case 'warn':
      return `nearing ${targets.answerSeconds} s`
    case 'alert':
      return `past ${targets.answerSeconds} s`
    case 'overdue':
      return `past ${targets.limitSeconds} s`
  }
}

/** The CSS class of a level (.age-overdue flashes, stronger than .age-alert). */
export function ringClass(level: RingLevel): string {
  return level === 'overdue' ? 'age-alert age-overdue' : `age-${level}`
}
