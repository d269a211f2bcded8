import type { Expression, Insertable, SqlBool } from 'kysely'
import type { Db, Trx } from '../../db/schema.ts'
import type { BoloRow, BolosTable } from './incidents.table.ts'

export type NewBoloRow = Insertable<BolosTable>

export function insertBolo(db: Db, row: NewBoloRow): Promise<BoloRow> {
  return db.insertInto('bolos').values(row).returningAll().executeTakeFirstOrThrow()
}

/** `%text%` for LIKE, with the pattern characters in `text` taken literally. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * BOLOs newest first: in force at `now` unless `includeExpired`. `text` matches the vehicle,
 * person and details ignoring case; `plate` (already normalised) matches part of the plate.
 */
export function searchBoloRows(
  db: Db,
  filter: {
    text?: string
    plate?: string
    includeExpired: boolean
    now: Date
    limit: number
  },
): Promise<BoloRow[]> {
  let query = db.selectFrom('bolos').selectAll()
  if (!filter.includeExpired) {
    query = query.where('cancelled_at', 'is', null).where('expires_at', '>', filter.now)
  }
  const { text, plate } = filter
  if (text !== undefined) {
    query = query.where((eb) => {
      const pattern = containing(text)
      const matches: Expression<SqlBool>[] = [
        eb('vehicle', 'ilike', pattern),
        eb('person', 'ilike', pattern),
        eb('details', 'ilike', pattern),
      ]
      if (plate) matches.push(eb('plate', 'like', containing(plate)))
      return eb.or(matches)
    })
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute()
}

export function lockBoloById(trx: Trx, id: string): Promise<BoloRow | undefined> {
  return trx.selectFrom('bolos').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function markBoloCancelled(
  db: Db,
  id: string,
  cancel: { userId: string | null; at: Date; reason: string },
): Promise<BoloRow> {
  return db
    .updateTable('bolos')
    .set({
      cancelled_at: cancel.at,
      cancelled_by_user_id: cancel.userId,
      cancel_reason: cancel.reason,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function incidentExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()
  return row !== undefined
}
