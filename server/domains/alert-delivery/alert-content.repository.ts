import type { Db } from '../../db/schema.ts'
import type { AlertContent } from './channel-messages.ts'

/**
 * An alert as its senders need it, read from the alerts table. Test and Exercise alerts go to
 * the staff test list, whose members have no sign-up to end: no unsubscribe link for them.
 */
export async function loadAlertContent(db: Db, alertId: string): Promise<AlertContent | null> {
  const row = await db
    .selectFrom('alerts')
    .select(['id', 'identifier', 'status', 'msg_type', 'notice_category', 'texts'])
    .where('id', '=', alertId)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    identifier: row.identifier,
    status: row.status,
    msgType: row.msg_type,
    noticeCategory: row.notice_category,
    texts: row.texts,
    unsubscribe: row.status === 'Actual',
  }
}

/** The alert's human identifier, or null when there is no such alert. */
export async function findAlertIdentifier(db: Db, alertId: string): Promise<string | null> {
  const row = await db
    .selectFrom('alerts')
    .select('identifier')
    .where('id', '=', alertId)
    .executeTakeFirst()
  return row?.identifier ?? null
}
