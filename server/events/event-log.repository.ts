import { sql } from 'kysely'
import type { Db } from '../db/schema.ts'
import type { EventRow, PendingEvent } from './events.table.ts'
import type { LogPosition } from './log-position.ts'

/**
 * Writes one transaction's events in one statement, in the given order, all with one order key:
 * the transaction's own id, or the latest key already on a record they concern when that is
 * higher. A transaction that waited for a record's lock then lands after the one that held it,
 * even when it took its id first. The key never goes below the writer's own id, so a reader
 * that stops below the oldest running transaction still never skips an event.
 * The latest key is looked up record by record (one index probe each): asked for all records
 * at once, the planner may walk the whole log backwards looking for a quiet record's last event.
 */
export async function insertTransactionEvents(db: Db, rows: PendingEvent[]): Promise<void> {
  if (rows.length === 0) return
  const records = [
    ...new Set(
      rows.flatMap((row) => [row.stream, ...(row.related_stream ? [row.related_stream] : [])]),
    ),
  ]
  await sql`
    with records as (select unnest(${records}::text[]) as stream),
    head as (
      select greatest(
        pg_current_xact_id(),
        (select max(latest.tx) from records, lateral (
          select tx from events where events.stream = records.stream
          order by tx desc limit 1) latest),
        (select max(latest.tx) from records, lateral (
          select tx from events where events.related_stream = records.stream
          order by tx desc limit 1) latest)
      ) as tx
    )
    insert into events (tx, stream, related_stream, type, payload, actor_user_id,
      actor_position_id, audience_roles, audience_agency_ids, audience_position_id)
    select head.tx, e.stream, e.related_stream, e.type, e.payload, e.actor_user_id,
      e.actor_position_id, e.audience_roles, e.audience_agency_ids, e.audience_position_id
    from head, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(
      stream text, related_stream text, type text, payload jsonb, actor_user_id uuid,
      actor_position_id uuid, audience_roles text[], audience_agency_ids uuid[],
      audience_position_id uuid)`.execute(db)
}

const COLUMNS = sql`id, tx::text as tx, stream, related_stream, type, payload, actor_user_id,
  actor_position_id, audience_roles, audience_agency_ids, audience_position_id, occurred_at`

/**
 * Events after `after`, only from transactions that have all finished. Sequence numbers are
 * handed out before commit, so "id > last" could skip an event that commits late; below the
 * oldest running transaction nothing new can appear. `held` tells whether events wait above
 * that horizon, for the caller to look again soon. One round trip for both.
 */
export async function readCommittedEvents(
  db: Db,
  after: LogPosition,
  limit: number,
): Promise<{ rows: EventRow[]; held: boolean }> {
  const position = sql`(${String(after.tx)}::xid8, ${String(after.id)}::bigint)`
  const result = await sql<EventRow & { held: boolean }>`
    with horizon as (select pg_snapshot_xmin(pg_current_snapshot()) as xmin)
    select ready.*, exists (
      select 1 from events, horizon where tx >= horizon.xmin and (tx, id) > ${position}
    ) as held
    from horizon left join lateral (
      select ${COLUMNS} from events
      where (tx, id) > ${position} and tx < horizon.xmin
      order by tx, id
      limit ${limit}
    ) ready on true
    order by ready.tx::xid8, ready.id`.execute(db)
  const held = result.rows[0]?.held === true
  // With nothing ready, the one row that carries `held` has only nulls for the event.
  const rows = result.rows.filter((row) => row.id !== null).map(({ held: _held, ...row }) => row)
  return { rows, held }
}

/** Events in (after, upTo]: a reconnecting console's catch-up, all already below the horizon. */
export async function readEventRange(
  db: Db,
  after: LogPosition,
  upTo: LogPosition,
  limit: number,
): Promise<EventRow[]> {
  const result = await sql<EventRow>`
    select ${COLUMNS} from events
    where (tx, id) > (${String(after.tx)}::xid8, ${String(after.id)}::bigint)
      and (tx, id) <= (${String(upTo.tx)}::xid8, ${String(upTo.id)}::bigint)
    order by tx, id
    limit ${limit}`.execute(db)
  return result.rows
}

export async function findConsumerPosition(db: Db, consumerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('live_consumers')
    .select('position')
    .where('consumer_id', '=', consumerId)
    .executeTakeFirst()
  return row?.position ?? null
}

export async function upsertConsumerPositions(
  db: Db,
  rows: { consumer_id: string; user_id: string; position: string }[],
): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('live_consumers')
    .values(rows.map((row) => ({ ...row, updated_at: new Date() })))
    .onConflict((oc) =>
      oc.column('consumer_id').doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        user_id: eb.ref('excluded.user_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute()
}

/**
 * The events of a record: those on its streams and those that name it (`payload.incidentId`),
 * in log order. For timelines and exports; the live stream does not use it.
 */
export async function listRecordEvents(
  db: Db,
  streams: string[],
  incidentId: string | null,
): Promise<EventRow[]> {
  const result = await sql<EventRow>`
    select ${COLUMNS} from events
    where stream = any(${streams}::text[])
      ${incidentId ? sql`or (payload ? 'incidentId' and payload ->> 'incidentId' = ${incidentId})` : sql``}
    order by tx, id`.execute(db)
  return result.rows
}
