import type { ChangeUnitStatusBody, Unit } from '@common/api/units.ts'
import type {
  ClearUnitBody,
  DispatchBody,
  Incident,
  Recommendation,
  UpgradeAlarmBody,
} from '@common/api/incidents.ts'
import {
  ASSIGNABLE_STATUSES,
  COMMITTED_STATUSES,
  isNormalTransition,
} from '@common/domain/units.ts'
import { recordChange } from '../../commands/record-change.ts'
import { CommandRetry, runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import {
  applyUnitStatus,
  assignments,
  getUnitView,
  lockUnitById,
  lockUnitsByIds,
  type UnitAssignmentRow,
  type UnitRow,
} from '../units/index.ts'
import * as incidents from './incidents.repository.ts'
import { lockOpenIncident, readIncident, refuseUnlessOpen } from './incidents.service.ts'
import type { IncidentRow } from './incidents.table.ts'
import { recommendFor, type RecommendOptions } from './recommendation.ts'

const COMPONENT = 'incidents'

/**
 * Sends units to an incident. A free unit (available or in quarters) is assigned and set to
 * dispatched; a unit committed elsewhere is stacked when `allowStacking`, else refused with
 * where it is. Out-of-service units are refused. Units are locked in id order (no deadlock
 * between two dispatchers), and the database allows one active assignment per unit whatever
 * happens above it.
 */
export async function dispatchUnits(
  ctx: Ctx,
  incidentId: string,
  body: DispatchBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const incident = await lockOpenIncident(trx, incidentId)
    await sendUnits(trx, ctx, incident, body.unitIds, body.allowStacking)
    return readIncident(trx, incidentId)
  })
}

async function sendUnits(
  trx: Trx,
  ctx: Ctx,
  incident: IncidentRow,
  unitIds: string[],
  allowStacking: boolean,
): Promise<void> {
  const ids = [...new Set(unitIds)]
  const locked = await lockUnitsByIds(trx, ids)
  const byId = new Map(locked.map((unit) => [unit.id, unit]))
  const missing = ids.find((id) => !byId.has(id))
  if (missing) throw new AppError('unit_not_found', `unitIds: unit ${missing} not found`, 'unitIds')
  let activated = 0
  for (const id of ids) {
    const unit = byId.get(id)!
    if (await assignments.findOpenAssignment(trx, unit.id, incident.id)) {
      throw new AppError('unit_already_assigned', `${unit.code} is already on ${incident.number}`)
    }
    if (unit.status === 'out_of_service') {
      throw new AppError(
        'unit_not_available',
        `${unit.code} is out of service${unit.out_of_service_reason ? `: ${unit.out_of_service_reason}` : ''}`,
      )
    }
    const active = await assignments.findActiveAssignment(trx, unit.id)
    const free = !active && ASSIGNABLE_STATUSES.includes(unit.status)
    if (!free && !allowStacking) {
      throw new AppError(
        'unit_not_available',
        `${unit.code} is ${unit.status.replace('_', ' ')}${active ? ` on ${active.incident_number}` : ''}: stack it or send another unit`,
      )
    }
    const now = ctx.now()
    await assignments
      .insertAssignment(trx, {
        unitId: unit.id,
        incidentId: incident.id,
        incidentNumber: incident.number,
        state: free ? 'active' : 'stacked',
        at: now,
        userId: ctx.actor?.userId ?? null,
      })
      .catch(refuseSecondActiveAssignment(unit))
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'incident', id: incident.id },
      relatedStream: `unit:${unit.id}`,
      type: 'unit.dispatched',
      payload: {
        unitId: unit.id,
        code: unit.code,
        incidentId: incident.id,
        number: incident.number,
        stacked: !free,
      },
      details: { unitId: unit.id, code: unit.code, number: incident.number },
      auditType: free ? 'unit.dispatched' : 'unit.stacked',
    })
    if (free) {
      await applyUnitStatus(trx, ctx, unit, {
        to: 'dispatched',
        incidentId: incident.id,
        incidentNumber: incident.number,
        override: false,
        reason: null,
      })
      activated++
    }
  }
  if (activated > 0) await markDispatched(trx, ctx, incident)
}

/** The unique index on active assignments is the last word when two commands race. */
function refuseSecondActiveAssignment(unit: UnitRow) {
  return (error: unknown): never => {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('unit_not_available', `${unit.code} was just assigned elsewhere`)
    }
    throw error
  }
}

/** The first unit on an incident makes it active and stamps the first-dispatch time. */
async function markDispatched(trx: Trx, ctx: Ctx, incident: IncidentRow): Promise<void> {
  const now = ctx.now()
  if (incident.status === 'active' && incident.first_dispatched_at) return
  await incidents.updateIncident(trx, incident.id, {
    status: 'active',
    first_dispatched_at: incident.first_dispatched_at ?? now,
    updated_at: now,
  })
  if (incident.status !== 'active') {
    appendEvent(trx, ctx, {
      type: 'incident.status_changed',
      stream: `incident:${incident.id}`,
      payload: {
        incidentId: incident.id,
        number: incident.number,
        status: 'active',
        previousStatus: incident.status,
      },
    })
  }
}

/**
 * The locks a change to one unit needs, taken in the order every dispatch command keeps
 * (incidents in id order, then units in id order) so that no two wait on each other in a
 * circle: `incidentId` if given, the unit's next stacked incident, then the unit. Only the
 * unit's assignments tell which incident is stacked next, so they are read before the unit is
 * locked; `releaseUnit` runs the command again if a dispatcher stacked another one meanwhile.
 */
async function lockUnitChange(
  trx: Trx,
  unitId: string,
  incidentId: string | null,
): Promise<{ unit: UnitRow | undefined; locked: Map<string, IncidentRow> }> {
  const next = await assignments.findNextStacked(trx, unitId)
  const ids = [incidentId, next?.incident_id].filter((id): id is string => Boolean(id))
  const rows = await incidents.lockIncidentsByIds(trx, [...new Set(ids)])
  const unit = await lockUnitById(trx, unitId)
  return { unit, locked: new Map(rows.map((row) => [row.id, row])) }
}

/**
 * Ends a unit's work on an incident. A unit cleared from its active assignment takes its oldest
 * stacked incident next (dispatched there at once); with nothing stacked it goes to `thenStatus`.
 * `locked`: the incidents `lockUnitChange` locked.
 */
async function releaseUnit(
  trx: Trx,
  ctx: Ctx,
  locked: Map<string, IncidentRow>,
  unit: UnitRow,
  assignment: UnitAssignmentRow,
  reason: string,
  thenStatus: 'available' | 'in_quarters' | 'out_of_service',
  override: boolean,
): Promise<void> {
  const now = ctx.now()
  await assignments.clearAssignment(trx, assignment.id, {
    at: now,
    userId: ctx.actor?.userId ?? null,
    reason,
  })
  appendEvent(trx, ctx, {
    type: 'unit.cleared',
    stream: `incident:${assignment.incident_id}`,
    relatedStream: `unit:${unit.id}`,
    payload: {
      unitId: unit.id,
      code: unit.code,
      incidentId: assignment.incident_id,
      number: assignment.incident_number,
      reason,
    },
  })
  if (assignment.state === 'stacked') return
  if (thenStatus === 'out_of_service') {
    // A unit leaving service takes none of its stacked incidents with it.
    for (const stacked of await assignments.listStackedAssignments(trx, unit.id)) {
      await releaseUnit(
        trx,
        ctx,
        locked,
        unit,
        stacked,
        `${unit.code} out of service`,
        thenStatus,
        override,
      )
    }
  } else {
    const next = await assignments.findNextStacked(trx, unit.id)
    if (next) {
      const nextIncident = locked.get(next.incident_id)
      if (!nextIncident) throw new CommandRetry(`${unit.code} was stacked on another incident`)
      const incident = refuseUnlessOpen(nextIncident, next.incident_id)
      await assignments.activateAssignment(trx, next.id, now)
      await applyUnitStatus(trx, ctx, unit, {
        to: 'dispatched',
        incidentId: incident.id,
        incidentNumber: incident.number,
        override: false,
        reason: `taken from the stack after ${assignment.incident_number}`,
      })
      await markDispatched(trx, ctx, incident)
      return
    }
  }
  await applyUnitStatus(trx, ctx, unit, {
    to: thenStatus,
    incidentId: null,
    incidentNumber: null,
    override,
    reason,
  })
}

/** POST /api/incidents/:id/units/:unitId/clear */
export async function clearUnit(
  ctx: Ctx,
  incidentId: string,
  unitId: string,
  body: ClearUnitBody,
): Promise<Incident> {
  return runCommand(ctx, async (trx) => {
    const { unit, locked } = await lockUnitChange(trx, unitId, incidentId)
    const incident = refuseUnlessOpen(locked.get(incidentId), incidentId)
    if (!unit) throw new AppError('unit_not_found', `unit ${unitId} not found`)
    const assignment = await assignments.findOpenAssignment(trx, unitId, incidentId)
    if (!assignment) {
      throw new AppError('unit_not_assigned', `${unit.code} is not on ${incident.number}`)
    }
    // A stacked assignment leaves the unit's status alone; an active one ends it.
    const override = assignment.state === 'active' && !isNormalTransition(unit.status, body.status)
    if (override && !body.override) {
      throw new AppError(
        'status_transition_not_allowed',
        `${unit.code} is ${unit.status.replace('_', ' ')}: clearing it skips a step; send override`,
      )
    }
    await releaseUnit(trx, ctx, locked, unit, assignment, body.reason, body.status, override)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.cleared',
      subject: { type: 'incident', id: incidentId },
      details: {
        unitId,
        code: unit.code,
        reason: body.reason,
        wasStacked: assignment.state === 'stacked',
      },
    })
    return readIncident(trx, incidentId)
  })
}

/**
 * A unit's status as it reports it (radio or mobile terminal). The normal order is a table; a
 * skipped step needs `override` and a reason, logged. Working statuses need an incident;
 * `dispatched` comes only from an assignment. Going available, to quarters or out of service
 * ends the unit's active assignment (and takes the next stacked one, except out of service).
 */
export async function changeUnitStatus(
  ctx: Ctx,
  unitId: string,
  body: ChangeUnitStatusBody,
): Promise<Unit> {
  return runCommand(ctx, async (trx) => {
    const { unit, locked } = await lockUnitChange(trx, unitId, null)
    if (!unit) throw new AppError('unit_not_found', `unit ${unitId} not found`)
    const to = body.status
    if (to === unit.status) {
      throw new AppError(
        'invalid_input',
        `status: ${unit.code} is already ${to.replace('_', ' ')}`,
        'status',
      )
    }
    if (to === 'dispatched') {
      throw new AppError(
        'status_transition_not_allowed',
        `${unit.code}: dispatch the unit to an incident instead`,
      )
    }
    if ((to === 'out_of_service' || body.override) && !body.reason) {
      throw new AppError(
        'invalid_input',
        `reason: ${body.override ? 'an override' : 'out of service'} needs a reason`,
        'reason',
      )
    }
    const active = await assignments.findActiveAssignment(trx, unit.id)
    if (COMMITTED_STATUSES.includes(to) && !active) {
      throw new AppError('unit_not_assigned', `${unit.code} is on no incident: dispatch it first`)
    }
    const normal = isNormalTransition(unit.status, to)
    if (!normal && !body.override) {
      throw new AppError(
        'status_transition_not_allowed',
        `${unit.code}: ${unit.status.replace('_', ' ')} to ${to.replace('_', ' ')} is not the normal order; send override with a reason`,
      )
    }
    const override = !normal
    const reason = body.reason ?? null
    if (active && (to === 'available' || to === 'in_quarters' || to === 'out_of_service')) {
      await releaseUnit(
        trx,
        ctx,
        locked,
        unit,
        active,
        reason ?? `${unit.code} ${to.replace('_', ' ')}`,
        to,
        override,
      )
    } else {
      await applyUnitStatus(trx, ctx, unit, {
        to,
        incidentId: active?.incident_id ?? null,
        incidentNumber: active?.incident_number ?? null,
        override,
        reason,
      })
    }
    return getUnitView(trx, ctx, unit.id)
  })
}

/** What the run card still asks for at the incident's alarm level, and which units could go. */
export async function recommendUnits(ctx: Ctx, incidentId: string): Promise<Recommendation> {
  const incident = await incidents.findIncident(ctx.db, incidentId)
  if (!incident) throw new AppError('incident_not_found', `incident ${incidentId} not found`)
  return recommendFor(ctx.db, incident, incident.alarm_level, recommendOptions(ctx))
}

function recommendOptions(ctx: Ctx): RecommendOptions {
  return {
    graphCacheKey: ctx.db,
    avlStaleSeconds: ctx.config.avlStaleSeconds,
    routeBudgetMs: ctx.config.routeBudgetMs,
    now: ctx.now(),
  }
}

/**
 * Raises the alarm level by one: the next level's units are added (none removed). With
 * `dispatch`, the recommended units go at once; what the region cannot supply is reported.
 */
export async function upgradeAlarm(
  ctx: Ctx,
  incidentId: string,
  body: UpgradeAlarmBody,
): Promise<{ incident: Incident; recommendation: Recommendation }> {
  return runCommand(ctx, async (trx) => {
    const incident = await lockOpenIncident(trx, incidentId)
    if (incident.alarm_level >= 5) {
      throw new AppError('conflict', `${incident.number} is already at the highest alarm level`)
    }
    const level = incident.alarm_level + 1
    const updated = await incidents.updateIncident(trx, incidentId, {
      alarm_level: level,
      updated_at: ctx.now(),
    })
    const recommendation = await recommendFor(trx, { ...updated }, level, recommendOptions(ctx))
    const unitIds = body.dispatch
      ? recommendation.lines.flatMap((line) => line.recommendedUnitIds)
      : []
    if (unitIds.length > 0) await sendUnits(trx, ctx, updated, unitIds, false)
    const shortfall = recommendation.lines
      .filter((line) => line.missing > 0)
      .map((line) => ({
        unitType: line.unitType,
        missing: line.missing,
        reason: line.reason ?? '',
      }))
    appendEvent(trx, ctx, {
      type: 'incident.alarm_upgraded',
      stream: `incident:${incidentId}`,
      payload: { incidentId, number: incident.number, alarmLevel: level, unitIds, shortfall },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'incident.alarm_upgraded',
      subject: { type: 'incident', id: incidentId },
      details: { from: incident.alarm_level, to: level, unitIds, shortfall },
    })
    return { incident: await readIncident(trx, incidentId), recommendation }
  })
}
