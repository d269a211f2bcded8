import type { z } from 'zod'
import { AppError } from './errors.ts'

/**
 * Parses one part of a request with its schema. The first issue becomes a 400 that names the
 * field: `{ code: 'invalid_input', message: 'roles: at least one role', field: 'roles' }`.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  part: string,
): z.output<S> {
  const result = schema.safeParse(value ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : part
  const message =
    issue?.code === 'invalid_type' && issue.input === undefined ? 'required' : issue?.message
  throw new AppError('invalid_input', `${field}: ${message ?? 'invalid'}`, field)
}
