import type { z } from 'zod'
import { inputProblem } from '@common/api/input-problem.ts'
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
  const { field, message } = inputProblem(result.error, part)
  throw new AppError('invalid_input', message, field)
}
