import type { IncidentTimeline } from '@common/api/timeline.ts'
import { summarizeEvent } from '@common/domain/timeline-summary.ts'
import type { Db } from '../../db/schema.ts'
import { listRecordEvents } from '../../events/event-log.repository.ts'
import { comparePositions, formatPosition } from '../../events/log-position.ts'
import { positionOf } from '../../events/log-follower.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { findStaffNames, readAgencies } from '../staff/index.ts'
import { renderIncidentTimelinePdf } from './incident-timeline.pdf.ts'
import * as incidents from './incidents.repository.ts'
import { readIncident } from './incidents.service.ts'

/**
 * An incident's timeline is its events: its own, its units' (they name it), and every event of
 * the calls attached to it, from the first ring. Each line has its time, user and position.
 */
export async function readIncidentTimeline(
  db: Db,
  ctx: Ctx,
  id: string,
): Promise<IncidentTimeline> {
  const incident = await incidents.findIncident(db, id)
  if (!incident) throw new AppError('incident_not_found', `incident ${id} not found`)
  const own = await listRecordEvents(db, [`incident:${id}`], id)
  const callStreams = own
    .filter((event) => event.type === 'call.attached')
    .map((event) => `call:${(event.payload as { callId: string }).callId}`)
  // A call's events that name the incident are already among its own: keep each event once.
  const seen = new Set(own.map((event) => event.id))
  const callEvents = callStreams.length > 0 ? await listRecordEvents(db, callStreams, null) : []
  const events = [...own, ...callEvents.filter((event) => !seen.has(event.id))].sort((a, b) =>
    comparePositions(positionOf(a), positionOf(b)),
  )
  const names = await findStaffNames(
    db,
    [...new Set(events.flatMap((e) => (e.actor_user_id ? [e.actor_user_id] : [])))],
    [...new Set(events.flatMap((e) => (e.actor_position_id ? [e.actor_position_id] : [])))],
  )
  const entries = events
    .map((event) => ({
      position: formatPosition(positionOf(event)),
      at: event.occurred_at.toISOString(),
      type: event.type,
      stream: event.stream,
      summary: summarizeEvent(event.type, event.payload),
      actorUserId: event.actor_user_id,
      actorUsername: event.actor_user_id ? (names.users.get(event.actor_user_id) ?? null) : null,
      actorPositionId: event.actor_position_id,
      actorPositionCode: event.actor_position_id
        ? (names.positions.get(event.actor_position_id) ?? null)
        : null,
      payload: event.payload as Record<string, unknown>,
    }))
    // Commit order, shown by time: a call's ring comes before the incident it became.
    .sort((a, b) => a.at.localeCompare(b.at))
  return { incidentId: id, number: incident.number, generatedAt: ctx.now().toISOString(), entries }
}

/**
 * The timeline as a PDF attachment, for records requests and court. Any member of staff may ask,
 * as for the JSON timeline. The header and the entries are read in one read-only snapshot, so
 * the status printed at the top matches the last event listed.
 */
export async function exportIncidentTimelinePdf(
  ctx: Ctx,
  id: string,
): Promise<{ filename: string; pdf: Buffer }> {
  const { timeline, incident, agencies } = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      timeline: await readIncidentTimeline(trx, ctx, id),
      incident: await readIncident(trx, id),
      agencies: await readAgencies(trx),
    }))
  const actor = ctx.actor
  const pdf = await renderIncidentTimelinePdf({
    timeline,
    incident,
    agencyName: agencies.find((agency) => agency.id === incident.agencyId)?.name ?? null,
    generatedBy: actor
      ? `${actor.displayName} (${actor.username})${actor.positionCode ? ` at ${actor.positionCode}` : ''}`
      : 'unknown',
  })
  return { filename: `${timeline.number}-timeline.pdf`, pdf }
}
