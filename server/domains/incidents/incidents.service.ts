import type {
  AddNoteBody,
  ChangeNatureBody,
  ChangePriorityBody,
  CloseIncidentBody,
  FollowUpLocationBody,
  Incident,
  IncidentLocationInput,
  ListIncidentsQuery,
  OpenIncidentBody,
  ReopenIncidentBody,
} from '@common/api/incidents.ts'
import type { IncidentKind } from '@common/domain/incidents.ts'
import { recordChange } from '../../commands/record-change.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { readAgencies } from '../staff/index.ts'
import { assignments } from '../units/index.ts'
import {
  formatIncidentNumber,
  incidentYear,
  verifyLocation,
  type ResolvedLocation,
} from './incident-location.ts'
import * as incidents from './incidents.repository.ts'
import { presentIncident, type AssignmentWithUnit } from './incidents.presenter.ts'
import type { IncidentRow } from './incidents.table.ts'

const COMPONENT = 'incidents'

/** An incident with its units and notes, read with the caller's transaction or the pool. */
export async function readIncident(db: Db, id: string): Promise<Incident> {
  const row = await incidents.findIncident(db, id)
  if (!row) throw new AppError('incident_not_found', `incident ${id} not found`)
  const units = (await assignments.listIncidentAssignments(db, id)) as AssignmentWithUnit[]
  return presentIncident(row, units, await incidents.listNotes(db, id))
}

export function getIncident(ctx: Ctx, id: string): Promise<Incident> {
  return readIncident(ctx.db, id)
}

export async function listIncidents(ctx: Ctx, query: ListIncidentsQuery): Promise<Incident[]> {
  const rows = await incidents.listIncidentRows(ctx.db, query)
  const units = (await assignments.listAssignmentsOfIncidents(
    ctx.db,
    rows.map((row) => row.id),
  )) as AssignmentWithUnit[]
  return rows.map((row) =>
    presentIncident(
      row,
      units.filter((unit) => unit.incident_id === row.id),
      [],
    ),
  )
}

/** The follow-up list: incidents whose location was used without verification. */
export async function listUnverifiedLocations(ctx: Ctx): Promise<Incident[]> {
  const rows = await incidents.listUnverifiedIncidents(ctx.db)
  return rows.map((row) => presentIncident(row, [], []))
}

/** Locks an incident for a command; a closed one is refused unless `allowClosed`. */
export async function lockOpenIncident(
  trx: Trx,
  id: string,
  options: { allowClosed?: boolean } = {},
): Promise<IncidentRow> {
  return refuseUnlessOpen(await incidents.lockIncident(trx, id), id, options)
}

/** The incident locked, or 404; a closed one is refused (409) unless `allowClosed`. */
export function refuseUnlessOpen(
  row: IncidentRow | undefined,
  id: string,
  options: { allowClosed?: boolean } = {},
): IncidentRow {
  if (!row) throw new AppError('incident_not_found', `incident ${id} not found`)
  if (row.status === 'closed' && !options.allowClosed) {
    throw new AppError('incident_closed', `incident ${row.number} is closed: reopen it first`)
  }
  return row
}

export interface NewIncident {
  natureCode: string
  priority?: number
  kind: IncidentKind
  location: IncidentLocationInput
  agencyId?: string
  narrative?: string
  callId?: string | null
}

/**
 * Opens an incident with the caller's transaction: a number unique for its agency and year, the
 * nature's default priority unless one is given, the owning agency from the town and the nature's
 * discipline (EMS falls to the town's fire department when there is no EMS agency).
 */
export async function openIncidentWith(
  trx: Trx,
  ctx: Ctx,
  input: NewIncident,
): Promise<IncidentRow> {
  const nature = await incidents.findNatureCode(trx, input.natureCode)
  if (!nature || !nature.is_active) {
    throw new AppError(
      'nature_code_not_found',
      `natureCode: ${input.natureCode} is not a nature code`,
      'natureCode',
    )
  }
  const location = await verifyLocation(trx, ctx, input.location, nature.discipline)
  const agency = await owningAgency(trx, input.agencyId, location, nature.discipline)
  const now = ctx.now()
  const year = incidentYear(now)
  const number = formatIncidentNumber(
    agency.code,
    year,
    await incidents.takeIncidentNumber(trx, agency.id, year),
  )
  const row = await incidents.insertIncident(trx, {
    number,
    agency_id: agency.id,
    kind: input.kind,
    nature_code: nature.code,
    priority: input.priority ?? nature.default_priority,
    location_text: location.text,
    address: JSON.stringify(location.address),
    address_key: location.addressKey,
    town: location.town,
    lat: location.lat,
    lon: location.lon,
    is_location_verified: location.isVerified,
    location_override_reason: location.overrideReason,
    first_due_station_code: location.firstDueStationCode,
    created_at: now,
    updated_at: now,
    created_by_user_id: ctx.actor?.userId ?? null,
    created_by_position_id: ctx.actor?.positionId ?? null,
  })
  await recordChange(trx, ctx, {
    component: COMPONENT,
    subject: { type: 'incident', id: row.id },
    type: 'incident.created',
    payload: {
      incidentId: row.id,
      number,
      kind: row.kind,
      natureCode: row.nature_code,
      priority: row.priority,
      locationText: row.location_text,
      town: row.town,
      callId: input.callId ?? null,
    },
    details: {
      number,
      natureCode: row.nature_code,
      priority: row.priority,
      callId: input.callId ?? null,
    },
  })
  if (input.narrative) await addNoteWith(trx, ctx, row, { text: input.narrative })
  return row
}

async function owningAgency(
  trx: Trx,
  agencyId: string | undefined,
  location: ResolvedLocation,
  discipline: string,
): Promise<{ id: string; code: string }> {
  const agencies = (await readAgencies(trx)).filter((a) => a.isActive)
  if (agencyId) {
    const agency = agencies.find((a) => a.id === agencyId)
    if (!agency) {
      throw new AppError('agency_not_found', `agencyId: agency ${agencyId} not found`, 'agencyId')
    }
    return agency
  }
  const town = location.town?.toLowerCase()
  const inTown = agencies.filter((a) => a.town.toLowerCase() === town)
  const agency =
    inTown.find((a) => a.kind === discipline) ??
    (discipline === 'ems' ? inTown.find((a) => a.kind === 'fire') : undefined)
  if (!agency) {
    throw new AppError(
      'invalid_input',
      location.town
        ? `agencyId: no ${discipline} agency serves ${location.town}; name the agency`
        : 'agencyId: the location names no town; name the agency',
      'agencyId',
    )
  }
  return agency
}

/** POST /api/incidents: an incident that did not come from a call. */
export async function openIncident(ctx: Ctx, body: OpenIncidentBody): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await openIncidentWith(trx, ctx, body)
    return readIncident(trx, row.id)
  })
}

/** Priority changes name who and why: the reason is required, and logged. */
export async function changePriority(
  ctx: Ctx,
  id: string,
  body: ChangePriorityBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id)
    if (row.priority === body.priority) {
      throw new AppError(
        'invalid_input',
        `priority: the incident is already priority ${body.priority}`,
        'priority',
      )
    }
    await incidents.updateIncident(trx, id, { priority: body.priority, updated_at: ctx.now() })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.priority_changed',
      payload: {
        incidentId: id,
        number: row.number,
        priority: body.priority,
        previousPriority: row.priority,
        reason: body.reason,
      },
      details: { from: row.priority, to: body.priority, reason: body.reason },
    })
    return readIncident(trx, id)
  })
}

export async function changeNature(
  ctx: Ctx,
  id: string,
  body: ChangeNatureBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id)
    const nature = await incidents.findNatureCode(trx, body.natureCode)
    if (!nature || !nature.is_active) {
      throw new AppError(
        'nature_code_not_found',
        `natureCode: ${body.natureCode} is not a nature code`,
        'natureCode',
      )
    }
    const priority = body.applyDefaultPriority ? nature.default_priority : row.priority
    await incidents.updateIncident(trx, id, {
      nature_code: nature.code,
      priority,
      updated_at: ctx.now(),
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.nature_changed',
      payload: {
        incidentId: id,
        number: row.number,
        natureCode: nature.code,
        previousNatureCode: row.nature_code,
        reason: body.reason,
      },
      details: { from: row.nature_code, to: nature.code, priority, reason: body.reason },
    })
    return readIncident(trx, id)
  })
}

/** A new location for the incident (a better address, a corrected one), logged with the old one. */
export async function changeLocation(
  ctx: Ctx,
  id: string,
  body: IncidentLocationInput,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id)
    const nature = await incidents.findNatureCode(trx, row.nature_code)
    const location = await verifyLocation(trx, ctx, body, nature?.discipline ?? 'police')
    await incidents.updateIncident(trx, id, {
      location_text: location.text,
      address: JSON.stringify(location.address),
      address_key: location.addressKey,
      town: location.town,
      lat: location.lat,
      lon: location.lon,
      is_location_verified: location.isVerified,
      location_override_reason: location.overrideReason,
      first_due_station_code: location.firstDueStationCode,
      location_followed_up_at: null,
      location_followed_up_by: null,
      updated_at: ctx.now(),
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.location_changed',
      payload: {
        incidentId: id,
        number: row.number,
        locationText: location.text,
        isVerified: location.isVerified,
        overrideReason: location.overrideReason,
      },
      details: { from: row.location_text, to: location.text, isVerified: location.isVerified },
    })
    return readIncident(trx, id)
  })
}

/** Takes an unverified location off the follow-up list, saying what was done about it. */
export async function followUpLocation(
  ctx: Ctx,
  id: string,
  body: FollowUpLocationBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id, { allowClosed: true })
    if (row.is_location_verified || row.location_followed_up_at) {
      throw new AppError('conflict', `incident ${row.number} is not on the follow-up list`)
    }
    await incidents.updateIncident(trx, id, {
      location_followed_up_at: ctx.now(),
      location_followed_up_by: ctx.actor?.userId ?? null,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.location_followed_up',
      payload: { incidentId: id, number: row.number, note: body.note },
      details: { note: body.note },
    })
    return readIncident(trx, id)
  })
}

async function addNoteWith(trx: Trx, ctx: Ctx, incident: IncidentRow, body: AddNoteBody) {
  if (body.supersedesNoteId) {
    const old = await incidents.findNote(trx, body.supersedesNoteId)
    if (!old || old.incident_id !== incident.id) {
      throw new AppError(
        'note_not_found',
        `supersedesNoteId: no such note on ${incident.number}`,
        'supersedesNoteId',
      )
    }
  }
  const note = await incidents
    .insertNote(trx, {
      incidentId: incident.id,
      text: body.text,
      supersedesNoteId: body.supersedesNoteId ?? null,
      userId: ctx.actor?.userId ?? null,
      positionId: ctx.actor?.positionId ?? null,
      at: ctx.now(),
    })
    .catch((error: unknown) => {
      // The unique index on supersedes_note_id: a note is replaced once; correct the newest.
      if ((error as { code?: string }).code === '23505') {
        throw new AppError(
          'note_already_superseded',
          'supersedesNoteId: that note was already replaced; correct the newer one',
          'supersedesNoteId',
        )
      }
      throw error
    })
  await recordChange(trx, ctx, {
    component: COMPONENT,
    subject: { type: 'incident', id: incident.id },
    type: 'incident.note_added',
    payload: {
      incidentId: incident.id,
      noteId: note.id,
      text: note.text,
      supersedesNoteId: note.supersedes_note_id,
    },
    details: { noteId: note.id, supersedesNoteId: note.supersedes_note_id },
    auditType: body.supersedesNoteId ? 'incident.note_corrected' : 'incident.note_added',
  })
  return note
}

/** Narrative is append-only: a correction is a new note naming the one it replaces. */
export async function addNote(ctx: Ctx, id: string, body: AddNoteBody): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id, { allowClosed: true })
    await addNoteWith(trx, ctx, row, body)
    return readIncident(trx, id)
  })
}

/** A disposition from the configured list that may close a call or an incident, or a 404 naming the field. */
export async function requireDisposition(db: Db, code: string, use: 'call' | 'incident') {
  const disposition = await incidents.findDisposition(db, code)
  if (!disposition || !disposition.applies_to.includes(use)) {
    throw new AppError(
      'disposition_not_found',
      `disposition: ${code} is not a${use === 'incident' ? 'n' : ''} ${use} disposition`,
      'disposition',
    )
  }
  return disposition
}

/** Closing needs an incident disposition and no unit still on the incident. */
export async function closeIncident(
  ctx: Ctx,
  id: string,
  body: CloseIncidentBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id)
    const disposition = await requireDisposition(trx, body.disposition, 'incident')
    const open = await assignments.countOpenAssignments(trx, id)
    if (open.length > 0) {
      throw new AppError(
        'units_still_assigned',
        `clear ${open.map((u) => u.code).join(', ')} from ${row.number} first`,
      )
    }
    const now = ctx.now()
    await incidents.updateIncident(trx, id, {
      status: 'closed',
      disposition: disposition.code,
      closed_at: now,
      updated_at: now,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.closed',
      payload: { incidentId: id, number: row.number, disposition: disposition.code },
      details: { disposition: disposition.code },
    })
    return readIncident(trx, id)
  })
}

/** Reopening keeps the number; it is logged with why. */
export async function reopenIncident(
  ctx: Ctx,
  id: string,
  body: ReopenIncidentBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const row = await lockOpenIncident(trx, id, { allowClosed: true })
    if (row.status !== 'closed') {
      throw new AppError('incident_not_closed', `incident ${row.number} is not closed`)
    }
    await incidents.updateIncident(trx, id, {
      status: 'active',
      closed_at: null,
      disposition: null,
      updated_at: ctx.now(),
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id },
      type: 'incident.reopened',
      payload: { incidentId: id, number: row.number, reason: body.reason },
      details: { reason: body.reason, disposition: row.disposition },
    })
    return readIncident(trx, id)
  })
}
