import type { ListOutboxQuery, OutboxMessage } from '@common/api/residents.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import type { MessageChannel, OutboxMessageRow } from './messaging.table.ts'
import { insertMessage, listMessages } from './outbox.repository.ts'

export interface OutgoingMessage {
  channel: MessageChannel
  recipient: string
  body: string
  /** What it is for, e.g. `phone_confirmation`: shown to administrators, never the body's secret. */
  purpose: string
}

/**
 * Puts a text, voice call or e-mail in the outbox, in the caller's transaction: it is sent only
 * if the change that asked for it commits. With a provider configured the delivery worker sends
 * it; without one it is held, readable by administrators (and tests) at GET /api/outbox.
 */
export async function queueMessage(
  trx: Db,
  ctx: Ctx,
  message: OutgoingMessage,
): Promise<OutboxMessageRow> {
  return insertMessage(trx, {
    ...message,
    status: ctx.config.messageProvider ? 'pending' : 'held',
  })
}

export async function listOutbox(ctx: Ctx, query: ListOutboxQuery): Promise<OutboxMessage[]> {
  return (await listMessages(ctx.db, query)).map(presentMessage)
}

function presentMessage(row: OutboxMessageRow): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    body: row.body,
    purpose: row.purpose,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  }
}
