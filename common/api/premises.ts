import { z } from 'zod'
import { CAUTION_KINDS, INCIDENT_STATUSES } from '../domain/incidents.ts'
import { CivicAddress } from './locations.ts'
import { Timestamp } from './schemas.ts'

/** A yes/no in a query string: `true`, `false`, `1`, `0`. */
const QueryFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1')

const Reason = z.string().trim().min(1).max(500)

/** POST /api/premise-cautions: a caution or hazard shown on every new call at the address. */
export const AddPremiseCautionBody = z.object({
  address: CivicAddress,
  kind: z.enum(CAUTION_KINDS),
  text: z.string().trim().min(1).max(1000),
  /** Left out: the caution stands until removed. */
  expiresAt: Timestamp.optional(),
})
export type AddPremiseCautionBody = z.infer<typeof AddPremiseCautionBody>

/** GET /api/premise-cautions */
export const ListPremiseCautionsQuery = z.object({
  town: z.string().trim().min(1).max(64).optional(),
  /** Also list the cautions no longer in force: removed or expired. */
  includeRemoved: QueryFlag.default(false),
})
export type ListPremiseCautionsQuery = z.infer<typeof ListPremiseCautionsQuery>

/** POST /api/premise-cautions/:id/remove */
export const RemovePremiseCautionBody = z.object({ reason: Reason })
export type RemovePremiseCautionBody = z.infer<typeof RemovePremiseCautionBody>

/** GET /api/premises: the address in its parts; the server normalises it to its key. */
export const PremiseQuery = CivicAddress.pick({
  state: true,
  houseNumber: true,
  houseNumberSuffix: true,
  preDirection: true,
  street: true,
  streetType: true,
  postDirection: true,
  town: true,
})
export type PremiseQuery = z.infer<typeof PremiseQuery>

/** In force: not removed and not expired. */
export const PREMISE_CAUTION_STATUSES = ['active', 'expired', 'removed'] as const

export const PremiseCaution = z.object({
  id: z.uuid(),
  addressKey: z.string(),
  locationText: z.string(),
  town: z.string().nullable(),
  kind: z.enum(CAUTION_KINDS),
  text: z.string(),
  status: z.enum(PREMISE_CAUTION_STATUSES),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  createdByUserId: z.uuid().nullable(),
  removedAt: z.string().nullable(),
  removedByUserId: z.uuid().nullable(),
})
export type PremiseCaution = z.infer<typeof PremiseCaution>

/** An earlier incident at the same address. */
export const PriorIncident = z.object({
  id: z.uuid(),
  number: z.string(),
  natureCode: z.string(),
  priority: z.number().int(),
  status: z.enum(INCIDENT_STATUSES),
  createdAt: z.string(),
  disposition: z.string().nullable(),
})
export type PriorIncident = z.infer<typeof PriorIncident>

/** What the call taker sees for an address: its cautions in force and its recent incidents. */
export const PremiseInfo = z.object({
  addressKey: z.string(),
  cautions: z.array(PremiseCaution),
  priorIncidents: z.array(PriorIncident),
  /** How far back prior incidents are looked for (a setting). */
  lookbackDays: z.number().int(),
})
export type PremiseInfo = z.infer<typeof PremiseInfo>
