import type { AlertDraftBody, AlertTemplateView, ListAlertsQuery } from '@common/api/alerts.ts'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { Db } from '../../db/schema.ts'
import type { TownBoundaries } from './alert-areas.ts'
import { townKey } from './alert-areas.ts'
import type { AlertRow, AlertsTable, AlertTemplateRow } from './alerts.table.ts'
import type { Insertable, Updateable } from 'kysely'

export type AlertWithNames = AlertRow & {
  created_by_name: string
  submitted_by_name: string | null
  approved_by_name: string | null
  references_identifier: string | null
}

function selectAlerts(db: Db) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('users as c', 'c.id', 'a.created_by')
    .leftJoin('users as s', 's.id', 'a.submitted_by')
    .leftJoin('users as p', 'p.id', 'a.approved_by')
    .leftJoin('alerts as r', 'r.id', 'a.references_alert_id')
    .selectAll('a')
    .select([
      'c.username as created_by_name',
      's.username as submitted_by_name',
      'p.username as approved_by_name',
      'r.identifier as references_identifier',
    ])
}

export function findAlert(db: Db, id: string): Promise<AlertWithNames | undefined> {
  return selectAlerts(db).where('a.id', '=', id).executeTakeFirst()
}

/** The alert row locked for a state change, so two sends of one draft cannot both go. */
export function lockAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function listAlerts(
  db: Db,
  query: z.infer<typeof ListAlertsQuery>,
): Promise<AlertWithNames[]> {
  let select = selectAlerts(db)
  if (query.state) select = select.where('a.state', '=', query.state)
  if (query.status) select = select.where('a.status', '=', query.status)
  return select.orderBy('a.created_at', 'desc').orderBy('a.id').limit(query.limit).execute()
}

/** The next number of the year's alerts: identifiers read ECC-2026-000042. */
export async function nextIdentifierNumber(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('alert_identifier_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet({ last_number: sql`alert_identifier_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

export function draftColumns(body: AlertDraftBody) {
  return {
    template_id: body.templateId,
    status: body.status,
    notice_category: body.noticeCategory,
    cap_category: body.capCategory,
    event: body.event,
    urgency: body.urgency,
    severity: body.severity,
    certainty: body.certainty,
    texts: JSON.stringify(body.texts),
    areas: JSON.stringify(body.areas),
    channels: body.channels,
    expires_at: body.expiresAt ? new Date(body.expiresAt) : null,
  }
}

export async function insertAlert(db: Db, values: Insertable<AlertsTable>): Promise<string> {
  const row = await db
    .insertInto('alerts')
    .values({ ...values, updated_at: values.created_at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateAlert(
  db: Db,
  id: string,
  values: Updateable<AlertsTable>,
): Promise<void> {
  await db.updateTable('alerts').set(values).where('id', '=', id).execute()
}

/** The alert and the ones it updates or cancels, up to the first Alert. */
export async function referenceChain(db: Db, alert: AlertRow): Promise<AlertRow[]> {
  const chain: AlertRow[] = []
  let next = alert.references_alert_id
  while (next && chain.length < 100) {
    const row = await db.selectFrom('alerts').selectAll().where('id', '=', next).executeTakeFirst()
    if (!row) break
    chain.push(row)
    next = row.references_alert_id
  }
  return chain
}

export async function townBoundaries(db: Db): Promise<TownBoundaries> {
  const rows = await db
    .selectFrom('jurisdictions')
    .select(['town', 'geometry_type', 'coordinates'])
    .execute()
  return new Map(
    rows.map((row) => [
      townKey(row.town),
      { type: row.geometry_type, coordinates: row.coordinates } as never,
    ]),
  )
}

export function listTemplates(db: Db): Promise<AlertTemplateRow[]> {
  return db
    .selectFrom('alert_templates')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('name')
    .execute()
}

export function findTemplate(db: Db, id: string): Promise<AlertTemplateRow | undefined> {
  return db
    .selectFrom('alert_templates')
    .selectAll()
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst()
}

export function templateColumns(body: Omit<AlertTemplateView, 'id' | 'updatedAt'>) {
  return {
    name: body.name,
    notice_category: body.noticeCategory,
    cap_category: body.capCategory,
    event: body.event,
    urgency: body.urgency,
    severity: body.severity,
    certainty: body.certainty,
    texts: JSON.stringify(body.texts),
  }
}

/** Alerts whose deliveries are still going out. */
export async function listSendingAlertIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('alerts').select('id').where('state', '=', 'sending').execute()
  return rows.map((row) => row.id)
}
