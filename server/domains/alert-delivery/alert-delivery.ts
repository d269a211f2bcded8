import { ALERT_CHANNELS } from '@common/api/alerts.ts'
import PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { AlertSettings } from '../../config.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import type { MessageProvider } from '../messaging/index.ts'
import { releaseLease, takeLease } from './alert-delivery.repository.ts'
import { EmailAdapter } from './channel-adapters.ts'
import type { AlertContent } from './channel-messages.ts'
import { ChannelSender } from './channel-sender.ts'
import { bossExecutor, ensureQueues } from './delivery-jobs.ts'
import { DeliveryProgress } from './delivery-progress.ts'

const LEASE = 'alert-delivery'
/** The lease is renewed this often and lapses after LEASE_SECONDS without renewal. */
const LEASE_RENEW_MS = 2_000
const LEASE_SECONDS = 10
const PROGRESS_CHECK_MS = 1_000

export interface AlertDeliveryOptions {
  ctx: () => Ctx
  settings: AlertSettings
  provider: MessageProvider | null
  nodeId: string
  log: Logger
  loadAlert: (db: Db, alertId: string) => Promise<AlertContent | null>
  onAlertDrained: (ctx: Ctx, alertId: string) => Promise<void>
  /** Alerts still sending: a node taking the lease follows them, so one whose last delivery
   * finished on a node that died before saying so is still marked sent. */
  sendingAlerts: (db: Db) => Promise<string[]>
}

export interface AlertDelivery {
  /** Whether this node holds the lease and runs the senders. */
  isSending(): boolean
  stop(): Promise<void>
}

/**
 * Starts pg-boss on the platform's database (its schema and the channel queues must exist on
 * every node: a send queues jobs wherever it is made). With `settings.deliveryEnabled`, the node
 * that holds the delivery lease also runs one throttled sender per channel; the others wait to
 * take the lease over when it lapses (a node that died), so the throttles hold center-wide.
 */
export async function startAlertDelivery(options: AlertDeliveryOptions): Promise<AlertDelivery> {
  const { settings, log } = options
  const db = options.ctx().db
  const boss = new PgBoss({
    db: bossExecutor(db),
    schedule: false,
    // Expired jobs (of a node that died) go back to their queue at each maintenance.
    supervise: true,
    maintenanceIntervalSeconds: 60,
  })
  boss.on('error', (error) => log.warn({ err: error }, 'pg-boss'))
  await boss.start()
  await ensureQueues(boss, settings)
  if (!settings.deliveryEnabled) {
    let stopped = false
    return {
      isSending: () => false,
      async stop() {
        if (stopped) return
        stopped = true
        await boss.stop({ graceful: false, wait: true })
      },
    }
  }

  const contents = new Map<string, Promise<AlertContent | null>>()
  const alertContent = (alertId: string) => {
    let content = contents.get(alertId)
    if (!content) {
      // An alert's text does not change once sent; a failed read is tried again next time.
      content = options.loadAlert(db, alertId).catch((error: unknown) => {
        contents.delete(alertId)
        throw error
      })
      contents.set(alertId, content)
    }
    return content
  }
  const progress = new DeliveryProgress({
    ctx: options.ctx,
    log,
    onAlertDrained: options.onAlertDrained,
  })

  let senders: ChannelSender[] | null = null
  let email: EmailAdapter | null = null
  let progressTimer: NodeJS.Timeout | null = null
  let checking: Promise<void> = Promise.resolve()

  const startSending = () => {
    email = settings.smtpUrl
      ? new EmailAdapter(
          settings.smtpUrl,
          settings.emailFrom,
          Math.min(10, Math.ceil(settings.rates.email)),
        )
      : null
    senders = ALERT_CHANNELS.map(
      (channel) =>
        new ChannelSender({
          db,
          boss,
          channel,
          settings,
          provider: options.provider,
          email,
          log,
          now: () => options.ctx().now(),
          alertContent,
          touched: (alertId) => progress.touched(alertId),
        }),
    )
    for (const sender of senders) sender.start()
    options
      .sendingAlerts(db)
      .then((ids) => ids.forEach((id) => progress.touched(id)))
      .catch((error: unknown) => log.warn({ err: error }, 'alerts still sending'))
    progressTimer = setInterval(() => {
      checking = checking
        .then(() => progress.check())
        .catch((error: unknown) => log.warn({ err: error }, 'alert progress check failed'))
    }, PROGRESS_CHECK_MS)
    log.info({ node: options.nodeId }, 'alert delivery: this node sends')
  }
  const stopSending = async () => {
    if (!senders) return
    const stopping = senders
    senders = null
    if (progressTimer) clearInterval(progressTimer)
    await Promise.all(stopping.map((sender) => sender.stop()))
    await checking
    await progress.check().catch((error: unknown) => log.warn({ err: error }, 'alert progress'))
    email?.close()
    contents.clear()
  }

  let leasing: Promise<void> = Promise.resolve()
  let stopped = false
  const renewLease = async () => {
    let held = false
    try {
      held = await takeLease(db, LEASE, options.nodeId, LEASE_SECONDS)
    } catch (error) {
      // Unsure whether the lease is still ours: stop, the next renewal decides again.
      log.warn({ err: error }, 'alert delivery lease')
    }
    if (held && !senders) startSending()
    else if (!held && senders) await stopSending()
  }
  await renewLease()
  const leaseTimer = setInterval(() => {
    leasing = leasing.then(renewLease)
  }, LEASE_RENEW_MS)
  leaseTimer.unref()

  return {
    isSending: () => senders !== null,
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(leaseTimer)
      await leasing
      const wasSending = senders !== null
      await stopSending()
      // Handed over at once rather than after the lease lapses.
      if (wasSending) await releaseLease(db, LEASE, options.nodeId).catch(() => undefined)
      await boss.stop({ graceful: false, wait: true })
    },
  }
}
