import type { Insertable, Updateable } from 'kysely'
import type { Db, Trx } from '../../db/schema.ts'
import type {
  AlertContactRow,
  AlertContactsTable,
  AlertSubscriberAddressRow,
  AlertSubscriberAddressesTable,
  AlertSubscriberRow,
  AlertSubscribersTable,
} from './alert-subscribers.table.ts'

export function findSubscriberByAccount(
  db: Db,
  accountId: string,
): Promise<AlertSubscriberRow | undefined> {
  return db
    .selectFrom('alert_subscribers')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst()
}

/** Taken first by every change to a resident's sign-up, so two changes queue, not race. */
export function lockSubscriberByAccount(
  trx: Trx,
  accountId: string,
): Promise<AlertSubscriberRow | undefined> {
  return trx
    .selectFrom('alert_subscribers')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst()
}

export function lockSubscriberByToken(
  trx: Trx,
  token: string,
): Promise<AlertSubscriberRow | undefined> {
  return trx
    .selectFrom('alert_subscribers')
    .selectAll()
    .where('unsubscribe_token', '=', token)
    .forUpdate()
    .executeTakeFirst()
}

export function findSubscriberByToken(
  db: Db,
  token: string,
): Promise<AlertSubscriberRow | undefined> {
  return db
    .selectFrom('alert_subscribers')
    .selectAll()
    .where('unsubscribe_token', '=', token)
    .executeTakeFirst()
}

/** Undefined when the account signed up in a transaction that committed meanwhile. */
export function insertAccountSubscriber(
  db: Db,
  row: Insertable<AlertSubscribersTable>,
): Promise<AlertSubscriberRow | undefined> {
  return db
    .insertInto('alert_subscribers')
    .values(row)
    .onConflict((oc) => oc.column('account_id').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function updateSubscriber(
  db: Db,
  id: string,
  values: Updateable<AlertSubscribersTable>,
): Promise<AlertSubscriberRow> {
  return db
    .updateTable('alert_subscribers')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function listAddresses(db: Db, subscriberId: string): Promise<AlertSubscriberAddressRow[]> {
  return db
    .selectFrom('alert_subscriber_addresses')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function insertAddress(
  db: Db,
  row: Insertable<AlertSubscriberAddressesTable>,
): Promise<AlertSubscriberAddressRow> {
  return db
    .insertInto('alert_subscriber_addresses')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function removeAddress(
  trx: Trx,
  subscriberId: string,
  id: string,
  at: Date,
): Promise<boolean> {
  const result = await trx
    .updateTable('alert_subscriber_addresses')
    .set({ removed_at: at })
    .where('id', '=', id)
    .where('subscriber_id', '=', subscriberId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export function listContacts(db: Db, subscriberId: string): Promise<AlertContactRow[]> {
  return db
    .selectFrom('alert_contacts')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .where('removed_at', 'is', null)
    .orderBy('preference')
    .orderBy('created_at')
    .execute()
}

export function lockContact(
  trx: Trx,
  subscriberId: string,
  id: string,
): Promise<AlertContactRow | undefined> {
  return trx
    .selectFrom('alert_contacts')
    .selectAll()
    .where('id', '=', id)
    .where('subscriber_id', '=', subscriberId)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export function lockContactByLinkToken(
  trx: Trx,
  token: string,
): Promise<AlertContactRow | undefined> {
  return trx
    .selectFrom('alert_contacts')
    .selectAll()
    .where('link_token', '=', token)
    .where('removed_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export function insertContact(
  db: Db,
  row: Insertable<AlertContactsTable>,
): Promise<AlertContactRow> {
  return db.insertInto('alert_contacts').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateContact(
  db: Db,
  id: string,
  values: Updateable<AlertContactsTable>,
): Promise<AlertContactRow> {
  return db
    .updateTable('alert_contacts')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** STOP from a number: every live text contact with it stops, whoever's it is. */
export async function stopTextContacts(trx: Trx, number: string, at: Date): Promise<number> {
  const result = await trx
    .updateTable('alert_contacts')
    .set({ stopped_at: at })
    .where('channel', '=', 'sms')
    .where('address', '=', number)
    .where('removed_at', 'is', null)
    .where('stopped_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function startTextContacts(trx: Trx, number: string): Promise<number> {
  const result = await trx
    .updateTable('alert_contacts')
    .set({ stopped_at: null })
    .where('channel', '=', 'sms')
    .where('address', '=', number)
    .where('removed_at', 'is', null)
    .where('stopped_at', 'is not', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Whether a number replied STOP (and has not replied START since). */
export async function hasStoppedTextContact(db: Db, number: string): Promise<boolean> {
  const row = await db
    .selectFrom('alert_contacts')
    .select('id')
    .where('channel', '=', 'sms')
    .where('address', '=', number)
    .where('removed_at', 'is', null)
    .where('stopped_at', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
