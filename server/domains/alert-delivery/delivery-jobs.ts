import { ALERT_CHANNELS, type AlertChannel } from '@common/api/alerts.ts'
import { CompiledQuery } from 'kysely'
import PgBoss from 'pg-boss'
import type { AlertSettings } from '../../config.ts'
import type { Db } from '../../db/schema.ts'

/** One pg-boss queue per channel, so each channel's sender fetches only its own jobs. */
export function queueName(channel: AlertChannel): string {
  return `alert-${channel}`
}

/** What a later attempt's job carries; the first job carries nothing: its id is the delivery's. */
export interface DeliveryJobData {
  deliveryId: string
}

/** A job left active by a node that died is given back to the queue after this long. */
export const JOB_EXPIRE_SECONDS = 300

/** Emergency alerts go out ahead of general notices queued before them. */
export const EMERGENCY_PRIORITY = 10
export const NOTICE_PRIORITY = 0

/** pg-boss's executor over Kysely: inside a transaction when given one, so jobs commit with it. */
export function bossExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values))
      return { rows: result.rows }
    },
  }
}

/**
 * Inserting jobs needs no running instance (pg-boss only builds the statement): this one is never
 * started, so the alerts domain can queue deliveries in its own transaction on any node.
 */
const jobWriter = new PgBoss({ db: { executeSql: () => Promise.reject(new Error('unused')) } })

const INSERT_CHUNK = 5_000

/** Queues one job per delivery, in the caller's transaction. */
export async function insertDeliveryJobs(
  trx: Db,
  jobs: readonly {
    id: string
    channel: AlertChannel
    deliveryId: string
    startAfterSeconds?: number
  }[],
  priority: number,
): Promise<void> {
  const db = bossExecutor(trx)
  for (let start = 0; start < jobs.length; start += INSERT_CHUNK) {
    const chunk = jobs
      .slice(start, start + INSERT_CHUNK)
      .map((job): PgBoss.JobInsert<DeliveryJobData> => ({
        id: job.id,
        name: queueName(job.channel),
        data: { deliveryId: job.deliveryId },
        priority,
        ...(job.startAfterSeconds ? { startAfter: String(job.startAfterSeconds) } : {}),
      }))
    await jobWriter.insert(chunk, { db })
  }
}

/**
 * Creates (or brings up to date) the channel queues: a failed attempt comes back after
 * `retrySeconds`. pg-boss's own retry limit is a safety net above ours: the delivery row counts
 * the attempts, so a job that expired with its node is not what spends them.
 */
export async function ensureQueues(boss: PgBoss, settings: AlertSettings): Promise<void> {
  for (const channel of ALERT_CHANNELS) {
    const attempts = channel === 'voice' ? settings.attempts.voice : settings.attempts.other
    const options: PgBoss.Queue = {
      name: queueName(channel),
      retryLimit: attempts + 3,
      retryDelay: settings.retrySeconds,
      expireInSeconds: JOB_EXPIRE_SECONDS,
    }
    if (await boss.getQueue(options.name)) await boss.updateQueue(options.name, options)
    else await boss.createQueue(options.name, options)
  }
}
