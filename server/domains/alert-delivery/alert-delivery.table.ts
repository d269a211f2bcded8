import type { ColumnType, Selectable } from 'kysely'
import type { AlertChannel, DeliveryStatus } from '@common/api/alerts.ts'

type Generated<T> = ColumnType<T, T | undefined, T>

export interface AlertDeliveriesTable {
  id: ColumnType<string, string | undefined, never>
  alert_id: string
  subscriber_id: string
  contact_id: string
  channel: AlertChannel
  address: string
  language: string
  exchange: string | null
  status: Generated<DeliveryStatus>
  attempts: Generated<number>
  queued_at: ColumnType<Date, Date | undefined, never>
  first_attempt_at: Date | null
  last_attempt_at: Date | null
  sent_at: Date | null
  delivered_at: Date | null
  failed_at: Date | null
  provider_id: string | null
  last_error: string | null
}
export type AlertDeliveryRow = Selectable<AlertDeliveriesTable>

export interface AlertDeliveryLeaseTable {
  name: string
  holder: string
  expires_at: Date
}
