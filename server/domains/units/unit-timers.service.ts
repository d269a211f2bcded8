import type {
  ListUnitTimerAlertsQuery,
  PutUnitTimerSettingBody,
  UnitCheckIn,
  UnitTimerAlert,
  UnitTimerSetting,
} from '@common/api/unit-timers.ts'
import { runCommand } from '../../commands/run-command.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { iso } from '../../http/present.ts'
import { recordAudit } from '../audit/index.ts'
import { agencyScopeOf, canWorkUnitOf, refuseOtherAgency } from './unit-access.ts'
import * as timers from './unit-timers.repository.ts'
import { presentUnitTimerAlert, presentUnitTimerSetting } from './unit-timers.presenter.ts'
import { lockUnitById } from './units.repository.ts'

const COMPONENT = 'units'
const DISPATCH_FLOOR = ['dispatcher', 'supervisor'] as const

/** Raised status timers, the caller's agency only for agency staff; `open` ones are unacknowledged. */
export async function listUnitTimerAlerts(
  ctx: Ctx,
  query: ListUnitTimerAlertsQuery,
): Promise<UnitTimerAlert[]> {
  const rows = await timers.listUnitTimerAlertViews(ctx.db, {
    open: query.open ?? false,
    limit: query.limit,
    agencyId: agencyScopeOf(ctx.actor),
    now: ctx.now(),
  })
  return rows.map(presentUnitTimerAlert)
}

/**
 * A dispatcher or supervisor has seen a raised timer: it leaves the open list. Refuses one
 * already acknowledged (409 `already_acknowledged`) and, for agency staff, another agency's
 * (404, audited). The acknowledgement is an event and an audit row.
 */
export async function acknowledgeUnitTimerAlert(ctx: Ctx, id: string): Promise<UnitTimerAlert> {
  const notFound = () => new AppError('unit_timer_not_found', `unit timer alert ${id} not found`)
  const found = await timers.findUnitTimerAlertView(ctx.db, id, ctx.now())
  if (!found) throw notFound()
  if (!canWorkUnitOf(ctx.actor, found.agency_id)) {
    await refuseOtherAgency(ctx, { type: 'unit_timer_alert', id }, notFound())
  }
  return runCommand(ctx, async (trx) => {
    const row = await timers.lockUnitTimerAlertById(trx, id)
    if (!row) throw notFound()
    if (row.acknowledged_at) {
      throw new AppError(
        'already_acknowledged',
        `unit timer alert ${id} was acknowledged at ${iso(row.acknowledged_at)}`,
      )
    }
    const now = ctx.now()
    const userId = ctx.actor?.userId ?? null
    await timers.acknowledgeUnitTimerAlert(trx, id, { userId, at: now })
    const view = await timers.findUnitTimerAlertView(trx, id, now)
    if (!view) throw notFound()
    appendEvent(trx, ctx, {
      type: 'unit.timer_acknowledged',
      stream: `unit:${view.unit_id}`,
      payload: {
        alertId: id,
        unitId: view.unit_id,
        unitCode: view.unit_code,
        status: view.status,
        level: view.level,
        incidentId: view.incident_id,
        acknowledgedByUserId: userId,
      },
      audience: { roles: [...DISPATCH_FLOOR], agencyIds: [view.agency_id] },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.timer_acknowledged',
      subject: { type: 'unit_timer_alert', id },
      details: {
        unitId: view.unit_id,
        code: view.unit_code,
        status: view.status,
        level: view.level,
        raisedAt: iso(view.raised_at),
      },
    })
    return presentUnitTimerAlert(view)
  })
}

/**
 * The unit answered the dispatcher's check-in: its status timer restarts, so the next warning
 * comes a full period later, and its open timer alerts count as answered (acknowledged by the
 * caller). Event `unit.checked_in` and an audit row. Agency staff check in their own units only.
 */
export async function checkInUnit(ctx: Ctx, unitId: string): Promise<UnitCheckIn> {
  const notFound = () => new AppError('unit_not_found', `unit ${unitId} not found`)
  const unit = await timers.findUnitAgency(ctx.db, unitId)
  if (!unit) throw notFound()
  if (!canWorkUnitOf(ctx.actor, unit.agency_id)) {
    await refuseOtherAgency(ctx, { type: 'unit', id: unitId }, notFound())
  }
  return runCommand(ctx, async (trx) => {
    const row = await lockUnitById(trx, unitId)
    if (!row) throw notFound()
    const now = ctx.now()
    const userId = ctx.actor?.userId ?? null
    await timers.restartUnitTimer(trx, unitId, now)
    const acknowledgedAlertIds = await timers.acknowledgeOpenAlertsOfUnit(trx, unitId, {
      userId,
      at: now,
    })
    const timerStartedAt = iso(now)
    appendEvent(trx, ctx, {
      type: 'unit.checked_in',
      stream: `unit:${unitId}`,
      payload: {
        unitId,
        unitCode: row.code,
        status: row.status,
        incidentId: row.incident_id,
        timerStartedAt,
        acknowledgedAlertIds,
      },
      audience: { roles: [...DISPATCH_FLOOR], agencyIds: [row.agency_id] },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit.checked_in',
      subject: { type: 'unit', id: unitId },
      details: {
        code: row.code,
        status: row.status,
        previousTimerStartedAt: iso(row.timer_started_at),
        timerStartedAt,
        acknowledgedAlertIds,
      },
    })
    return {
      unitId,
      unitCode: row.code,
      status: row.status,
      timerStartedAt,
      acknowledgedAlertIds,
    }
  })
}

/** Every status timer setting: the '*' rows and the agency kinds' own rows that replace them. */
export async function listUnitTimerSettings(ctx: Ctx): Promise<UnitTimerSetting[]> {
  return (await timers.listTimerSettingRows(ctx.db)).map(presentUnitTimerSetting)
}

/**
 * Administrators and supervisors set a status timer (the standards disagree, so thresholds are
 * settings). Adds or replaces the row for that status and agency kind; alerts already raised
 * keep the threshold they crossed. Audited with the row before and after.
 */
export async function putUnitTimerSetting(
  ctx: Ctx,
  body: PutUnitTimerSettingBody,
): Promise<UnitTimerSetting> {
  return runCommand(ctx, async (trx) => {
    const before = await timers.lockTimerSettingRow(trx, body.status, body.agencyKind)
    const row = await timers.upsertTimerSetting(trx, {
      status: body.status,
      agency_kind: body.agencyKind,
      warn_seconds: body.warnSeconds,
      alert_seconds: body.alertSeconds,
      label: body.label,
    })
    const after = presentUnitTimerSetting(row)
    appendEvent(trx, ctx, {
      type: 'unit_timer_setting.updated',
      stream: `unit_timer_setting:${row.status}:${row.agency_kind}`,
      payload: after,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'unit_timer_setting.updated',
      subject: { type: 'unit_timer_setting', id: `${row.status}:${row.agency_kind}` },
      details: { before: before ? presentUnitTimerSetting(before) : null, after },
    })
    return after
  })
}
