import { z } from 'zod'

/**
 * POST /api/units/:id/emergency: the unit's emergency button (radio or mobile terminal). Where
 * the unit is, when the device knows; otherwise its last AVL fix is recorded.
 */
export const StartUnitEmergencyBody = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .partial()
  .refine((body) => (body.lat === undefined) === (body.lon === undefined), {
    message: 'give lat and lon together',
    path: ['lon'],
  })
export type StartUnitEmergencyBody = z.infer<typeof StartUnitEmergencyBody>

/** POST /api/unit-emergencies/:id/stop */
export const StopUnitEmergencyBody = z.object({
  reason: z.string().trim().min(1).max(300),
})
export type StopUnitEmergencyBody = z.infer<typeof StopUnitEmergencyBody>

/** GET /api/unit-emergencies */
export const ListUnitEmergenciesQuery = z.object({
  /** `true`: only emergencies not yet stopped, oldest first. Otherwise every one, newest first. */
  open: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})
export type ListUnitEmergenciesQuery = z.infer<typeof ListUnitEmergenciesQuery>

export const UnitEmergency = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitCode: z.string(),
  agencyId: z.uuid(),
  incidentId: z.uuid().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  startedAt: z.string(),
  startedByUserId: z.uuid().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByUserId: z.uuid().nullable(),
  stoppedAt: z.string().nullable(),
  stoppedByUserId: z.uuid().nullable(),
  stopReason: z.string().nullable(),
})
export type UnitEmergency = z.infer<typeof UnitEmergency>
