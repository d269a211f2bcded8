import type { Insertable } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type {
  CallDeliveryRow,
  CallTextRow,
  CallTextsTable,
  NewCallDeliveryRow,
} from './calls.table.ts'

export async function insertDelivery(db: Db, row: NewCallDeliveryRow): Promise<void> {
  await db.insertInto('call_deliveries').values(row).execute()
}

export async function findDelivery(db: Db, callId: string): Promise<CallDeliveryRow | undefined> {
  return db
    .selectFrom('call_deliveries')
    .selectAll()
    .where('call_id', '=', callId)
    .executeTakeFirst()
}

export async function insertText(db: Db, row: Insertable<CallTextsTable>): Promise<CallTextRow> {
  return db.insertInto('call_texts').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function listTexts(db: Db, callId: string): Promise<CallTextRow[]> {
  return db
    .selectFrom('call_texts')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

export async function updateDelivery(
  db: Db,
  callId: string,
  changes: { additional_data: string; problems: string },
): Promise<void> {
  await db.updateTable('call_deliveries').set(changes).where('call_id', '=', callId).execute()
}
