import { ALERT_CHANNELS, type ChannelCounts, type DeliveryReport } from '@common/api/alerts.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { findAlertIdentifier } from './alert-content.repository.ts'
import {
  completedPerMinute,
  countUnsent,
  listDeliveriesPage,
  reportByChannel,
} from './alert-delivery.repository.ts'
import { deliveriesCsvHeader, deliveryCsvLine } from './delivery-report.presenter.ts'

/** Deliveries still to go out (waiting or being sent) per channel: the queue a new send joins. */
export function queuedBacklog(db: Db): Promise<ChannelCounts> {
  return countUnsent(db)
}

/** Where an alert's deliveries stand, per channel, with completions per minute for the chart. */
export async function deliveryReport(ctx: Ctx, alertId: string): Promise<DeliveryReport> {
  await requireAlert(ctx.db, alertId)
  const rows = await reportByChannel(ctx.db, alertId)
  const channels = ALERT_CHANNELS.flatMap((channel) => {
    const row = rows.find((r) => r.channel === channel)
    if (!row) return []
    const pending = Number(row.pending)
    return [
      {
        channel,
        total: Number(row.total),
        attempted: Number(row.attempted),
        delivered: Number(row.delivered),
        sent: Number(row.sent),
        failed: Number(row.failed),
        retried: Number(row.retried),
        pending,
        firstAttemptAt: row.first_attempt_at?.toISOString() ?? null,
        lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
        completedAt: pending === 0 ? (row.finished_at?.toISOString() ?? null) : null,
      },
    ]
  })
  return { alertId, channels, timeline: fillMinutes(await completedPerMinute(ctx.db, alertId)) }
}

/** Every minute from the first completion to the last, empty minutes as zeros. */
function fillMinutes(
  rows: { minute: Date; done: string; failed: string }[],
): DeliveryReport['timeline'] {
  if (rows.length === 0) return []
  const byMinute = new Map(rows.map((row) => [row.minute.getTime(), row]))
  const first = rows[0]!.minute.getTime()
  const last = rows[rows.length - 1]!.minute.getTime()
  const timeline: DeliveryReport['timeline'] = []
  for (let at = first; at <= last; at += 60_000) {
    const row = byMinute.get(at)
    timeline.push({
      at: new Date(at).toISOString(),
      done: Number(row?.done ?? 0),
      failed: Number(row?.failed ?? 0),
    })
  }
  return timeline
}

const CSV_PAGE = 5_000

/**
 * One line per delivery, with the address it went to: a list of people's phone numbers and
 * e-mail addresses, so the export is written to the audit log before any of it is read.
 */
export async function exportDeliveriesCsv(
  ctx: Ctx,
  alertId: string,
): Promise<{ fileName: string; lines: AsyncIterable<string> }> {
  const identifier = await requireAlert(ctx.db, alertId)
  await recordAudit(ctx.db, ctx, {
    component: 'alerts',
    eventType: 'alert.deliveries_exported',
    subject: { type: 'alert', id: alertId },
    details: { identifier },
  })
  async function* lines(): AsyncIterable<string> {
    yield deliveriesCsvHeader()
    let after: string | null = null
    for (;;) {
      const page = await listDeliveriesPage(ctx.db, alertId, after, CSV_PAGE)
      if (page.length === 0) return
      yield page.map(deliveryCsvLine).join('')
      after = page[page.length - 1]!.id
    }
  }
  return { fileName: `${identifier}-deliveries.csv`, lines: lines() }
}

async function requireAlert(db: Db, alertId: string): Promise<string> {
  const identifier = await findAlertIdentifier(db, alertId)
  if (identifier === null) throw new AppError('alert_not_found', 'id: no alert has this id', 'id')
  return identifier
}
