/** The closed catalogue of error codes the API answers with. Statuses are decided in server/http/errors.ts. */
export const ERROR_CODES = [
  'invalid_input',
  'not_authenticated',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'invalid_credentials',
  'account_locked',
  'conflict',
  'username_taken',
  'agency_code_taken',
  'position_code_taken',
  'position_not_found',
  'position_occupied',
  'user_not_found',
  'agency_not_found',
  'audit_retention',
  'idempotency_key_reused',
  'internal_error',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; requestId?: string }
}
