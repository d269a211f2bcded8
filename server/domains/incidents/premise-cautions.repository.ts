import type { Insertable } from 'kysely'
import type { Db, Trx } from '../../db/schema.ts'
import type { IncidentRow, PremiseCautionRow, PremiseCautionsTable } from './incidents.table.ts'

export type NewPremiseCautionRow = Insertable<PremiseCautionsTable>

export type PriorIncidentRow = Pick<
  IncidentRow,
  'id' | 'number' | 'nature_code' | 'priority' | 'status' | 'created_at' | 'disposition'
>

export function insertPremiseCaution(
  db: Db,
  row: NewPremiseCautionRow,
): Promise<PremiseCautionRow> {
  return db.insertInto('premise_cautions').values(row).returningAll().executeTakeFirstOrThrow()
}

/** Cautions for the supervisors' list: in force at `now` unless `includeRemoved`. */
export function listPremiseCautionRows(
  db: Db,
  filter: { town?: string; includeRemoved: boolean; now: Date },
): Promise<PremiseCautionRow[]> {
  let query = db.selectFrom('premise_cautions').selectAll()
  if (filter.town !== undefined) {
    const town = filter.town.toLowerCase()
    query = query.where((eb) => eb(eb.fn('lower', ['town']), '=', town))
  }
  if (!filter.includeRemoved) {
    query = query
      .where('removed_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', filter.now)]))
  }
  return query.orderBy('location_text').orderBy('created_at', 'desc').execute()
}

/** The cautions in force at an address at `now`: not removed, not expired. */
export function listActivePremiseCautionRows(
  db: Db,
  addressKey: string,
  now: Date,
): Promise<PremiseCautionRow[]> {
  return db
    .selectFrom('premise_cautions')
    .selectAll()
    .where('address_key', '=', addressKey)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute()
}

export function lockPremiseCautionById(
  trx: Trx,
  id: string,
): Promise<PremiseCautionRow | undefined> {
  return trx
    .selectFrom('premise_cautions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function markPremiseCautionRemoved(
  db: Db,
  id: string,
  removal: { userId: string | null; at: Date },
): Promise<PremiseCautionRow> {
  return db
    .updateTable('premise_cautions')
    .set({ removed_at: removal.at, removed_by_user_id: removal.userId })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Incidents at an address created since `since`, newest first. Premise history reads the
 * incidents table of this same domain; `incidents_by_address` serves it.
 */
export function listPriorIncidentRows(
  db: Db,
  filter: { addressKey: string; since: Date; excludeIncidentId?: string; limit: number },
): Promise<PriorIncidentRow[]> {
  let query = db
    .selectFrom('incidents')
    .select(['id', 'number', 'nature_code', 'priority', 'status', 'created_at', 'disposition'])
    .where('address_key', '=', filter.addressKey)
    .where('created_at', '>=', filter.since)
  if (filter.excludeIncidentId !== undefined) {
    query = query.where('id', '<>', filter.excludeIncidentId)
  }
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute()
}
