import type { ListCallsQuery } from '@common/api/calls.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type {
  CallLocationRow,
  CallRow,
  CallUpdate,
  NewCallLocationRow,
  NewCallRow,
} from './calls.table.ts'

export function findCall(db: Db, id: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findCallByExternalId(db: Db, externalId: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('external_id', '=', externalId).executeTakeFirst()
}

export function lockCall(trx: Trx, id: string): Promise<CallRow | undefined> {
  return trx.selectFrom('calls').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function listCallRows(db: Db, query: ListCallsQuery): Promise<CallRow[]> {
  let q = db.selectFrom('calls').selectAll()
  if (query.open === true) q = q.where('closed_at', 'is', null)
  if (query.open === false) q = q.where('closed_at', 'is not', null)
  if (query.line) q = q.where('line', '=', query.line)
  if (query.incidentId) q = q.where('incident_id', '=', query.incidentId)
  return q.orderBy('arrived_at', 'desc').limit(query.limit).execute()
}

/**
 * Inserts an offered call; with an external id already known, inserts nothing and returns
 * undefined (the offer was a retry).
 */
export function insertCall(db: Db, row: NewCallRow): Promise<CallRow | undefined> {
  return db
    .insertInto('calls')
    .values(row)
    .onConflict((oc) => oc.column('external_id').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function updateCall(db: Db, id: string, update: CallUpdate): Promise<CallRow> {
  return db
    .updateTable('calls')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function listCallLocations(db: Db, callIds: string[]): Promise<CallLocationRow[]> {
  if (callIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('call_locations')
    .selectAll()
    .where('call_id', 'in', callIds)
    .orderBy('received_at')
    .orderBy('id')
    .execute()
}

export function insertCallLocation(db: Db, row: NewCallLocationRow): Promise<CallLocationRow> {
  return db.insertInto('call_locations').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Makes one location the call's primary: the old primary is unset first (one per call). */
export async function setPrimaryLocation(
  db: Db,
  callId: string,
  locationId: string,
  promotion: { at: Date; userId: string | null } | null,
): Promise<void> {
  await db
    .updateTable('call_locations')
    .set({ is_primary: false })
    .where('call_id', '=', callId)
    .where('is_primary', '=', true)
    .execute()
  await db
    .updateTable('call_locations')
    .set({
      is_primary: true,
      ...(promotion ? { promoted_at: promotion.at, promoted_by_user_id: promotion.userId } : {}),
    })
    .where('id', '=', locationId)
    .execute()
}

/** Incidents that calls from this number were linked to since `since`. */
export async function listIncidentIdsCalledFrom(
  db: Db,
  ani: string,
  since: Date,
  exceptCallId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('calls')
    .select('incident_id')
    .distinct()
    .where('ani', '=', ani)
    .where('arrived_at', '>=', since)
    .where('incident_id', 'is not', null)
    .where('id', '<>', exceptCallId)
    .execute()
  return rows.map((row) => row.incident_id!)
}

export async function listDismissedIncidentIds(db: Db, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('call_duplicate_dismissals')
    .select('incident_id')
    .where('call_id', '=', callId)
    .execute()
  return rows.map((row) => row.incident_id)
}

export async function insertDismissal(
  db: Db,
  row: {
    callId: string
    incidentId: string
    reason: string | null
    at: Date
    userId: string | null
  },
): Promise<void> {
  await db
    .insertInto('call_duplicate_dismissals')
    .values({
      call_id: row.callId,
      incident_id: row.incidentId,
      reason: row.reason,
      dismissed_at: row.at,
      dismissed_by_user_id: row.userId,
    })
    .onConflict((oc) =>
      oc
        .columns(['call_id', 'incident_id'])
        .doUpdateSet({ reason: row.reason, dismissed_at: row.at }),
    )
    .execute()
}

/** Every call on an incident, the first to ring first. */
export function listCallsOfIncident(db: Db, incidentId: string): Promise<CallRow[]> {
  return db
    .selectFrom('calls')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('arrived_at')
    .orderBy('id')
    .execute()
}

/** When each 911 call that arrived in [from, to) was answered and released: the answer-time report. */
export async function list911CallTimes(
  db: Db,
  from: Date,
  to: Date,
): Promise<{ arrivedAt: Date; answeredAt: Date | null; releasedAt: Date | null }[]> {
  const rows = await db
    .selectFrom('calls')
    .select(['arrived_at', 'answered_at', 'released_at'])
    .where('line', '=', '911')
    .where('arrived_at', '>=', from)
    .where('arrived_at', '<', to)
    .orderBy('arrived_at')
    .execute()
  return rows.map((row) => ({
    arrivedAt: new Date(row.arrived_at),
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
    releasedAt: row.released_at ? new Date(row.released_at) : null,
  }))
}
