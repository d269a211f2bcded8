import { randomUUID, timingSafeEqual } from 'node:crypto'
import type { ProviderReceiptBody, ProviderReceiptResult } from '@common/api/alert-delivery.ts'
import type { DeliveryStatus } from '@common/api/alerts.ts'
import PgBoss from 'pg-boss'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import type { AlertDeliveryRow } from './alert-delivery.table.ts'
import {
  deliveryWithProviderIdExists,
  findDeliveryByProviderId,
  markAttemptUnanswered,
  markDelivered,
} from './alert-delivery.repository.ts'
import { bossExecutor, insertDeliveryJobs, NOTICE_PRIORITY, queueName } from './delivery-jobs.ts'

/** Only the provider may report: its token, as configured, in `Authorization: Bearer …`. */
export function checkProviderToken(ctx: Ctx, authorization: string | undefined): void {
  const expected = ctx.config.messageProvider?.token
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  if (!expected || !given || !sameSecret(given, expected)) {
    throw new AppError('not_authenticated', 'Authorization: the provider token is required')
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * Applies a provider's receipt. Delivered: the delivery is done. Failed, busy or no answer on a
 * call (voice or TTY): another attempt after the retry delay while attempts remain, else the
 * delivery has failed; a text that failed has failed. A receipt repeated for the same attempt
 * changes nothing more.
 */
export async function applyReceipt(
  ctx: Ctx,
  receipt: ProviderReceiptBody,
): Promise<ProviderReceiptResult> {
  await awaitProviderId(ctx, receipt.id)
  return runCommand(ctx, async (trx) => {
    const delivery = await findDeliveryByProviderId(trx, receipt.id)
    if (!delivery) throw new AppError('not_found', 'id: no message has this provider id', 'id')
    const at = receipt.at ? new Date(receipt.at) : ctx.now()
    let status: DeliveryStatus = delivery.status
    if (receipt.status === 'delivered') {
      if (delivery.status !== 'delivered') {
        await markDelivered(trx, delivery.id, at)
        status = 'delivered'
      }
    } else if (delivery.status === 'sent') {
      const retry = attemptsLeft(ctx, delivery)
      await markAttemptUnanswered(trx, delivery.id, { retry, at, error: receipt.status })
      if (retry) await queueAnotherAttempt(trx, ctx, delivery)
      status = retry ? 'queued' : 'failed'
    }
    return { deliveryId: delivery.id, status }
  })
}

/** How long a receipt may wait for its message's answer to be written. */
const PROVIDER_ID_GRACE_MS = 2_000

/**
 * A provider can report on a message before its answer to the send (with the id) is written:
 * the receipt waits a moment for it rather than being lost. Outside any transaction, as PGlite
 * has one connection.
 */
async function awaitProviderId(ctx: Ctx, providerId: string): Promise<void> {
  const until = Date.now() + PROVIDER_ID_GRACE_MS
  while (!(await deliveryWithProviderIdExists(ctx.db, providerId)) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function attemptsLeft(ctx: Ctx, delivery: AlertDeliveryRow): boolean {
  const { attempts } = ctx.config.alerts
  if (delivery.channel === 'voice') return delivery.attempts < attempts.voice
  if (delivery.channel === 'tty') return delivery.attempts < attempts.other
  return false
}

const jobReader = new PgBoss({ db: { executeSql: () => Promise.reject(new Error('unused')) } })

/** A new job for the delivery, at its first job's priority, after the retry delay. */
async function queueAnotherAttempt(trx: Trx, ctx: Ctx, delivery: AlertDeliveryRow): Promise<void> {
  const first = await jobReader.getJobById(queueName(delivery.channel), delivery.id, {
    db: bossExecutor(trx),
    includeArchive: true,
  })
  await insertDeliveryJobs(
    trx,
    [
      {
        id: randomUUID(),
        channel: delivery.channel,
        deliveryId: delivery.id,
        startAfterSeconds: ctx.config.alerts.retrySeconds,
      },
    ],
    first?.priority ?? NOTICE_PRIORITY,
  )
}
