import type {
  AnswerCallBody,
  AttachCallBody,
  CallView,
  CallWithIncident,
  CloseCallBody,
  CreateIncidentFromCallBody,
  DismissDuplicateBody,
  ListCallsQuery,
  OfferCallBody,
  TransferCallBody,
} from '@common/api/calls.ts'
import type { IncidentLocationInput } from '@common/api/incidents.ts'
import type { LocationInput } from '@common/api/locations.ts'
import { addressKey, formatAddress } from '@common/domain/address.ts'
import { recordChange } from '../../commands/record-change.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { hasRole } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import {
  findPremiseInfo,
  lockOpenIncident,
  openIncidentWith,
  readIncident,
  requireDisposition,
} from '../incidents/index.ts'
import { findPositionByCode } from '../staff/index.ts'
import * as calls from './calls.repository.ts'
import { presentCall } from './calls.presenter.ts'
import type { CallLocationRow, CallRow } from './calls.table.ts'
import { findDuplicateCandidates } from './duplicate-detection.ts'

const COMPONENT = 'calls'

/**
 * A call as the call taker's screen shows it: its locations with their sources, the open
 * incidents it may duplicate, and the cautions and history of its primary address.
 */
export async function readCallView(db: Db, ctx: Ctx, id: string): Promise<CallView> {
  const row = await calls.findCall(db, id)
  if (!row) throw new AppError('call_not_found', `call ${id} not found`)
  return viewOf(db, ctx, row)
}

async function viewOf(db: Db, ctx: Ctx, row: CallRow): Promise<CallView> {
  const locations = await calls.listCallLocations(db, [row.id])
  const primary = locations.find((l) => l.is_primary)
  return {
    ...presentCall(row, locations),
    duplicateCandidates: row.closed_at ? [] : await findDuplicateCandidates(db, ctx, row, primary),
    premise: primary?.address_key
      ? await findPremiseInfo(db, ctx, primary.address_key, {
          ...(row.incident_id ? { excludeIncidentId: row.incident_id } : {}),
        })
      : null,
  }
}

export function getCall(ctx: Ctx, id: string): Promise<CallView> {
  return readCallView(ctx.db, ctx, id)
}

export async function listCalls(ctx: Ctx, query: ListCallsQuery) {
  const rows = await calls.listCallRows(ctx.db, query)
  const locations = await calls.listCallLocations(
    ctx.db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => presentCall(row, locations))
}

export function locationRow(callId: string, input: LocationInput, at: Date) {
  return {
    call_id: callId,
    source: input.source,
    location_text: input.civic ? formatAddress(input.civic) : (input.text ?? null),
    address: JSON.stringify(input.civic ?? null),
    address_key: input.civic ? addressKey(input.civic) : null,
    town: input.civic?.town ?? null,
    lat: input.point?.lat ?? null,
    lon: input.point?.lon ?? null,
    uncertainty_m: input.point?.uncertaintyM ?? null,
    confidence_pct: input.point?.confidencePct ?? null,
    received_at: at,
  }
}

/**
 * A phone system offers a ringing call. The server stamps its arrival; the delivered location
 * becomes the call's primary one. Duplicate candidates go out with the `call.offered` event, so
 * every call taker's screen shows them as the call rings. Offering a known `externalId` again
 * returns the first call unchanged.
 */
export async function offerCall(
  ctx: Ctx,
  body: OfferCallBody,
): Promise<{ created: boolean; call: CallView }> {
  return runCommand(ctx, (trx) => offerCallIn(trx, ctx, body))
}

/** `offerCall` inside a transaction the caller holds (a delivered call adds its data to it). */
export async function offerCallIn(
  trx: Trx,
  ctx: Ctx,
  body: OfferCallBody,
): Promise<{ created: boolean; call: CallView }> {
  const now = ctx.now()
  const row = await calls.insertCall(trx, {
    external_id: body.externalId ?? null,
    line: body.line,
    ani: body.ani ?? null,
    caller_name: body.callerName ?? null,
    class_of_service: body.classOfService ?? null,
    trunk: body.trunk ?? null,
    queue: body.queue ?? null,
    arrived_at: now,
  })
  if (!row) {
    const existing = await calls.findCallByExternalId(trx, body.externalId!)
    return { created: false, call: await viewOf(trx, ctx, existing!) }
  }
  let locationText: string | null = null
  if (body.location) {
    const location = await calls.insertCallLocation(trx, {
      ...locationRow(row.id, body.location, now),
      is_primary: true,
    })
    locationText = location.location_text
  }
  const view = await viewOf(trx, ctx, row)
  await recordChange(trx, ctx, {
    component: COMPONENT,
    subject: { type: 'call', id: row.id },
    type: 'call.offered',
    payload: {
      callId: row.id,
      line: row.line,
      ani: row.ani,
      locationText,
      duplicateCandidates: view.duplicateCandidates,
    },
    details: { line: row.line, externalId: row.external_id, trunk: row.trunk },
  })
  return { created: true, call: view }
}

async function lockCallOrThrow(trx: Trx, id: string): Promise<CallRow> {
  const row = await calls.lockCall(trx, id)
  if (!row) throw new AppError('call_not_found', `call ${id} not found`)
  return row
}

function refuseClosed(call: CallRow): void {
  if (call.closed_at) throw new AppError('call_closed', `call ${call.id} is closed`)
}

/**
 * Answers a ringing call at a position: a member of staff answers at their own; the phone
 * system names the position where it was picked up. Stamps the answer time.
 */
export async function answerCall(ctx: Ctx, id: string, body: AnswerCallBody): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    if (call.status !== 'ringing') {
      throw new AppError(
        'conflict',
        `the call is ${call.status === 'answered' ? 'already answered' : 'no longer ringing'}`,
      )
    }
    const position = await answeringPosition(trx, ctx, body)
    const now = ctx.now()
    const userId =
      ctx.actor && !hasRole(ctx.actor, 'integration') ? ctx.actor.userId : position.userId
    const updated = await calls.updateCall(trx, id, {
      status: 'answered',
      answered_at: now,
      answered_by_position_id: position.id,
      answered_by_user_id: userId,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.answered',
      payload: { callId: id, positionId: position.id, positionCode: position.code, userId },
      details: {
        position: position.code,
        secondsToAnswer: (now.getTime() - call.arrived_at.getTime()) / 1000,
      },
    })
    return viewOf(trx, ctx, updated)
  })
}

async function answeringPosition(trx: Trx, ctx: Ctx, body: AnswerCallBody) {
  if (hasRole(ctx.actor, 'integration')) {
    if (!body.position) {
      throw new AppError(
        'invalid_input',
        'position: the phone system names the answering position',
        'position',
      )
    }
    const position = await findPositionByCode(trx, body.position)
    if (!position) {
      throw new AppError('position_not_found', `position: ${body.position} not found`, 'position')
    }
    return position
  }
  if (!ctx.actor?.positionId || !ctx.actor.positionCode) {
    throw new AppError('position_not_found', 'you are not signed on at a position: log on with one')
  }
  return { id: ctx.actor.positionId, code: ctx.actor.positionCode, userId: ctx.actor.userId }
}

/**
 * Adds a location the call brought later (a device fix, what the caller said). It never replaces
 * the delivered one: it becomes primary only when the call had none.
 */
export async function addCallLocation(
  ctx: Ctx,
  id: string,
  body: LocationInput,
): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    const existing = await calls.listCallLocations(trx, [id])
    const location = await calls.insertCallLocation(trx, {
      ...locationRow(id, body, ctx.now()),
      is_primary: existing.length === 0,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.location_added',
      payload: {
        callId: id,
        locationId: location.id,
        source: location.source,
        locationText: location.location_text,
        incidentId: call.incident_id,
      },
      details: { locationId: location.id, source: location.source },
    })
    return viewOf(trx, ctx, call)
  })
}

/** Makes a location the call's primary one: an explicit act, logged with the one it replaced. */
export async function promoteCallLocation(
  ctx: Ctx,
  id: string,
  locationId: string,
): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    const locations = await calls.listCallLocations(trx, [id])
    const location = locations.find((l) => l.id === locationId)
    if (!location) {
      throw new AppError(
        'call_location_not_found',
        `location ${locationId} is not one of this call's`,
      )
    }
    const previous: CallLocationRow | undefined = locations.find((l) => l.is_primary)
    if (previous?.id === locationId) {
      throw new AppError('conflict', 'that location is already the primary one')
    }
    await calls.setPrimaryLocation(trx, id, locationId, {
      at: ctx.now(),
      userId: ctx.actor?.userId ?? null,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.location_promoted',
      payload: {
        callId: id,
        locationId,
        source: location.source,
        previousLocationId: previous?.id ?? null,
        incidentId: call.incident_id,
      },
      details: { locationId, source: location.source, previousLocationId: previous?.id ?? null },
    })
    return viewOf(trx, ctx, call)
  })
}

/**
 * Records that the call went to another agency or line. A call on no incident (a switchboard
 * call, a call for another jurisdiction) is closed with the `transferred` disposition.
 */
export async function transferCall(
  ctx: Ctx,
  id: string,
  body: TransferCallBody,
): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    if (call.status !== 'answered') {
      throw new AppError('call_not_answered', 'only an answered call can be transferred')
    }
    const now = ctx.now()
    const updated = await calls.updateCall(trx, id, {
      transferred_at: now,
      transferred_to: body.to,
      ...(call.incident_id || call.closed_at
        ? {}
        : {
            disposition: 'transferred',
            closed_at: now,
            closed_by_user_id: ctx.actor?.userId ?? null,
          }),
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.transferred',
      payload: { callId: id, to: body.to, incidentId: call.incident_id },
      details: { to: body.to },
    })
    return viewOf(trx, ctx, updated)
  })
}

/** The line ended. A call released before anyone answered is abandoned: it stays open for a callback. */
export async function releaseCall(ctx: Ctx, id: string): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    if (call.status === 'released') return viewOf(trx, ctx, call)
    const updated = await calls.updateCall(trx, id, { status: 'released', released_at: ctx.now() })
    const abandoned = call.answered_at === null
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.released',
      payload: { callId: id, abandoned, incidentId: call.incident_id },
      details: { abandoned },
    })
    return viewOf(trx, ctx, updated)
  })
}

async function linkCall(
  trx: Trx,
  ctx: Ctx,
  call: CallRow,
  incident: { id: string; number: string },
  attachedAs: 'originating' | 'duplicate',
): Promise<CallRow> {
  const updated = await calls.updateCall(trx, call.id, {
    incident_id: incident.id,
    attached_as: attachedAs,
    incident_linked_at: ctx.now(),
  })
  await recordChange(trx, ctx, {
    component: COMPONENT,
    subject: { type: 'call', id: call.id },
    type: 'call.attached',
    payload: { callId: call.id, incidentId: incident.id, number: incident.number, attachedAs },
    details: { incidentId: incident.id, number: incident.number },
    auditType: attachedAs === 'duplicate' ? 'call.attached_as_duplicate' : 'call.incident_created',
  })
  return updated
}

function refuseLinked(call: CallRow): void {
  if (call.incident_id) {
    throw new AppError('call_already_linked', 'the call is already on an incident')
  }
}

/** The call becomes a new incident, at the call's primary location unless another is given. */
export async function createIncidentFromCall(
  ctx: Ctx,
  id: string,
  body: CreateIncidentFromCallBody,
): Promise<CallWithIncident> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    refuseLinked(call)
    const location = body.location ?? (await primaryAsIncidentLocation(trx, call))
    const incident = await openIncidentWith(trx, ctx, {
      natureCode: body.natureCode,
      kind: body.kind ?? (call.line === '911' ? 'emergency' : 'non_emergency'),
      location,
      callId: call.id,
      ...(body.priority ? { priority: body.priority } : {}),
      ...(body.agencyId ? { agencyId: body.agencyId } : {}),
      ...(body.narrative ? { narrative: body.narrative } : {}),
    })
    const linked = await linkCall(trx, ctx, call, incident, 'originating')
    return { call: await viewOf(trx, ctx, linked), incident: await readIncident(trx, incident.id) }
  })
}

async function primaryAsIncidentLocation(trx: Trx, call: CallRow): Promise<IncidentLocationInput> {
  const primary = (await calls.listCallLocations(trx, [call.id])).find((l) => l.is_primary)
  if (!primary) {
    throw new AppError('invalid_input', 'location: the call has no location; give one', 'location')
  }
  return {
    ...(primary.address ? { civic: primary.address } : {}),
    ...(primary.lat !== null && primary.lon !== null
      ? { point: { lat: primary.lat, lon: primary.lon } }
      : {}),
    ...(primary.location_text && !primary.address ? { text: primary.location_text } : {}),
    isVerified: false,
  }
}

/** "Attach as duplicate": the caller joins an open incident; no new number is made. */
export async function attachCall(
  ctx: Ctx,
  id: string,
  body: AttachCallBody,
): Promise<CallWithIncident> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    refuseLinked(call)
    const incident = await lockOpenIncident(trx, body.incidentId)
    const linked = await linkCall(trx, ctx, call, incident, 'duplicate')
    return { call: await viewOf(trx, ctx, linked), incident: await readIncident(trx, incident.id) }
  })
}

/** "Not a duplicate": logged, and the incident is no longer offered for this call. */
export async function dismissDuplicate(
  ctx: Ctx,
  id: string,
  body: DismissDuplicateBody,
): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    await lockOpenIncident(trx, body.incidentId, { allowClosed: true })
    await calls.insertDismissal(trx, {
      callId: id,
      incidentId: body.incidentId,
      reason: body.reason ?? null,
      at: ctx.now(),
      userId: ctx.actor?.userId ?? null,
    })
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.duplicate_dismissed',
      payload: { callId: id, incidentId: body.incidentId, reason: body.reason ?? null },
      details: { incidentId: body.incidentId, reason: body.reason ?? null },
    })
    return viewOf(trx, ctx, call)
  })
}

/**
 * The call taker is done with the call. A call on no incident needs a call disposition
 * (hang-up, misdial, information only …); a call on an incident closes without one.
 */
export async function closeCall(ctx: Ctx, id: string, body: CloseCallBody): Promise<CallView> {
  return runCommand(ctx, async (trx) => {
    const call = await lockCallOrThrow(trx, id)
    refuseClosed(call)
    if (!call.incident_id && !body.disposition) {
      throw new AppError(
        'invalid_input',
        'disposition: a call on no incident needs a disposition',
        'disposition',
      )
    }
    if (body.disposition) await requireDisposition(trx, body.disposition, 'call')
    const updated = await calls.updateCall(trx, id, {
      disposition: body.disposition ?? null,
      closed_at: ctx.now(),
      closed_by_user_id: ctx.actor?.userId ?? null,
    })
    const disposition = body.disposition ?? 'on_incident'
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id },
      type: 'call.closed',
      payload: { callId: id, disposition, incidentId: call.incident_id },
      details: { disposition },
    })
    return viewOf(trx, ctx, updated)
  })
}
