import { z } from 'zod'
import {
  ASSIGNMENT_STATES,
  DISCIPLINES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
} from '../domain/incidents.ts'
import { UNIT_STATUSES, UNIT_TYPES } from '../domain/units.ts'
import { CivicAddress, GeoPoint } from './locations.ts'
import { Id } from './schemas.ts'

const Reason = z.string().trim().min(1).max(500)
const NatureCodeValue = z.string().trim().toUpperCase().min(1).max(24)
const Priority = z.number().int().min(1).max(5)

/** Where an incident is: a civic address, a point, or at least a description. */
export const IncidentLocationInput = z
  .object({
    civic: CivicAddress.optional(),
    point: GeoPoint.optional(),
    text: z.string().trim().min(1).max(300).optional(),
    /** Verified against the address data (the geography service sets this; a person may too). */
    isVerified: z.boolean().default(false),
    /** Why an unverified location is used anyway; it goes on the follow-up list. */
    overrideReason: Reason.optional(),
  })
  .refine((l) => l.civic || l.point || l.text, {
    message: 'give a civic address, a point or a text',
    path: ['civic'],
  })
export type IncidentLocationInput = z.infer<typeof IncidentLocationInput>

/** POST /api/incidents: an incident without a call (officer-initiated, walk-in, alarm company). */
export const OpenIncidentBody = z.object({
  natureCode: NatureCodeValue,
  priority: Priority.optional(),
  kind: z.enum(INCIDENT_KINDS).default('emergency'),
  location: IncidentLocationInput,
  /** The agency that owns the incident; by default the town's agency for the nature's discipline. */
  agencyId: Id.optional(),
  narrative: z.string().trim().min(1).max(4000).optional(),
})
export type OpenIncidentBody = z.infer<typeof OpenIncidentBody>

export const ListIncidentsQuery = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  /** Only incidents that are not closed. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  agencyId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>

export const ChangePriorityBody = z.object({ priority: Priority, reason: Reason })
export type ChangePriorityBody = z.infer<typeof ChangePriorityBody>

export const ChangeNatureBody = z.object({
  natureCode: NatureCodeValue,
  reason: Reason,
  /** Take the new nature's default priority as well. */
  applyDefaultPriority: z.boolean().default(false),
})
export type ChangeNatureBody = z.infer<typeof ChangeNatureBody>

export const FollowUpLocationBody = z.object({ note: Reason })
export type FollowUpLocationBody = z.infer<typeof FollowUpLocationBody>

export const AddNoteBody = z.object({
  text: z.string().trim().min(1).max(4000),
  /** The note this one corrects; the old one stays in the record, marked as replaced. */
  supersedesNoteId: Id.optional(),
})
export type AddNoteBody = z.infer<typeof AddNoteBody>

export const CloseIncidentBody = z.object({ disposition: z.string().trim().min(1).max(40) })
export type CloseIncidentBody = z.infer<typeof CloseIncidentBody>

export const ReopenIncidentBody = z.object({ reason: Reason })
export type ReopenIncidentBody = z.infer<typeof ReopenIncidentBody>

/** POST /api/incidents/:id/dispatch */
export const DispatchBody = z.object({
  unitIds: z.array(Id).min(1, 'at least one unit').max(50),
  /** Stack a unit that is committed elsewhere instead of refusing it. */
  allowStacking: z.boolean().default(false),
})
export type DispatchBody = z.infer<typeof DispatchBody>

export const ClearUnitBody = z.object({
  reason: z.string().trim().min(1).max(300).default('cleared'),
  /** Where the unit goes when it has nothing stacked. */
  status: z.enum(['available', 'in_quarters']).default('available'),
  /** Clearing a unit mid-transport skips a step of the status order: it must be said. */
  override: z.boolean().default(false),
})
export type ClearUnitBody = z.infer<typeof ClearUnitBody>

export const UpgradeAlarmBody = z.object({
  /** Assign the recommended units of the next level at once (the usual case). */
  dispatch: z.boolean().default(true),
})
export type UpgradeAlarmBody = z.infer<typeof UpgradeAlarmBody>

export const IncidentLocation = z.object({
  text: z.string(),
  address: CivicAddress.nullable(),
  town: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  isVerified: z.boolean(),
  overrideReason: z.string().nullable(),
  followedUpAt: z.string().nullable(),
  /** The first-due station of the incident's discipline, from the response zone it lies in. */
  firstDueStationCode: z.string().nullable(),
})

export const IncidentUnit = z.object({
  assignmentId: z.uuid(),
  unitId: z.uuid(),
  code: z.string(),
  unitType: z.enum(UNIT_TYPES),
  unitStatus: z.enum(UNIT_STATUSES),
  state: z.enum(ASSIGNMENT_STATES),
  assignedAt: z.string(),
  activatedAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
})
export type IncidentUnit = z.infer<typeof IncidentUnit>

export const IncidentNote = z.object({
  id: z.uuid(),
  text: z.string(),
  supersedesNoteId: z.uuid().nullable(),
  supersededByNoteId: z.uuid().nullable(),
  authorUserId: z.uuid().nullable(),
  authorPositionId: z.uuid().nullable(),
  createdAt: z.string(),
})
export type IncidentNote = z.infer<typeof IncidentNote>

export const Incident = z.object({
  id: z.uuid(),
  number: z.string(),
  agencyId: z.uuid(),
  agencyCode: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  natureCode: z.string(),
  natureDescription: z.string(),
  discipline: z.enum(DISCIPLINES),
  priority: z.number(),
  status: z.enum(INCIDENT_STATUSES),
  alarmLevel: z.number(),
  location: IncidentLocation,
  disposition: z.string().nullable(),
  createdAt: z.string(),
  firstDispatchedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  units: z.array(IncidentUnit),
  notes: z.array(IncidentNote),
})
export type Incident = z.infer<typeof Incident>

/** Why a unit was chosen: its estimated drive to the incident and where it starts from. */
export const RecommendedUnit = z.object({
  unitId: z.uuid(),
  code: z.string(),
  /** Estimated drive time; null when the incident has no position. */
  driveSeconds: z.number().nullable(),
  /** Road distance when routed, else straight line; null when the incident has no position. */
  distanceM: z.number().nullable(),
  /** The unit's last AVL fix, or its station when the fix is stale or missing. */
  from: z.enum(['avl', 'station']),
  /** Age of the unit's last AVL fix; null when it never sent one. */
  fixAgeSeconds: z.number().nullable(),
  /** The unit has a fix, too old to use: it is placed at its station. */
  stale: z.boolean(),
  /** The figures are not from the road graph; `approximateReason` says why. */
  approximate: z.boolean(),
  approximateReason: z.string().nullable(),
})
export type RecommendedUnit = z.infer<typeof RecommendedUnit>
/** A free unit of the wanted type that could not be ranked, and why. */
export const SkippedUnit = z.object({ unitId: z.uuid(), code: z.string(), reason: z.string() })

/** One line of a run-card recommendation: what the card asks for, what can go, what is missing. */
export const RecommendationLine = z.object({
  unitType: z.enum(UNIT_TYPES),
  wanted: z.number(),
  alreadyAssigned: z.number(),
  recommendedUnitIds: z.array(z.uuid()),
  recommendedUnitCodes: z.array(z.string()),
  /** One per recommended unit, fastest first, in the order of `recommendedUnitIds`. */
  choices: z.array(RecommendedUnit),
  skipped: z.array(SkippedUnit),
  missing: z.number(),
  reason: z.string().nullable(),
})
export const Recommendation = z.object({
  incidentId: z.uuid(),
  alarmLevel: z.number(),
  /** Some choice is not ranked by road drive time; `approximateReason` says why. */
  approximate: z.boolean(),
  approximateReason: z.string().nullable(),
  lines: z.array(RecommendationLine),
})
export type Recommendation = z.infer<typeof Recommendation>

export const NatureCode = z.object({
  code: z.string(),
  description: z.string(),
  discipline: z.enum(DISCIPLINES),
  defaultPriority: z.number(),
  apcoType: z.string(),
})
export type NatureCode = z.infer<typeof NatureCode>

export const Disposition = z.object({
  code: z.string(),
  label: z.string(),
  appliesTo: z.array(z.enum(['call', 'incident'])),
})
export type Disposition = z.infer<typeof Disposition>

export const ResponsePlanLine = z.object({
  natureCode: z.string(),
  town: z.string().nullable(),
  alarmLevel: z.number(),
  unitType: z.enum(UNIT_TYPES),
  unitCount: z.number(),
})
export type ResponsePlanLine = z.infer<typeof ResponsePlanLine>

export const NatureCodeParams = z.object({ natureCode: NatureCodeValue })
export type NatureCodeParams = z.infer<typeof NatureCodeParams>

/**
 * PUT /api/response-plans/:natureCode: the whole run card of a town (or the center-wide one,
 * town null) for a nature code, replacing the one there. Alarm levels run from 1 without a gap.
 * No lines for a town removes its own card, so the center-wide one applies again.
 */
export const ReplaceResponsePlanBody = z
  .object({
    town: z.string().trim().min(1).max(80).nullable(),
    lines: z
      .array(
        z.object({
          alarmLevel: z.number().int().min(1).max(5),
          unitType: z.enum(UNIT_TYPES),
          unitCount: z.number().int().min(1).max(20),
        }),
      )
      .max(50),
  })
  .superRefine((body, check) => {
    const seen = new Set<string>()
    for (const line of body.lines) {
      const key = `${line.alarmLevel}/${line.unitType}`
      if (seen.has(key)) {
        check.addIssue({
          code: 'custom',
          path: ['lines'],
          message: `alarm level ${line.alarmLevel} names ${line.unitType} twice`,
        })
      }
      seen.add(key)
    }
    const levels = new Set(body.lines.map((line) => line.alarmLevel))
    for (let level = 1; level <= levels.size; level++) {
      if (!levels.has(level)) {
        check.addIssue({
          code: 'custom',
          path: ['lines'],
          message: `alarm levels must run from 1 without a gap; level ${level} is missing`,
        })
        break
      }
    }
    if (body.town === null && body.lines.length === 0) {
      check.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'the center-wide run card needs at least one line',
      })
    }
  })
export type ReplaceResponsePlanBody = z.infer<typeof ReplaceResponsePlanBody>
