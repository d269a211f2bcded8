import type { ColumnType, Selectable } from 'kysely'

export type MessageChannel = 'sms' | 'voice' | 'email'
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'held'

export interface OutboxMessagesTable {
  id: ColumnType<string, string | undefined, never>
  channel: MessageChannel
  recipient: string
  body: string
  purpose: string
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>
  attempts: ColumnType<number, number | undefined, number>
  last_error: string | null
  provider_id: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  sent_at: Date | null
}
export type OutboxMessageRow = Selectable<OutboxMessagesTable>
