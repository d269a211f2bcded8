import type { ColumnType, Selectable } from 'kysely'
import type {
  AlertArea,
  AlertChannel,
  AlertState,
  AlertTexts,
  CapMsgType,
  CapStatus,
} from '@common/api/alerts.ts'

type Generated<T> = ColumnType<T, T | undefined, T>
type Json<T> = ColumnType<T, string, string>

export interface AlertTemplatesTable {
  id: ColumnType<string, string | undefined, never>
  name: string
  notice_category: string
  cap_category: string
  event: string
  urgency: string
  severity: string
  certainty: string
  texts: Json<AlertTexts>
  created_by: string | null
  updated_at: Generated<Date>
  retired_at: Date | null
}
export type AlertTemplateRow = Selectable<AlertTemplatesTable>

export interface AlertsTable {
  id: ColumnType<string, string | undefined, never>
  identifier: string
  status: CapStatus
  msg_type: CapMsgType
  references_alert_id: string | null
  template_id: string | null
  notice_category: string
  cap_category: string
  event: string
  urgency: string
  severity: string
  certainty: string
  texts: Json<AlertTexts>
  areas: Json<AlertArea[]>
  channels: AlertChannel[]
  expires_at: Date | null
  state: Generated<AlertState>
  approval_required: Generated<boolean>
  exclude_confirmed: Generated<boolean>
  created_by: string
  created_at: ColumnType<Date, Date | undefined, never>
  updated_at: Generated<Date>
  submitted_by: string | null
  submitted_at: Date | null
  approved_by: string | null
  approved_at: Date | null
  rejected_reason: string | null
  sent_at: Date | null
  recipient_count: number | null
  estimate_seconds: number | null
}
export type AlertRow = Selectable<AlertsTable>

export interface AlertIdentifierCountersTable {
  year: number
  last_number: number
}
