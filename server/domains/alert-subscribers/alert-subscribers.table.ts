import type { ColumnType, Selectable } from 'kysely'
import type { AlertChannel } from '@common/api/alerts.ts'

type Generated<T> = ColumnType<T, T | undefined, T>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>

export type SubscriberAudience = 'public' | 'emergency_only' | 'test'

export interface AlertListsTable {
  id: ColumnType<string, string | undefined, never>
  name: string
  kind: 'emergency_only' | 'test'
  source: string | null
  imported_by: string | null
  imported_at: CreatedAt
  row_count: Generated<number>
  retired_at: Date | null
}

export interface AlertSubscribersTable {
  id: ColumnType<string, string | undefined, never>
  audience: SubscriberAudience
  account_id: string | null
  list_id: string | null
  display_name: string | null
  language: Generated<string>
  notice_categories: Generated<string[]>
  unsubscribe_token: string
  status: Generated<'active' | 'unsubscribed'>
  created_at: CreatedAt
  unsubscribed_at: Date | null
}
export type AlertSubscriberRow = Selectable<AlertSubscribersTable>

export interface AlertSubscriberAddressesTable {
  id: ColumnType<string, string | undefined, never>
  subscriber_id: string
  label: string
  town: string
  lat: number
  lon: number
  address_point_id: ColumnType<string | null, number | string | null | undefined, never>
  removed_at: Date | null
  created_at: CreatedAt
}
export type AlertSubscriberAddressRow = Selectable<AlertSubscriberAddressesTable>

export interface AlertContactsTable {
  id: ColumnType<string, string | undefined, never>
  subscriber_id: string
  channel: AlertChannel
  address: string
  preference: number
  confirmed_at: Date | null
  code_hash: string | null
  code_expires_at: Date | null
  code_attempts: Generated<number>
  link_token: string | null
  stopped_at: Date | null
  removed_at: Date | null
  created_at: CreatedAt
}
export type AlertContactRow = Selectable<AlertContactsTable>
