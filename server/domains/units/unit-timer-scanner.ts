import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import type { LiveEventMap } from '@common/api/events.ts'
import { runCommand } from '../../commands/run-command.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import * as timers from './unit-timers.repository.ts'

export type RaisedUnitTimer = LiveEventMap['unit.timer_raised']

/**
 * Raises the status timers that crossed a threshold at `ctx.now()`: one `unit_timer_alerts` row
 * and one `unit.timer_raised` event per unit and level, in one transaction, to the dispatchers
 * and supervisors of the unit's agency. Every node may scan at once: the alert's unique key
 * lets one insert win, and only the winner appends the event. Returns what this call raised.
 * An idle scan is one read and no transaction.
 */
export async function scanUnitTimers(ctx: Ctx): Promise<RaisedUnitTimer[]> {
  const now = ctx.now()
  if (!(await timers.hasDueUnitTimers(ctx.db, now))) return []
  return runCommand(ctx, async (trx) => {
    const raised: RaisedUnitTimer[] = []
    for (const row of await timers.raiseDueUnitTimers(trx, now)) {
      const payload: RaisedUnitTimer = {
        alertId: row.id,
        unitId: row.unit_id,
        unitCode: row.unit_code,
        status: row.status,
        level: row.level,
        label: row.label,
        seconds: row.seconds,
        thresholdSeconds: row.threshold_seconds,
        incidentId: row.incident_id,
      }
      appendEvent(trx, ctx, {
        type: 'unit.timer_raised',
        stream: `unit:${row.unit_id}`,
        payload,
        audience: { roles: ['dispatcher', 'supervisor'], agencyIds: [row.agency_id] },
      })
      raised.push(payload)
    }
    return raised
  })
}

/** Scans every `intervalMs`; a scan still running when the next is due is not doubled. */
export function startUnitTimerScanner(options: {
  ctx: () => Ctx
  intervalMs: number
  log: Logger
}): PeriodicJob {
  return startPeriodicJob({
    name: 'unit timer scan',
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => scanUnitTimers(options.ctx()),
  })
}
