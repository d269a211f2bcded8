import type { Insertable, Selectable } from 'kysely'
import type { Db, Trx } from '../../db/schema.ts'
import type {
  AlertContactsTable,
  AlertListsTable,
  AlertSubscriberAddressesTable,
  AlertSubscribersTable,
} from './alert-subscribers.table.ts'

export type AlertListRow = Selectable<AlertListsTable>

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500

export function insertList(db: Db, row: Insertable<AlertListsTable>): Promise<AlertListRow> {
  return db.insertInto('alert_lists').values(row).returningAll().executeTakeFirstOrThrow()
}

/** One imported list's subscribers, contacts and addresses, in chunks. */
export async function insertListMembers(
  trx: Trx,
  members: {
    subscribers: Insertable<AlertSubscribersTable>[]
    contacts: Insertable<AlertContactsTable>[]
    addresses: Insertable<AlertSubscriberAddressesTable>[]
  },
): Promise<void> {
  for (let i = 0; i < members.subscribers.length; i += CHUNK) {
    await trx
      .insertInto('alert_subscribers')
      .values(members.subscribers.slice(i, i + CHUNK))
      .execute()
  }
  for (let i = 0; i < members.contacts.length; i += CHUNK) {
    await trx
      .insertInto('alert_contacts')
      .values(members.contacts.slice(i, i + CHUNK))
      .execute()
  }
  for (let i = 0; i < members.addresses.length; i += CHUNK) {
    await trx
      .insertInto('alert_subscriber_addresses')
      .values(members.addresses.slice(i, i + CHUNK))
      .execute()
  }
}

/** Every list, newest first, with how many of its subscribers are still active. */
export function listLists(db: Db) {
  return db
    .selectFrom('alert_lists as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('alert_subscribers as s')
        .select((sub) => sub.fn.countAll<string>().as('n'))
        .whereRef('s.list_id', '=', 'l.id')
        .where('s.status', '=', 'active')
        .as('active_count'),
    )
    .orderBy('l.imported_at', 'desc')
    .orderBy('l.id')
    .execute()
}

export function lockList(trx: Trx, id: string): Promise<AlertListRow | undefined> {
  return trx
    .selectFrom('alert_lists')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** Retires a list: its subscribers are unsubscribed; returns how many were still active. */
export async function retireList(trx: Trx, id: string, at: Date): Promise<number> {
  await trx.updateTable('alert_lists').set({ retired_at: at }).where('id', '=', id).execute()
  const result = await trx
    .updateTable('alert_subscribers')
    .set({ status: 'unsubscribed', unsubscribed_at: at })
    .where('list_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
