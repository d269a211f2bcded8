import type { Db, Trx } from '../../db/schema.ts'
import type { PositionState } from '@common/domain/positions.ts'
import type { NewPositionRow, PositionRow } from './staff.table.ts'

export type PositionWithUser = PositionRow & { username: string | null }

export function listPositionRows(db: Db): Promise<PositionWithUser[]> {
  return db
    .selectFrom('positions')
    .leftJoin('users', 'users.id', 'positions.user_id')
    .selectAll('positions')
    .select('users.username')
    .orderBy('positions.code')
    .execute()
}

export function findPositionByCode(db: Db, code: string): Promise<PositionRow | undefined> {
  return db.selectFrom('positions').selectAll().where('code', '=', code).executeTakeFirst()
}

export function lockPositionById(trx: Trx, id: string): Promise<PositionRow | undefined> {
  return trx.selectFrom('positions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function lockPositionByCode(trx: Trx, code: string): Promise<PositionRow | undefined> {
  return trx
    .selectFrom('positions')
    .selectAll()
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst()
}

export function lockPositionOfUser(trx: Trx, userId: string): Promise<PositionRow | undefined> {
  return trx
    .selectFrom('positions')
    .selectAll()
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst()
}

export function insertPosition(db: Db, row: NewPositionRow): Promise<PositionRow> {
  return db.insertInto('positions').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function seatPosition(
  db: Db,
  id: string,
  seat: { userId: string | null; state: PositionState; at: Date },
): Promise<void> {
  await db
    .updateTable('positions')
    .set({ user_id: seat.userId, state: seat.state, state_changed_at: seat.at })
    .where('id', '=', id)
    .execute()
}
