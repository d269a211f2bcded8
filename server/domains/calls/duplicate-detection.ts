import type { DuplicateCandidate } from '@common/api/cad-events.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import {
  listOpenIncidentsByIds,
  listOpenIncidentsNear,
  type IncidentRow,
} from '../incidents/index.ts'
import * as calls from './calls.repository.ts'
import type { CallLocationRow, CallRow } from './calls.table.ts'

/** Numbers that say nothing about the caller: unknown, blocked or all zeros. */
const UNUSABLE_ANI = /^\+?0*$/

/**
 * Open incidents this call may be about: within the configured distance and time of the call's
 * location, or linked to an earlier call from the same callback number in that time. Incidents
 * the call taker already said it is not a duplicate of are left out. Nearest first.
 */
export async function findDuplicateCandidates(
  db: Db,
  ctx: Ctx,
  call: CallRow,
  primary: CallLocationRow | undefined,
): Promise<DuplicateCandidate[]> {
  const now = ctx.now()
  const since = new Date(now.getTime() - ctx.config.duplicateWindowMinutes * 60_000)
  const found = new Map<
    string,
    {
      incident: IncidentRow
      distanceM: number | null
      reasons: Set<DuplicateCandidate['reasons'][number]>
    }
  >()
  if (primary && primary.lat !== null && primary.lon !== null) {
    const near = await listOpenIncidentsNear(
      db,
      { lat: primary.lat, lon: primary.lon },
      ctx.config.duplicateRadiusM,
      since,
    )
    for (const incident of near) {
      found.set(incident.id, {
        incident,
        distanceM: Math.round(incident.distance_m),
        reasons: new Set(['nearby']),
      })
    }
  }
  if (call.ani && !UNUSABLE_ANI.test(call.ani)) {
    const ids = await calls.listIncidentIdsCalledFrom(db, call.ani, since, call.id)
    for (const incident of await listOpenIncidentsByIds(db, ids)) {
      const entry = found.get(incident.id)
      if (entry) entry.reasons.add('same_callback_number')
      else {
        found.set(incident.id, {
          incident,
          distanceM: null,
          reasons: new Set(['same_callback_number']),
        })
      }
    }
  }
  const dismissed = new Set(await calls.listDismissedIncidentIds(db, call.id))
  return [...found.values()]
    .filter(({ incident }) => incident.id !== call.incident_id && !dismissed.has(incident.id))
    .sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity))
    .map(({ incident, distanceM, reasons }) => ({
      incidentId: incident.id,
      number: incident.number,
      natureCode: incident.nature_code,
      locationText: incident.location_text,
      distanceM,
      minutesAgo: Math.max(0, Math.round((now.getTime() - incident.created_at.getTime()) / 60_000)),
      reasons: [...reasons],
    }))
}
