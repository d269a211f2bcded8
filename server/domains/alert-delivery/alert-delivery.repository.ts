import type { AlertChannel, ChannelCounts, DeliveryStatus } from '@common/api/alerts.ts'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type { AlertDeliveryRow } from './alert-delivery.table.ts'

export interface NewDelivery {
  id: string
  subscriberId: string
  contactId: string
  channel: AlertChannel
  address: string
  language: string
  exchange: string | null
}

/**
 * Inserts deliveries and their pg-boss jobs in one statement (arrays unnested, not row by row):
 * a contact that already has a delivery for the alert is skipped, so queueing twice adds
 * nothing. Each job takes its delivery's id and its queue's settings, as pg-boss 10's own
 * `insert` would write it; without its round trip through JSON this is twice as fast. Returns
 * how many deliveries were new, and how many jobs were written for them.
 */
export async function insertDeliveriesWithJobs(
  db: Db,
  alertId: string,
  priority: number,
  rows: readonly NewDelivery[],
): Promise<{ deliveries: number; jobs: number }> {
  if (rows.length === 0) return { deliveries: 0, jobs: 0 }
  const { rows: counts } = await sql<{ deliveries: string; jobs: string }>`
    with new as (
      insert into alert_deliveries (id, alert_id, subscriber_id, contact_id, channel, address, language, exchange)
      select t.id, ${alertId}::uuid, t.s, t.c, t.ch, t.a, t.l, t.e
      from unnest(
        ${rows.map((r) => r.id)}::uuid[],
        ${rows.map((r) => r.subscriberId)}::uuid[],
        ${rows.map((r) => r.contactId)}::uuid[],
        ${rows.map((r) => r.channel)}::text[],
        ${rows.map((r) => r.address)}::text[],
        ${rows.map((r) => r.language)}::text[],
        ${rows.map((r) => r.exchange)}::text[]
      ) as t(id, s, c, ch, a, l, e)
      on conflict (alert_id, contact_id) do nothing
      returning id, channel
    ), jobs as (
      insert into pgboss.job (id, name, priority, retry_limit, retry_delay, retry_backoff,
                              expire_in, keep_until, dead_letter, policy)
      select n.id, q.name, ${priority}::int, coalesce(q.retry_limit, 2), coalesce(q.retry_delay, 0),
             coalesce(q.retry_backoff, false), coalesce(q.expire_seconds, 900) * interval '1 second',
             now() + coalesce(q.retention_minutes, 20160) * interval '1 minute', q.dead_letter, q.policy
      from new n
      join pgboss.queue q on q.name = 'alert-' || n.channel
      on conflict do nothing
      returning 1
    )
    select (select count(*) from new) as deliveries, (select count(*) from jobs) as jobs
  `.execute(db)
  return { deliveries: Number(counts[0]!.deliveries), jobs: Number(counts[0]!.jobs) }
}

/** A delivery taken for sending, with what its message needs. */
export interface ClaimedDelivery extends AlertDeliveryRow {
  unsubscribe_token: string | null
}

/**
 * Marks deliveries as being sent, but only those still waiting: one already sent, delivered or
 * failed is never sent again, whichever job (a retry, a job of a node that died) asks for it.
 */
export async function claimDeliveries(db: Db, ids: readonly string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return []
  const { rows } = await sql<ClaimedDelivery>`
    update alert_deliveries d
    set status = 'sending'
    where d.id = any(${ids}::uuid[])
      and d.status in ('queued', 'sending')
    returning d.*,
      (select s.unsubscribe_token from alert_subscribers s where s.id = d.subscriber_id)
        as unsubscribe_token
  `.execute(db)
  return rows
}

/** Deliveries taken but not attempted (their sender stopped) wait again. */
export async function unclaimDeliveries(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'queued' })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute()
}

/** The outcome of one attempt: it counts as an attempt, and sets the delivery's new status. */
export interface AttemptOutcome {
  id: string
  status: Extract<DeliveryStatus, 'queued' | 'sent' | 'failed'>
  /** When the attempt began, and when its answer came. */
  startedAt: Date
  at: Date
  providerId: string | null
  error: string | null
}

/** Writes the outcomes of many attempts in one statement (one commit for a whole batch). */
export async function recordAttempts(db: Db, outcomes: readonly AttemptOutcome[]): Promise<void> {
  if (outcomes.length === 0) return
  await sql`
    update alert_deliveries d set
      status = o.status,
      attempts = d.attempts + 1,
      first_attempt_at = coalesce(d.first_attempt_at, o.started_at),
      last_attempt_at = o.started_at,
      sent_at = case when o.status = 'sent' then o.at else d.sent_at end,
      failed_at = case when o.status = 'failed' then o.at else null end,
      provider_id = coalesce(o.provider_id, d.provider_id),
      last_error = o.error
    from unnest(
      ${outcomes.map((o) => o.id)}::uuid[],
      ${outcomes.map((o) => o.status)}::text[],
      ${outcomes.map((o) => o.startedAt.toISOString())}::timestamptz[],
      ${outcomes.map((o) => o.at.toISOString())}::timestamptz[],
      ${outcomes.map((o) => o.providerId)}::text[],
      ${outcomes.map((o) => o.error)}::text[]
    ) as o(id, status, started_at, at, provider_id, error)
    where d.id = o.id
  `.execute(db)
}

/** Fails a delivery without another attempt (its attempts were spent by a node that died). */
export async function failDelivery(db: Db, id: string, at: Date, error: string): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'failed', failed_at: at, last_error: error })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'sending'])
    .execute()
}

export function findDeliveryByProviderId(
  db: Db,
  providerId: string,
): Promise<AlertDeliveryRow | undefined> {
  return db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('provider_id', '=', providerId)
    .forUpdate()
    .executeTakeFirst()
}

export async function deliveryWithProviderIdExists(db: Db, providerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('alert_deliveries')
    .select('id')
    .where('provider_id', '=', providerId)
    .executeTakeFirst()
  return row !== undefined
}

export async function markDelivered(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({ status: 'delivered', delivered_at: at, last_error: null })
    .where('id', '=', id)
    .execute()
}

/** A receipt said the attempt did not reach the person: wait for another, or stop here. */
export async function markAttemptUnanswered(
  db: Db,
  id: string,
  outcome: { retry: boolean; at: Date; error: string },
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({
      status: outcome.retry ? 'queued' : 'failed',
      failed_at: outcome.retry ? null : outcome.at,
      last_error: outcome.error,
    })
    .where('id', '=', id)
    .execute()
}

/** Deliveries still to go out (waiting or being sent), per channel, over every alert. */
export async function countUnsent(db: Db): Promise<ChannelCounts> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select(['channel', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', ['queued', 'sending'])
    .groupBy('channel')
    .execute()
  const counts: ChannelCounts = { sms: 0, voice: 0, email: 0, tty: 0 }
  for (const row of rows) counts[row.channel] = Number(row.n)
  return counts
}

export interface AlertProgress {
  alertId: string
  total: number
  done: number
  failed: number
  unsent: number
}

export async function progressOfAlerts(
  db: Db,
  alertIds: readonly string[],
): Promise<AlertProgress[]> {
  if (alertIds.length === 0) return []
  const { rows } = await sql<{
    alert_id: string
    total: string
    done: string
    failed: string
    unsent: string
  }>`
    select alert_id,
      count(*) as total,
      count(*) filter (where status in ('sent', 'delivered', 'failed')) as done,
      count(*) filter (where status = 'failed') as failed,
      count(*) filter (where status in ('queued', 'sending')) as unsent
    from alert_deliveries
    where alert_id = any(${alertIds}::uuid[])
    group by alert_id
  `.execute(db)
  return rows.map((row) => ({
    alertId: row.alert_id,
    total: Number(row.total),
    done: Number(row.done),
    failed: Number(row.failed),
    unsent: Number(row.unsent),
  }))
}

export interface ChannelReportRow {
  channel: AlertChannel
  total: string
  attempted: string
  delivered: string
  sent: string
  failed: string
  retried: string
  pending: string
  first_attempt_at: Date | null
  last_attempt_at: Date | null
  finished_at: Date | null
}

export async function reportByChannel(db: Db, alertId: string): Promise<ChannelReportRow[]> {
  const { rows } = await sql<ChannelReportRow>`
    select channel,
      count(*) as total,
      count(*) filter (where first_attempt_at is not null) as attempted,
      count(*) filter (where status = 'delivered') as delivered,
      count(*) filter (where status = 'sent') as sent,
      count(*) filter (where status = 'failed') as failed,
      count(*) filter (where attempts > 1) as retried,
      count(*) filter (where status in ('queued', 'sending')) as pending,
      min(first_attempt_at) as first_attempt_at,
      max(last_attempt_at) as last_attempt_at,
      max(greatest(sent_at, delivered_at, failed_at)) as finished_at
    from alert_deliveries
    where alert_id = ${alertId}
    group by channel
  `.execute(db)
  return rows
}

/** Deliveries completed per minute (a delivered one counts when it was sent). */
export async function completedPerMinute(
  db: Db,
  alertId: string,
): Promise<{ minute: Date; done: string; failed: string }[]> {
  const { rows } = await sql<{ minute: Date; done: string; failed: string }>`
    select date_trunc('minute', case when status = 'failed' then failed_at
                                     else coalesce(sent_at, delivered_at) end) as minute,
      count(*) as done,
      count(*) filter (where status = 'failed') as failed
    from alert_deliveries
    where alert_id = ${alertId} and status in ('sent', 'delivered', 'failed')
    group by 1
    order by 1
  `.execute(db)
  return rows
}

/** One page of an alert's deliveries in id order, for the export. */
export function listDeliveriesPage(
  db: Db,
  alertId: string,
  afterId: string | null,
  limit: number,
): Promise<AlertDeliveryRow[]> {
  let query = db.selectFrom('alert_deliveries').selectAll().where('alert_id', '=', alertId)
  if (afterId) query = query.where('id', '>', afterId)
  return query.orderBy('id').limit(limit).execute()
}

/**
 * Takes or renews the named lease for `holder`: granted when free, expired, or already held by
 * it. The database's clock decides, so nodes with skewed clocks agree.
 */
export async function takeLease(
  db: Db,
  name: string,
  holder: string,
  seconds: number,
): Promise<boolean> {
  const { rows } = await sql<{ holder: string }>`
    insert into alert_delivery_lease (name, holder, expires_at)
    values (${name}, ${holder}, now() + make_interval(secs => ${seconds}))
    on conflict (name) do update
      set holder = excluded.holder, expires_at = excluded.expires_at
      where alert_delivery_lease.holder = excluded.holder
         or alert_delivery_lease.expires_at < now()
    returning holder
  `.execute(db)
  return rows.length === 1
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db
    .deleteFrom('alert_delivery_lease')
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute()
}
