import { randomBytes } from 'node:crypto'
import type { AlertChannel } from '@common/api/alerts.ts'
import type { Db } from '../../db/schema.ts'
import { insertDeliveriesWithJobs, type NewDelivery } from './alert-delivery.repository.ts'

export interface DeliveryToQueue {
  subscriberId: string
  contactId: string
  channel: AlertChannel
  /** E.164 for phones, lower-case e-mail. */
  address: string
  language: string
}

/** Deliveries are written in slices this big: one statement each, arrays unnested. */
const SLICE = 5_000

/**
 * Queues an alert's deliveries inside the caller's transaction (the send's): one row per contact
 * and one pg-boss job per new row, so either all of them are durably queued with the send or
 * none is. Queueing the same contacts again adds nothing (one delivery per alert and contact).
 * `priority`: higher goes first (`EMERGENCY_PRIORITY` for emergencies).
 */
export async function queueAlertDeliveries(
  trx: Db,
  alert: { id: string; priority: number },
  deliveries: readonly DeliveryToQueue[],
): Promise<{ queued: number }> {
  let queued = 0
  for (let start = 0; start < deliveries.length; start += SLICE) {
    const rows: NewDelivery[] = deliveries.slice(start, start + SLICE).map((delivery) => ({
      id: timeOrderedId(),
      ...delivery,
      exchange: delivery.channel === 'email' ? null : exchangeOf(delivery.address),
    }))
    const written = await insertDeliveriesWithJobs(trx, alert.id, alert.priority, rows)
    if (written.jobs !== written.deliveries) {
      // A channel queue is missing (pg-boss not started on this database): send nothing at all.
      throw new Error('alert delivery queues are missing: start the alert delivery first')
    }
    queued += written.deliveries
  }
  return { queued }
}

/** The NPA-NXX ("508-555") of a North American number in E.164; null for any other. */
export function exchangeOf(phone: string): string | null {
  const match = /^\+1(\d{3})(\d{3})\d{4}$/.exec(phone)
  return match ? `${match[1]}-${match[2]}` : null
}

let lastMs = 0
let sequence = 0

/**
 * A UUID (version 7 layout) that sorts by creation time: the deliveries' and jobs' primary keys
 * then grow at one end, instead of 200 000 inserts landing all over the index.
 */
export function timeOrderedId(): string {
  const now = Date.now()
  if (now > lastMs) {
    lastMs = now
    sequence = 0
  } else if (++sequence > 0xfff) {
    // More than 4096 in one millisecond: borrow the next one, so the order still holds.
    lastMs += 1
    sequence = 0
  }
  const random = randomBytes(8)
  const hex =
    lastMs.toString(16).padStart(12, '0') +
    '7' +
    sequence.toString(16).padStart(3, '0') +
    ((random[0]! & 0x3f) | 0x80).toString(16).padStart(2, '0') +
    random.subarray(1).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
