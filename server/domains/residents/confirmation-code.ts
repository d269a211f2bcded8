import { createHash, randomInt } from 'node:crypto'
import { AppError } from '../../http/errors.ts'

/**
 * The 6-digit codes that prove a person holds a phone number (a resident's phone, a caller's
 * number on a records request): kept only as a hash bound to what it proves, valid for a few
 * minutes (`ECC_PHONE_CODE_MINUTES`) and a few tries (`ECC_PHONE_CODE_ATTEMPTS`).
 */
export interface IssuedCode {
  code: string
  hash: string
  expiresAt: Date
}

export function issueCode(subjectId: string, now: Date, minutes: number): IssuedCode {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  return {
    code,
    hash: codeHash(subjectId, code),
    expiresAt: new Date(now.getTime() + minutes * 60_000),
  }
}

/** What is stored of a code: its hash, when it lapses, and the wrong tries so far. */
export interface StoredCode {
  subjectId: string
  hash: string | null
  expiresAt: Date | null
  attempts: number
}

export type CodeRefusal = {
  reason: 'no_live_code' | 'expired' | 'wrong_code'
  error: AppError
  tries?: number
}

/**
 * Checks a code typed in: null when it is right, else why not, with the error naming `code` and,
 * for a wrong code, the new count of tries to store.
 */
export function checkCode(
  stored: StoredCode,
  code: string,
  rules: { maxAttempts: number; now: Date; noCodeMessage: string },
): CodeRefusal | null {
  if (!stored.hash || !stored.expiresAt || stored.attempts >= rules.maxAttempts) {
    return {
      reason: 'no_live_code',
      error: new AppError('phone_code_spent', rules.noCodeMessage, 'code'),
    }
  }
  if (stored.expiresAt <= rules.now) {
    return {
      reason: 'expired',
      error: new AppError('phone_code_spent', 'code: the code has expired: send a new one', 'code'),
    }
  }
  if (codeHash(stored.subjectId, code) === stored.hash) return null
  const tries = stored.attempts + 1
  const left = rules.maxAttempts - tries
  return {
    reason: 'wrong_code',
    tries,
    error:
      left > 0
        ? new AppError(
            'phone_code_wrong',
            `code: wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`,
            'code',
          )
        : new AppError(
            'phone_code_spent',
            'code: wrong code, and no tries left: send a new one',
            'code',
          ),
  }
}

function codeHash(subjectId: string, code: string): string {
  return createHash('sha256').update(`${subjectId}:${code}`).digest('hex')
}
