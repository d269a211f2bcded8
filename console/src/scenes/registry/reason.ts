import { ApiError } from '../../api/http.ts'

/**
 * A reason left empty, said in words before the schema check (whose own message is about string
 * lengths); the form shows it under the field, and nothing is sent.
 */
export function requireReason(value: string, field: string, message: string): void {
  if (value.trim() === '') throw new ApiError(400, 'invalid_input', message, field)
}
