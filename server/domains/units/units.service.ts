import type {
  CreateUnitBody,
  ListUnitsQuery,
  Station,
  Unit,
  UnitLocationBody,
} from '@common/api/units.ts'
import type { UnitStatus } from '@common/domain/units.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db, Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { readAgencies } from '../staff/index.ts'
import * as units from './units.repository.ts'
import { presentStation, presentUnit } from './units.presenter.ts'
import type { UnitRow } from './units.table.ts'

const COMPONENT = 'units'

/** The status board: every unit with its status, assignment and last AVL fix. */
export async function listUnits(ctx: Ctx, query: ListUnitsQuery): Promise<Unit[]> {
  const now = ctx.now()
  return (await units.listUnitBoardRows(ctx.db, query)).map((row) => presentUnit(row, now))
}

export function getUnit(ctx: Ctx, id: string): Promise<Unit> {
  return getUnitView(ctx.db, ctx, id)
}

/** A unit as the API shows it, read with the caller's transaction or the pool. */
export async function getUnitView(db: Db, ctx: Ctx, id: string): Promise<Unit> {
  return presentUnit(await findUnitOrThrow(db, id), ctx.now())
}

/** A unit as the board shows it, read with the caller's transaction. */
export async function findUnitOrThrow(db: Db, id: string) {
  const row = await units.findUnitBoardRow(db, id)
  if (!row) throw new AppError('unit_not_found', `unit ${id} not found`)
  return row
}

export async function listStations(ctx: Ctx, agencyId?: string): Promise<Station[]> {
  return (await units.listStationRows(ctx.db, agencyId)).map(presentStation)
}

/** Administrators add units; a unit starts in quarters. */
export async function createUnit(ctx: Ctx, body: CreateUnitBody): Promise<Unit> {
  return runCommand(ctx, async (trx) => {
    if (await units.findUnitByCode(trx, body.code)) {
      throw new AppError('unit_code_taken', `code: ${body.code} is taken`, 'code')
    }
    const agencies = await readAgencies(trx)
    if (!agencies.some((agency) => agency.id === body.agencyId)) {
      throw new AppError(
        'agency_not_found',
        `agencyId: agency ${body.agencyId} not found`,
        'agencyId',
      )
    }
    if (body.stationId && !(await units.findStationById(trx, body.stationId))) {
      throw new AppError(
        'station_not_found',
        `stationId: station ${body.stationId} not found`,
        'stationId',
      )
    }
    const row = await units.insertUnit(trx, {
      code: body.code,
      agency_id: body.agencyId,
      station_id: body.stationId,
      unit_type: body.unitType,
      capabilities: body.capabilities,
    })
    appendEvent(trx, ctx, {
      type: 'unit.created',
      stream: `unit:${row.id}`,
      payload: { unitId: row.id, code: row.code, unitType: row.unit_type, agencyId: row.agency_id },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.created',
      subject: { type: 'unit', id: row.id },
      details: { ...body },
    })
    return presentUnit(await findUnitOrThrow(trx, row.id), ctx.now())
  })
}

export interface StatusChange {
  to: UnitStatus
  incidentId: string | null
  incidentNumber: string | null
  override: boolean
  reason: string | null
}

/**
 * Writes a unit's new status with the caller's transaction: the row (its status timer restarts),
 * the `unit.status_changed` event that names the incident (for its timeline) and the audit row.
 * The caller has locked the unit and decided the change is allowed.
 */
export async function applyUnitStatus(
  trx: Trx,
  ctx: Ctx,
  unit: UnitRow,
  change: StatusChange,
): Promise<UnitRow> {
  const now = ctx.now()
  const updated = await units.updateUnit(trx, unit.id, {
    status: change.to,
    status_changed_at: now,
    timer_started_at: now,
    incident_id: change.incidentId,
    out_of_service_reason: change.to === 'out_of_service' ? change.reason : null,
  })
  appendEvent(trx, ctx, {
    type: 'unit.status_changed',
    stream: `unit:${unit.id}`,
    payload: {
      unitId: unit.id,
      code: unit.code,
      status: change.to,
      previousStatus: unit.status,
      incidentId: change.incidentId ?? unit.incident_id,
      number: change.incidentNumber,
      override: change.override,
      reason: change.reason,
    },
  })
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: change.override ? 'unit.status_overridden' : 'unit.status_changed',
    subject: { type: 'unit', id: unit.id },
    details: {
      code: unit.code,
      from: unit.status,
      to: change.to,
      incidentId: change.incidentId ?? unit.incident_id,
      reason: change.reason,
    },
  })
  return updated
}

/**
 * Stores an AVL fix. A fix older than the one stored is acknowledged but not applied: gateways
 * resend and reorder. Telemetry is not audited; the event feeds the consoles' map.
 */
export async function recordUnitLocation(
  ctx: Ctx,
  unitId: string,
  body: UnitLocationBody,
): Promise<{ applied: boolean; unit: Unit }> {
  return runCommand(ctx, async (trx) => {
    const unit = await findUnitOrThrow(trx, unitId)
    const at = body.at ? new Date(body.at) : ctx.now()
    const applied = await units.storeFixIfNewer(trx, unitId, {
      lat: body.lat,
      lon: body.lon,
      heading: body.heading ?? null,
      speedKmh: body.speedKmh ?? null,
      at,
    })
    if (applied) {
      appendEvent(trx, ctx, {
        type: 'unit.located',
        stream: `unit:${unitId}`,
        payload: {
          unitId,
          code: unit.code,
          lat: body.lat,
          lon: body.lon,
          heading: body.heading ?? null,
          at: at.toISOString(),
        },
      })
    }
    return { applied, unit: presentUnit(await findUnitOrThrow(trx, unitId), ctx.now()) }
  })
}
