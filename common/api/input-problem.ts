import type { z } from 'zod'

/**
 * The first problem of a failed parse as the API reports it, `roles: at least one role` naming
 * `roles`; the server answers it as a 400, the console shows it before sending anything.
 */
export function inputProblem(error: z.ZodError, part: string): { field: string; message: string } {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : part
  const message =
    issue?.code === 'invalid_type' && issue.input === undefined ? 'required' : issue?.message
  return { field, message: `${field}: ${message ?? 'invalid'}` }
}
