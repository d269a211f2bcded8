import { z } from 'zod'
import { UNIT_STATUSES, UNIT_TYPES } from '../domain/units.ts'
import { Code, Id, Timestamp } from './schemas.ts'

const Reason = z.string().trim().min(1).max(300)

/** POST /api/units */
export const CreateUnitBody = z.object({
  code: Code,
  agencyId: Id,
  stationId: Id.nullable().default(null),
  unitType: z.enum(UNIT_TYPES),
  /** Free-form skills and equipment the run cards and people look for: ALS, BLS, foam, thermal camera. */
  capabilities: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
})
export type CreateUnitBody = z.infer<typeof CreateUnitBody>

/** GET /api/units */
export const ListUnitsQuery = z.object({
  agencyId: Id.optional(),
  status: z.enum(UNIT_STATUSES).optional(),
  unitType: z.enum(UNIT_TYPES).optional(),
})
export type ListUnitsQuery = z.infer<typeof ListUnitsQuery>

/**
 * POST /api/units/:id/status. A change outside the normal order needs `override: true` and a
 * reason; out of service always needs a reason.
 */
export const ChangeUnitStatusBody = z.object({
  status: z.enum(UNIT_STATUSES),
  override: z.boolean().default(false),
  reason: Reason.optional(),
})
export type ChangeUnitStatusBody = z.infer<typeof ChangeUnitStatusBody>

/** POST /api/units/:id/location: an AVL fix. */
export const UnitLocationBody = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360).optional(),
  speedKmh: z.number().min(0).max(400).optional(),
  /** When the fix was taken; the server's time when absent. */
  at: Timestamp.optional(),
})
export type UnitLocationBody = z.infer<typeof UnitLocationBody>

export const UnitFix = z.object({
  lat: z.number(),
  lon: z.number(),
  heading: z.number().nullable(),
  speedKmh: z.number().nullable(),
  at: z.string(),
  ageSeconds: z.number(),
})
export type UnitFix = z.infer<typeof UnitFix>

export const Unit = z.object({
  id: z.uuid(),
  code: z.string(),
  agencyId: z.uuid(),
  agencyCode: z.string(),
  stationId: z.uuid().nullable(),
  stationCode: z.string().nullable(),
  unitType: z.enum(UNIT_TYPES),
  capabilities: z.array(z.string()),
  status: z.enum(UNIT_STATUSES),
  statusChangedAt: z.string(),
  outOfServiceReason: z.string().nullable(),
  incidentId: z.uuid().nullable(),
  incidentNumber: z.string().nullable(),
  /** Incidents the unit is stacked on, in the order it will take them. */
  stackedIncidentIds: z.array(z.uuid()),
  fix: UnitFix.nullable(),
})
export type Unit = z.infer<typeof Unit>

export const Station = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  agencyId: z.uuid(),
  town: z.string(),
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
})
export type Station = z.infer<typeof Station>
