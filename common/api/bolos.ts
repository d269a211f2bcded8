import { z } from 'zod'
import { BOLO_KINDS } from '../domain/incidents.ts'
import { Id, Timestamp } from './schemas.ts'

/** A yes/no in a query string: `true`, `false`, `1`, `0`. */
const QueryFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

/**
 * A plate as stored and searched: upper case, without spaces, dashes or dots, so that
 * "1abc 23", "1ABC-23" and "1ABC23" are one plate.
 */
export function normalizePlate(plate: string): string {
  return plate.toUpperCase().replace(/[\s.-]/g, '')
}

const Plate = z
  .string()
  .transform(normalizePlate)
  .pipe(
    z
      .string()
      .min(1, 'required')
      .max(10)
      .regex(/^[A-Z0-9]+$/, 'letters and digits'),
  )
const Description = z.string().trim().min(1).max(500)

/** At most 30 days; a longer watch is a new BOLO. */
export const BOLO_MAX_HOURS = 720
export const BOLO_DEFAULT_HOURS = 24

/** POST /api/bolos */
export const IssueBoloBody = z
  .object({
    kind: z.enum(BOLO_KINDS),
    plate: Plate.optional(),
    /** The issuing state, as on the plate: MA, NH… */
    plateState: z.string().trim().length(2).toUpperCase().optional(),
    vehicle: Description.optional(),
    person: Description.optional(),
    details: z.string().trim().min(1).max(2000),
    incidentId: Id.optional(),
    expiresAt: Timestamp.optional(),
    /** Instead of `expiresAt`; 24 hours when neither is given. */
    expiresInHours: z.number().positive().max(BOLO_MAX_HOURS).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'vehicle' && !body.plate && !body.vehicle) {
      ctx.addIssue({
        code: 'custom',
        path: ['plate'],
        message: 'a vehicle BOLO needs a plate or a vehicle description',
      })
    }
    if (body.kind === 'person' && !body.person) {
      ctx.addIssue({
        code: 'custom',
        path: ['person'],
        message: 'a person BOLO needs a description of the person',
      })
    }
    if (body.expiresAt !== undefined && body.expiresInHours !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresInHours'],
        message: 'give expiresAt or expiresInHours, not both',
      })
    }
  })
export type IssueBoloBody = z.infer<typeof IssueBoloBody>

/** GET /api/bolos */
export const ListBolosQuery = z.object({
  /** Matches the plate (normalised), the vehicle, the person and the details, ignoring case. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Also list BOLOs no longer in force: expired or cancelled. */
  includeExpired: QueryFlag.default(false),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListBolosQuery = z.infer<typeof ListBolosQuery>

/** POST /api/bolos/:id/cancel */
export const CancelBoloBody = z.object({ reason: z.string().trim().min(1).max(500) })
export type CancelBoloBody = z.infer<typeof CancelBoloBody>

export const BOLO_STATUSES = ['active', 'expired', 'cancelled'] as const

export const Bolo = z.object({
  id: z.uuid(),
  kind: z.enum(BOLO_KINDS),
  plate: z.string().nullable(),
  plateState: z.string().nullable(),
  vehicle: z.string().nullable(),
  person: z.string().nullable(),
  details: z.string(),
  incidentId: z.uuid().nullable(),
  status: z.enum(BOLO_STATUSES),
  createdAt: z.string(),
  createdByUserId: z.uuid().nullable(),
  expiresAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelledByUserId: z.uuid().nullable(),
  cancelReason: z.string().nullable(),
})
export type Bolo = z.infer<typeof Bolo>
