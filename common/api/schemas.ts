import { z } from 'zod'

/** Building blocks shared by the request schemas of every domain. */
export const Id = z.uuid()
export const IdParams = z.object({ id: Id })
export type IdParams = z.infer<typeof IdParams>

/** Short codes people type: unit names, agency and position codes. */
export const Code = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, 'use capital letters, digits and dashes')

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/, 'use letters, digits, dots, dashes and underscores')

/** NIST SP 800-63B: length over composition rules. */
export const NewPassword = z.string().min(12, 'at least 12 characters').max(256)

export const Timestamp = z.iso.datetime({ offset: true })
