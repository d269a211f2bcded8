import type { AlertChannel } from '@common/api/alerts.ts'
import type { Kysely } from 'kysely'
import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { AlertSettings } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import type { MessageProvider } from '../messaging/index.ts'
import {
  claimDeliveries,
  failDelivery,
  recordAttempts,
  type AttemptOutcome,
  unclaimDeliveries,
  type ClaimedDelivery,
} from './alert-delivery.repository.ts'
import { BatchedWrites } from './batched-writes.ts'
import type { AttemptResult, EmailAdapter } from './channel-adapters.ts'
import { sendThroughProvider } from './channel-adapters.ts'
import { emailMessage, phoneMessage, type AlertContent } from './channel-messages.ts'
import { queueName, type DeliveryJobData } from './delivery-jobs.ts'
import { ChannelThrottle, pickNext } from './throttle.ts'

/** How often an idle sender asks pg-boss for work. */
const IDLE_POLL_MS = 500
/** Finished jobs are completed or failed in pg-boss together, this often. */
const JOB_FLUSH_MS = 250
/** The longest a sender sleeps before looking again (a stop, new work). */
const MAX_NAP_MS = 100

export interface SenderOptions {
  db: Kysely<Database>
  boss: PgBoss
  channel: AlertChannel
  settings: AlertSettings
  provider: MessageProvider | null
  email: EmailAdapter | null
  log: Logger
  now: () => Date
  alertContent: (alertId: string) => Promise<AlertContent | null>
  /** Told of every alert whose deliveries moved, for progress and the end of the drain. */
  touched: (alertId: string) => void
}

/** A delivery taken from the queue: its row, and the pg-boss jobs that asked for it. */
interface Held {
  delivery: ClaimedDelivery
  exchange: string | null
  jobIds: string[]
}

/**
 * Sends one channel's deliveries: fetches jobs from pg-boss in batches, takes their rows (a row
 * already sent is skipped: no duplicates), and sends them concurrently but no faster than the
 * channel's rate and, for calls, each exchange's rate. Each outcome is written to its row as it
 * comes; the jobs are then completed, or failed so that pg-boss brings them back after the retry
 * delay.
 */
export class ChannelSender {
  private readonly queue: string
  private readonly throttle: ChannelThrottle
  private readonly maxAttempts: number
  private readonly holdMax: number
  private readonly concurrency: number
  /** Deliveries taken and not finished (waiting or being sent), by delivery id. */
  private readonly held = new Map<string, Held>()
  private waiting: Held[] = []
  private readonly sending = new Set<Promise<void>>()
  private toComplete: string[] = []
  private toFail: string[] = []
  private lastFlush = Date.now()
  private queueEmptyUntil = 0
  private stopping = false
  private loop: Promise<void> | null = null
  private readonly outcomes: BatchedWrites<AttemptOutcome>

  constructor(private readonly options: SenderOptions) {
    const { channel, settings } = options
    const rate = settings.rates[channel]
    this.queue = queueName(channel)
    this.throttle = new ChannelThrottle(
      rate,
      channel === 'voice' || channel === 'tty' ? settings.exchangeRate : null,
      Date.now(),
    )
    this.maxAttempts = channel === 'voice' ? settings.attempts.voice : settings.attempts.other
    // About three seconds of work in hand; enough in flight to keep the rate with slow answers.
    this.holdMax = Math.min(2_000, Math.max(20, Math.ceil(rate * 3)))
    this.concurrency = Math.min(200, Math.max(4, Math.ceil(rate * 2)))
    this.outcomes = new BatchedWrites((batch) => recordAttempts(options.db, batch))
  }

  start(): void {
    this.loop ??= this.run()
  }

  /** Stops taking work, waits for the sends in flight, and gives back what was not sent. */
  async stop(): Promise<void> {
    this.stopping = true
    await this.loop
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step()
      } catch (error) {
        this.options.log.warn({ err: error, channel: this.options.channel }, 'alert sender failed')
        await nap(1_000)
      }
    }
    await Promise.all(this.sending)
    await this.giveBack()
    await this.flushJobs()
  }

  private async step(): Promise<void> {
    if (this.waiting.length < this.holdMax / 2) await this.refill(this.holdMax)
    if (Date.now() - this.lastFlush >= JOB_FLUSH_MS) await this.flushJobs()
    const next = pickNext(this.waiting, this.throttle)
    if (!next) {
      await nap(IDLE_POLL_MS / 5)
      return
    }
    const wait = next.at - Date.now()
    if (wait > 0) {
      // Everything in hand waits on busy exchanges: take more, other exchanges may be free.
      if (wait > MAX_NAP_MS && this.waiting.length < this.holdMax * 4) {
        await this.refill(this.holdMax * 4)
      }
      await nap(Math.min(wait, MAX_NAP_MS))
      return
    }
    if (this.sending.size >= this.concurrency) {
      await Promise.race(this.sending)
      return
    }
    const [item] = this.waiting.splice(next.index, 1)
    this.throttle.take(item!.exchange, Date.now())
    const sending: Promise<void> = this.attempt(item!)
      .catch((error: unknown) =>
        this.options.log.warn(
          { err: error, deliveryId: item!.delivery.id },
          'alert delivery failed',
        ),
      )
      .finally(() => this.sending.delete(sending))
    this.sending.add(sending)
  }

  /** Fetches jobs up to `limit` held deliveries and takes their rows. */
  private async refill(limit: number): Promise<void> {
    const room = limit - this.held.size
    if (room <= 0 || Date.now() < this.queueEmptyUntil) return
    const jobs = await this.options.boss.fetch<DeliveryJobData>(this.queue, {
      batchSize: room,
      priority: true,
    })
    if (jobs.length === 0) {
      this.queueEmptyUntil = Date.now() + IDLE_POLL_MS
      return
    }
    const jobIdsByDelivery = new Map<string, string[]>()
    for (const job of jobs) {
      const deliveryId = (job.data as DeliveryJobData | null)?.deliveryId ?? job.id
      const already = this.held.get(deliveryId)
      // A second job for a delivery in hand (an expired one back again): it ends with the first.
      if (already) already.jobIds.push(job.id)
      else jobIdsByDelivery.set(deliveryId, [...(jobIdsByDelivery.get(deliveryId) ?? []), job.id])
    }
    const claimed = await claimDeliveries(this.options.db, [...jobIdsByDelivery.keys()])
    const now = this.options.now()
    for (const delivery of claimed) {
      const jobIds = jobIdsByDelivery.get(delivery.id)!
      jobIdsByDelivery.delete(delivery.id)
      if (delivery.attempts >= this.maxAttempts) {
        // Its attempts were spent by a node that stopped before writing the outcome.
        await failDelivery(this.options.db, delivery.id, now, delivery.last_error ?? 'no answer')
        this.toComplete.push(...jobIds)
        this.options.touched(delivery.alert_id)
        continue
      }
      const item: Held = { delivery, exchange: delivery.exchange, jobIds }
      this.held.set(delivery.id, item)
      this.waiting.push(item)
    }
    // Sent, delivered or failed already: the job has nothing left to do.
    for (const jobIds of jobIdsByDelivery.values()) this.toComplete.push(...jobIds)
  }

  private async attempt(item: Held): Promise<void> {
    const { delivery } = item
    const startedAt = this.options.now()
    const result = await this.send(delivery)
    if (result.kind === 'throttled') {
      // Not an attempt: the provider was busy. The channel pauses; the delivery goes again first.
      this.throttle.holdUntil(Date.now() + result.retryAfterMs)
      this.waiting.unshift(item)
      return
    }
    const at = this.options.now()
    const spent = delivery.attempts + 1
    const failed = result.kind === 'failed'
    const status = !failed
      ? 'sent'
      : result.final || spent >= this.maxAttempts
        ? 'failed'
        : 'queued'
    await this.outcomes.add({
      id: delivery.id,
      status,
      startedAt,
      at,
      providerId: result.kind === 'sent' ? result.providerId : null,
      error: failed ? result.error : null,
    })
    this.held.delete(delivery.id)
    const [first, ...others] = item.jobIds
    if (status === 'queued') {
      // pg-boss brings the job back after the retry delay; any duplicate job ends here.
      this.toFail.push(first!)
      this.toComplete.push(...others)
    } else {
      this.toComplete.push(...item.jobIds)
    }
    this.options.touched(delivery.alert_id)
  }

  private async send(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const alert = await this.options.alertContent(delivery.alert_id)
    if (!alert) return { kind: 'failed', error: 'the alert no longer exists', final: true }
    const { settings, provider, email } = this.options
    if (delivery.channel === 'email') {
      if (!email) return { kind: 'failed', error: 'no SMTP server is configured', final: true }
      const message = emailMessage(alert, delivery.language, {
        publicUrl: settings.publicUrl,
        token: delivery.unsubscribe_token,
      })
      return email.send({ deliveryId: delivery.id, to: delivery.address, ...message })
    }
    if (!provider) {
      return { kind: 'failed', error: 'no message provider is configured', final: true }
    }
    return sendThroughProvider(provider, {
      id: delivery.id,
      channel: delivery.channel,
      to: delivery.address,
      body: phoneMessage(alert, delivery.channel, delivery.language),
      language: delivery.language,
    })
  }

  /** Deliveries in hand but not sent go back to the queue at once, for whoever sends next. */
  private async giveBack(): Promise<void> {
    const items = this.waiting
    this.waiting = []
    if (items.length === 0) return
    for (const item of items) this.held.delete(item.delivery.id)
    await unclaimDeliveries(
      this.options.db,
      items.map((item) => item.delivery.id),
    )
    const jobIds = items.flatMap((item) => item.jobIds)
    await this.options.boss.fail(this.queue, jobIds)
  }

  private async flushJobs(): Promise<void> {
    this.lastFlush = Date.now()
    const complete = this.toComplete
    const fail = this.toFail
    this.toComplete = []
    this.toFail = []
    if (complete.length > 0) await this.options.boss.complete(this.queue, complete)
    if (fail.length > 0) await this.options.boss.fail(this.queue, fail)
  }
}

function nap(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
