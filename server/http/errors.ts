import type { ErrorCode } from '@common/api/errors.ts'

/** A domain error: services throw these, never HTTP errors; the edge decides the status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The one place where an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_authenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  account_locked: 423,
  not_found: 404,
  user_not_found: 404,
  agency_not_found: 404,
  position_not_found: 404,
  conflict: 409,
  username_taken: 409,
  agency_code_taken: 409,
  position_code_taken: 409,
  position_occupied: 409,
  audit_retention: 409,
  idempotency_key_reused: 422,
  internal_error: 500,
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code]
}
