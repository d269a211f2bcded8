import type { ListOutboxQuery } from '@common/api/residents.ts'
import type { Db } from '../../db/schema.ts'
import type { MessageChannel, OutboxMessageRow, OutboxStatus } from './messaging.table.ts'

export async function insertMessage(
  db: Db,
  row: {
    channel: MessageChannel
    recipient: string
    body: string
    purpose: string
    status: OutboxStatus
  },
): Promise<OutboxMessageRow> {
  return db.insertInto('outbox_messages').values(row).returningAll().executeTakeFirstOrThrow()
}

export function listMessages(db: Db, query: ListOutboxQuery): Promise<OutboxMessageRow[]> {
  let select = db.selectFrom('outbox_messages').selectAll()
  if (query.recipient) select = select.where('recipient', '=', query.recipient)
  if (query.status) select = select.where('status', '=', query.status)
  return select.orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute()
}

/** The oldest pending messages, locked so that another node sends none of them twice. */
export function claimPending(db: Db, limit: number): Promise<OutboxMessageRow[]> {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

export async function recordAttempt(
  db: Db,
  id: string,
  outcome: { status: OutboxStatus; error: string | null; providerId: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set((eb) => ({
      status: outcome.status,
      attempts: eb('attempts', '+', 1),
      last_error: outcome.error,
      provider_id: outcome.providerId,
      sent_at: outcome.status === 'sent' ? outcome.at : null,
    }))
    .where('id', '=', id)
    .execute()
}
