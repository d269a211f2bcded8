import type {
  ListUnitEmergenciesQuery,
  StartUnitEmergencyBody,
  StopUnitEmergencyBody,
  UnitEmergency,
} from '@common/api/unit-emergencies.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Audience } from '../../events/audience.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { iso } from '../../http/present.ts'
import { recordAudit } from '../audit/index.ts'
import { agencyScopeOf, canWorkUnitOf, refuseOtherAgency } from './unit-access.ts'
import * as emergencies from './unit-emergencies.repository.ts'
import { presentUnitEmergency } from './unit-emergencies.presenter.ts'

const COMPONENT = 'units'

/** Every dispatch position of the unit's agency, and the center-wide ones. */
const dispatchFloorOf = (agencyId: string): Audience => ({
  roles: ['dispatcher', 'supervisor'],
  agencyIds: [agencyId],
})

/** Emergencies, the caller's agency only for agency staff; `open` ones are not yet stopped. */
export async function listUnitEmergencies(
  ctx: Ctx,
  query: ListUnitEmergenciesQuery,
): Promise<UnitEmergency[]> {
  const rows = await emergencies.listUnitEmergencyViews(ctx.db, {
    open: query.open ?? false,
    limit: query.limit,
    agencyId: agencyScopeOf(ctx.actor),
  })
  return rows.map(presentUnitEmergency)
}

/**
 * A unit pressed its emergency button (through the radio system, the mobile terminal, or a
 * dispatcher for it). Records the unit's incident and where it is (the device's position, else
 * its last AVL fix) and alarms every dispatch position of its agency. One open emergency per
 * unit: a second press while one is open is refused with 409 `unit_emergency_open`, even when
 * both arrive at once. Audited.
 */
export async function startUnitEmergency(
  ctx: Ctx,
  unitId: string,
  body: StartUnitEmergencyBody,
): Promise<UnitEmergency> {
  const notFound = () => new AppError('unit_not_found', `unit ${unitId} not found`)
  const found = await emergencies.findUnitForEmergency(ctx.db, unitId)
  if (!found) throw notFound()
  if (!canWorkUnitOf(ctx.actor, found.agency_id)) {
    await refuseOtherAgency(ctx, { type: 'unit', id: unitId }, notFound())
  }
  return runCommand(ctx, async (trx) => {
    const unit = await emergencies.findUnitForEmergency(trx, unitId)
    if (!unit) throw notFound()
    const where = whereIsUnit(body, unit)
    const row = await emergencies.insertUnitEmergencyUnlessOpen(trx, {
      unit_id: unit.id,
      incident_id: unit.incident_id,
      lat: where.lat,
      lon: where.lon,
      started_at: ctx.now(),
      started_by_user_id: ctx.actor?.userId ?? null,
    })
    if (!row) {
      const open = await emergencies.findOpenEmergencyOfUnit(trx, unit.id)
      throw new AppError(
        'unit_emergency_open',
        `unit ${unit.code} has an emergency open since ${open ? iso(open.started_at) : 'now'}`,
      )
    }
    const view = { ...row, unit_code: unit.code, agency_id: unit.agency_id }
    appendEvent(trx, ctx, {
      type: 'unit.emergency_started',
      stream: `unit:${unit.id}`,
      payload: {
        emergencyId: row.id,
        unitId: unit.id,
        unitCode: unit.code,
        agencyId: unit.agency_id,
        incidentId: row.incident_id,
        lat: row.lat,
        lon: row.lon,
        startedAt: iso(row.started_at),
      },
      audience: dispatchFloorOf(unit.agency_id),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.emergency_started',
      subject: { type: 'unit_emergency', id: row.id },
      details: {
        unitId: unit.id,
        code: unit.code,
        incidentId: row.incident_id,
        lat: row.lat,
        lon: row.lon,
        locatedBy: where.source,
      },
    })
    return presentUnitEmergency(view)
  })
}

/**
 * A dispatcher has the emergency in hand: the acknowledgement time is recorded and the alarm
 * stops sounding on the other positions. Refuses one already acknowledged (409
 * `already_acknowledged`) or already stopped (409 `unit_emergency_stopped`). Audited.
 */
export async function acknowledgeUnitEmergency(ctx: Ctx, id: string): Promise<UnitEmergency> {
  return changeEmergency(ctx, id, async (trx, row, now) => {
    if (row.acknowledged_at) {
      throw new AppError(
        'already_acknowledged',
        `unit emergency ${id} was acknowledged at ${iso(row.acknowledged_at)}`,
      )
    }
    if (row.stopped_at) {
      throw new AppError('unit_emergency_stopped', `unit emergency ${id} was stopped`)
    }
    const userId = ctx.actor?.userId ?? null
    await emergencies.acknowledgeUnitEmergency(trx, id, { userId, at: now })
    appendEvent(trx, ctx, {
      type: 'unit.emergency_acknowledged',
      stream: `unit:${row.unit_id}`,
      payload: {
        emergencyId: id,
        unitId: row.unit_id,
        unitCode: row.unit_code,
        incidentId: row.incident_id,
        acknowledgedAt: iso(now),
        acknowledgedByUserId: userId,
      },
      audience: dispatchFloorOf(row.agency_id),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.emergency_acknowledged',
      subject: { type: 'unit_emergency', id },
      details: { unitId: row.unit_id, code: row.unit_code, startedAt: iso(row.started_at) },
    })
  })
}

/**
 * The emergency is over (the unit is safe, or the press was a mistake): records the stop time
 * and the reason. Refuses one already stopped with 409 `unit_emergency_stopped`. Audited.
 */
export async function stopUnitEmergency(
  ctx: Ctx,
  id: string,
  body: StopUnitEmergencyBody,
): Promise<UnitEmergency> {
  return changeEmergency(ctx, id, async (trx, row, now) => {
    if (row.stopped_at) {
      throw new AppError(
        'unit_emergency_stopped',
        `unit emergency ${id} was stopped at ${iso(row.stopped_at)}`,
      )
    }
    const userId = ctx.actor?.userId ?? null
    await emergencies.stopUnitEmergency(trx, id, { userId, at: now, reason: body.reason })
    appendEvent(trx, ctx, {
      type: 'unit.emergency_stopped',
      stream: `unit:${row.unit_id}`,
      payload: {
        emergencyId: id,
        unitId: row.unit_id,
        unitCode: row.unit_code,
        incidentId: row.incident_id,
        stoppedAt: iso(now),
        reason: body.reason,
      },
      audience: dispatchFloorOf(row.agency_id),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.emergency_stopped',
      subject: { type: 'unit_emergency', id },
      details: {
        unitId: row.unit_id,
        code: row.unit_code,
        startedAt: iso(row.started_at),
        acknowledgedAt: row.acknowledged_at ? iso(row.acknowledged_at) : null,
        reason: body.reason,
      },
    })
  })
}

/** The position the device sent, else the unit's last AVL fix, else none. */
function whereIsUnit(
  body: StartUnitEmergencyBody,
  unit: { fix_lat: number | null; fix_lon: number | null },
): { lat: number | null; lon: number | null; source: 'device' | 'avl' | 'none' } {
  if (body.lat !== undefined && body.lon !== undefined) {
    return { lat: body.lat, lon: body.lon, source: 'device' }
  }
  if (unit.fix_lat !== null && unit.fix_lon !== null) {
    return { lat: unit.fix_lat, lon: unit.fix_lon, source: 'avl' }
  }
  return { lat: null, lon: null, source: 'none' }
}

/** Finds the emergency (another agency's looks missing, audited), locks it and applies `change`. */
async function changeEmergency(
  ctx: Ctx,
  id: string,
  change: (trx: Trx, row: emergencies.UnitEmergencyView, now: Date) => Promise<void>,
): Promise<UnitEmergency> {
  const notFound = () => new AppError('unit_emergency_not_found', `unit emergency ${id} not found`)
  const found = await emergencies.findUnitEmergencyView(ctx.db, id)
  if (!found) throw notFound()
  if (!canWorkUnitOf(ctx.actor, found.agency_id)) {
    await refuseOtherAgency(ctx, { type: 'unit_emergency', id }, notFound())
  }
  return runCommand(ctx, async (trx) => {
    if (!(await emergencies.lockUnitEmergencyById(trx, id))) throw notFound()
    const row = await emergencies.findUnitEmergencyView(trx, id)
    if (!row) throw notFound()
    await change(trx, row, ctx.now())
    const after = await emergencies.findUnitEmergencyView(trx, id)
    if (!after) throw notFound()
    return presentUnitEmergency(after)
  })
}
