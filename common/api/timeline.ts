import { z } from 'zod'

/** One line of an incident's timeline: what happened, when, by whom and at which position. */
export const TimelineEntry = z.object({
  position: z.string(),
  at: z.string(),
  type: z.string(),
  stream: z.string(),
  summary: z.string(),
  actorUserId: z.uuid().nullable(),
  actorUsername: z.string().nullable(),
  actorPositionId: z.uuid().nullable(),
  actorPositionCode: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
})
export type TimelineEntry = z.infer<typeof TimelineEntry>

export const IncidentTimeline = z.object({
  incidentId: z.uuid(),
  number: z.string(),
  generatedAt: z.string(),
  entries: z.array(TimelineEntry),
})
export type IncidentTimeline = z.infer<typeof IncidentTimeline>
