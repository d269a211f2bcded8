import type { Db } from '../../db/schema.ts'
import type {
  NewResidentPhoneRow,
  ResidentAccountRow,
  ResidentPhoneRow,
} from './residents.table.ts'

export function insertAccount(
  db: Db,
  row: { email: string; display_name: string; password_hash: string },
): Promise<ResidentAccountRow | undefined> {
  return db
    .insertInto('resident_accounts')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function lockAccountByEmail(db: Db, email: string): Promise<ResidentAccountRow | undefined> {
  return db
    .selectFrom('resident_accounts')
    .selectAll()
    .where('email', '=', email)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateAccountLockout(
  db: Db,
  id: string,
  values: { failed_logons: number; locked_until: Date | null },
): Promise<void> {
  await db.updateTable('resident_accounts').set(values).where('id', '=', id).execute()
}

export async function insertSession(
  db: Db,
  row: { id: string; account_id: string; csrf_token: string; created_at: Date; last_seen_at: Date },
): Promise<void> {
  await db.insertInto('resident_sessions').values(row).execute()
}

export function findSessionWithAccount(db: Db, id: string) {
  return db
    .selectFrom('resident_sessions as s')
    .innerJoin('resident_accounts as a', 'a.id', 's.account_id')
    .select([
      's.id',
      's.account_id',
      's.csrf_token',
      's.last_seen_at',
      's.ended_at',
      'a.email',
      'a.display_name',
      'a.is_active',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
}

/** E-mail and name of active accounts, for messages other domains send them. */
export function listActiveContacts(
  db: Db,
  ids: string[],
): Promise<{ id: string; email: string; display_name: string }[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('resident_accounts')
    .select(['id', 'email', 'display_name'])
    .where('id', 'in', ids)
    .where('is_active', '=', true)
    .execute()
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('resident_sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
}

export async function endSession(db: Db, id: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable('resident_sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute()
}

export function listPhones(db: Db, accountId: string): Promise<ResidentPhoneRow[]> {
  return db
    .selectFrom('resident_phones')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function lockPhone(
  db: Db,
  accountId: string,
  id: string,
): Promise<ResidentPhoneRow | undefined> {
  return db
    .selectFrom('resident_phones')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export function insertPhone(db: Db, row: NewResidentPhoneRow): Promise<ResidentPhoneRow> {
  return db.insertInto('resident_phones').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updatePhone(
  db: Db,
  id: string,
  values: Partial<
    Pick<
      ResidentPhoneRow,
      | 'confirmed_at'
      | 'code_hash'
      | 'code_expires_at'
      | 'code_attempts'
      | 'code_channel'
      | 'removed_at'
    >
  >,
): Promise<ResidentPhoneRow> {
  return db
    .updateTable('resident_phones')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Another account's confirmed, not removed, use of a number. */
export function findConfirmedPhone(db: Db, number: string): Promise<ResidentPhoneRow | undefined> {
  return db
    .selectFrom('resident_phones')
    .selectAll()
    .where('number', '=', number)
    .where('confirmed_at', 'is not', null)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
}
