import type { Db, Trx } from '../../db/schema.ts'
import type { NewUserRow, UserRow, UserUpdate } from './staff.table.ts'

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockUserByUsername(trx: Trx, username: string): Promise<UserRow | undefined> {
  return trx
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .forUpdate()
    .executeTakeFirst()
}

export function lockUserById(trx: Trx, id: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function listUserRows(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute()
}

export function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateUser(db: Db, id: string, update: UserUpdate): Promise<UserRow> {
  return db
    .updateTable('users')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst()
  return row !== undefined
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Usernames and position codes for ids, to name the people and desks in a record. */
export async function findStaffNames(
  db: Db,
  userIds: string[],
  positionIds: string[],
): Promise<{ users: Map<string, string>; positions: Map<string, string> }> {
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute()
    : []
  const positions = positionIds.length
    ? await db
        .selectFrom('positions')
        .select(['id', 'code'])
        .where('id', 'in', positionIds)
        .execute()
    : []
  return {
    users: new Map(users.map((u) => [u.id, u.username])),
    positions: new Map(positions.map((p) => [p.id, p.code])),
  }
}

/** Members of staff by id with their names and roles, for records that say who acted. */
export function listStaffByIds(
  db: Db,
  ids: string[],
): Promise<Pick<UserRow, 'id' | 'username' | 'display_name' | 'roles'>[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'roles'])
    .where('id', 'in', ids)
    .execute()
}
