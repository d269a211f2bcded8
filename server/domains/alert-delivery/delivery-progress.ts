import type { Logger } from 'pino'
import { runCommand } from '../../commands/run-command.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { progressOfAlerts, type AlertProgress } from './alert-delivery.repository.ts'

/** Who sees an alert's progress on the live stream. */
export const DELIVERY_AUDIENCE = ['alert_operator', 'supervisor', 'administrator'] as const

/** The live progress of one alert is told at most this often while it drains. */
export const PROGRESS_EVERY_MS = 2_000

/**
 * An alert is followed this long after its last change, so that receipts coming in after the
 * last send (a call not answered, a text that failed) still reach the live progress.
 */
const LINGER_MS = 10 * 60_000

interface Followed {
  /** The counts last told, and when. */
  told: string
  toldAt: number
  changedAt: number
  checkedAt: number
  drained: boolean
}

/** A drained alert (only receipts can still change it) is looked at this often. */
const DRAINED_CHECK_MS = 5_000

/**
 * Follows the alerts whose deliveries are moving: tells their progress on the live stream (at
 * most every two seconds each, and at once when the last delivery is done) and, when nothing of
 * an alert is left to send, says so to the alerts domain (`onAlertDrained`; again if a receipt
 * brought another attempt and that one is done too).
 */
export class DeliveryProgress {
  private readonly touchedAlerts = new Set<string>()
  private readonly followed = new Map<string, Followed>()

  constructor(
    private readonly options: {
      ctx: () => Ctx
      log: Logger
      onAlertDrained: (ctx: Ctx, alertId: string) => Promise<void>
    },
  ) {}

  touched(alertId: string): void {
    this.touchedAlerts.add(alertId)
  }

  /** Looks at every alert touched or followed; run about once a second. */
  async check(): Promise<void> {
    const now = Date.now()
    const ids = new Set(this.touchedAlerts)
    this.touchedAlerts.clear()
    for (const [alertId, state] of this.followed) {
      if (!state.drained || now - state.checkedAt >= DRAINED_CHECK_MS) ids.add(alertId)
    }
    if (ids.size === 0) return
    const ctx = this.options.ctx()
    for (const progress of await progressOfAlerts(ctx.db, [...ids])) {
      const counts = `${progress.done}/${progress.total}/${progress.failed}/${progress.unsent}`
      const state = this.followed.get(progress.alertId) ?? {
        told: '',
        toldAt: 0,
        changedAt: now,
        checkedAt: now,
        drained: false,
      }
      state.checkedAt = now
      this.followed.set(progress.alertId, state)
      const changed = counts !== state.told
      if (changed) state.changedAt = now
      const finishing = progress.unsent === 0 && !state.drained
      if (changed && (finishing || now - state.toldAt >= PROGRESS_EVERY_MS)) {
        await tellProgress(ctx, progress)
        state.told = counts
        state.toldAt = now
      }
      if (progress.unsent > 0) state.drained = false
      else if (finishing) {
        state.drained = true
        await this.options.onAlertDrained(ctx, progress.alertId)
      }
      if (progress.unsent === 0 && state.told === counts && now - state.changedAt > LINGER_MS) {
        this.followed.delete(progress.alertId)
      }
    }
  }
}

async function tellProgress(ctx: Ctx, progress: AlertProgress): Promise<void> {
  await runCommand(ctx, (trx) => {
    appendEvent(trx, ctx, {
      type: 'alert.delivery_progress',
      stream: `alert:${progress.alertId}`,
      payload: {
        alertId: progress.alertId,
        done: progress.done,
        total: progress.total,
        failed: progress.failed,
      },
      audience: { roles: [...DELIVERY_AUDIENCE] },
    })
    return Promise.resolve()
  })
}
