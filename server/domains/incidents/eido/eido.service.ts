import type { EidoDocument } from '@common/api/eido.ts'
import type { Trx } from '../../../db/schema.ts'
import type { Ctx } from '../../../http/context.ts'
import { AppError } from '../../../http/errors.ts'
import { listCallLocations, listCallsOfIncident } from '../../calls/index.ts'
import { listStaffByIds, readAgencies } from '../../staff/index.ts'
import { assignments as assignmentRows, getUnitView } from '../../units/index.ts'
import { readIncidentTimeline } from '../incident-timeline.ts'
import type { AssignmentWithUnit } from '../incidents.presenter.ts'
import * as incidents from '../incidents.repository.ts'
import { listActivePremiseCautionRows } from '../premise-cautions.repository.ts'
import { buildEido, type EidoSources } from './eido.builder.ts'

/**
 * The incident as a NENA EIDO (NENA-STA-021, JSON), for another center's CAD. Any member of staff
 * may read it, as they may read the incident and its timeline. Everything is read in one
 * repeatable-read snapshot, so the document never mixes two moments of the incident. Unknown
 * incident: `incident_not_found`.
 */
export async function readIncidentEido(ctx: Ctx, id: string): Promise<EidoDocument> {
  const sources = await ctx.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((trx) => readSources(trx, ctx, id))
  return buildEido(sources)
}

async function readSources(trx: Trx, ctx: Ctx, id: string): Promise<EidoSources> {
  const incident = await incidents.findIncident(trx, id)
  if (!incident) throw new AppError('incident_not_found', `incident ${id} not found`)
  const nature = await incidents.findNatureCode(trx, incident.nature_code)
  if (!nature) throw new Error(`nature code ${incident.nature_code} of ${incident.number} is gone`)
  const assignments = (await assignmentRows.listIncidentAssignments(
    trx,
    id,
  )) as AssignmentWithUnit[]
  const units = []
  for (const unitId of new Set(assignments.map((a) => a.unit_id))) {
    units.push(await getUnitView(trx, ctx, unitId))
  }
  const calls = await listCallsOfIncident(trx, id)
  const timeline = await readIncidentTimeline(trx, ctx, id)
  const actorIds = new Set([
    ...timeline.entries.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
    ...calls.flatMap((c) => (c.answered_by_user_id ? [c.answered_by_user_id] : [])),
    ...assignments.flatMap((a) => (a.assigned_by_user_id ? [a.assigned_by_user_id] : [])),
  ])
  const disposition = incident.disposition
    ? await incidents.findDisposition(trx, incident.disposition)
    : undefined
  return {
    domain: ctx.config.centerDomain,
    incident,
    nature,
    agencies: await readAgencies(trx),
    assignments,
    units,
    calls,
    callLocations: await listCallLocations(
      trx,
      calls.map((c) => c.id),
    ),
    notes: await incidents.listNotes(trx, id),
    cautions: incident.address_key
      ? await listActivePremiseCautionRows(trx, incident.address_key, ctx.now())
      : [],
    disposition: disposition ? { code: disposition.code, label: disposition.label } : null,
    staff: await listStaffByIds(trx, [...actorIds]),
    timeline: timeline.entries,
  }
}
