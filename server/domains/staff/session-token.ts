import { createHash, randomBytes } from 'node:crypto'

export const SESSION_COOKIE = 'ecc_session'
export const CSRF_HEADER = 'x-csrf-token'

export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Sessions are stored under the token's hash: a copy of the table does not let anyone log on. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
