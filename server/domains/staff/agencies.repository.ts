import type { Db } from '../../db/schema.ts'
import type { AgencyRow, AgencyUpdate, NewAgencyRow } from './staff.table.ts'

export function findAgencyById(db: Db, id: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findAgencyByCode(db: Db, code: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst()
}

export function listAgencyRows(db: Db): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').selectAll().orderBy('town').orderBy('code').execute()
}

export function insertAgency(db: Db, row: NewAgencyRow): Promise<AgencyRow> {
  return db.insertInto('agencies').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateAgency(db: Db, id: string, update: AgencyUpdate): Promise<AgencyRow> {
  return db
    .updateTable('agencies')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
