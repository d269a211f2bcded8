import type { z } from 'zod'
import { inputProblem } from '@common/api/input-problem.ts'
import { ApiError } from '../api/http.ts'

function names(error: ApiError, field: string): boolean {
  return error.field === field || (error.field?.startsWith(`${field}.`) ?? false)
}

/** The server's (or the form's own) message for one field, shown under it. */
export function FieldError({ error, field }: { error: ApiError | null; field: string }) {
  if (!error || !names(error, field)) return null
  return (
    <p className="field-error" role="alert" data-field={field}>
      {error.message}
    </p>
  )
}

/** A failure that names no field (or one the form has no place for): shown once for the form. */
export function FormError({ error, fields = [] }: { error: ApiError | null; fields?: string[] }) {
  if (!error || fields.some((field) => names(error, field))) return null
  return (
    <p className="form-error" role="alert">
      {error.message}
    </p>
  )
}

/**
 * Checks a form against the API's own schema before anything is sent, so a bad form sends
 * nothing; the failure names the field exactly as the server would.
 */
export function checkInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const { field, message } = inputProblem(result.error, 'form')
  throw new ApiError(400, 'invalid_input', message, field)
}

/** Aria attribute for an input the error names. */
export function invalid(error: ApiError | null, field: string): boolean {
  return error !== null && names(error, field)
}
