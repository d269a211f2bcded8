import { randomUUID } from 'node:crypto'
import {
  MAX_LIST_ROWS,
  type AlertListImportResult,
  type AlertListView,
  type ImportAlertListBody,
  type RejectedRow,
} from '@common/api/alert-subscribers.ts'
import type { Insertable } from 'kysely'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { verifyAddressLines } from './address-verification.ts'
import type {
  AlertContactsTable,
  AlertSubscriberAddressesTable,
  AlertSubscribersTable,
} from './alert-subscribers.table.ts'
import * as lists from './alert-lists.repository.ts'
import { parseCsv } from './list-csv.ts'
import { checkListRows } from './list-rows.ts'
import { COMPONENT, newUnsubscribeToken } from './subscription.service.ts'

/**
 * Imports a list (administrators): each row's address is verified as a resident's is; rows that
 * fail are reported `{ line, field, message }` and left out; the rest become subscribers of the
 * list's audience ('emergency_only' or 'test') with one confirmed contact and their address, all
 * in one transaction. Emergency-only rows are never selected for general notices. Audited as
 * `alert_list.imported`.
 */
export async function importAlertList(
  ctx: Ctx,
  body: ImportAlertListBody,
): Promise<AlertListImportResult> {
  const parsed = parseCsv(body.csv)
  if ('error' in parsed) throw new AppError('invalid_input', `csv: ${parsed.error}`, 'csv')
  if (parsed.records.length - 1 > MAX_LIST_ROWS) {
    throw new AppError('invalid_input', `csv: at most ${MAX_LIST_ROWS} rows in one import`, 'csv')
  }
  const checked = checkListRows(parsed.records, body.kind)
  if ('error' in checked) throw new AppError('invalid_input', `csv: ${checked.error}`, 'csv')
  const rejected: RejectedRow[] = [...checked.rejected]
  // Verified before the transaction: the address index is read through the pool.
  const outcomes = await verifyAddressLines(
    ctx,
    checked.rows.map((row) => ({ line: row.address, town: row.town })),
  )
  const now = ctx.now()
  const subscribers: Omit<Insertable<AlertSubscribersTable>, 'list_id'>[] = []
  const contacts: Insertable<AlertContactsTable>[] = []
  const addresses: Insertable<AlertSubscriberAddressesTable>[] = []
  for (const [index, row] of checked.rows.entries()) {
    const outcome = outcomes[index]!
    if (!outcome.ok) {
      rejected.push({ line: row.line, field: 'address', message: outcome.message })
      continue
    }
    const id = randomUUID()
    subscribers.push({
      id,
      audience: body.kind,
      display_name: row.name,
      language: row.language,
      unsubscribe_token: newUnsubscribeToken(),
    })
    contacts.push({
      subscriber_id: id,
      channel: row.channel,
      address: row.phone,
      preference: 1,
      confirmed_at: now,
    })
    const place = outcome.address
    addresses.push({
      subscriber_id: id,
      label: place.label,
      town: place.town,
      lat: place.lat,
      lon: place.lon,
      address_point_id: place.addressPointId,
    })
  }
  rejected.sort((a, b) => a.line - b.line)
  return runCommand(ctx, async (trx) => {
    const list = await lists.insertList(trx, {
      name: body.name,
      kind: body.kind,
      source: body.source ?? null,
      imported_by: ctx.actor?.userId ?? null,
      row_count: subscribers.length,
    })
    await lists.insertListMembers(trx, {
      subscribers: subscribers.map((s) => ({ ...s, list_id: list.id })),
      contacts,
      addresses,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_list.imported',
      subject: { type: 'alert_list', id: list.id },
      details: {
        name: body.name,
        kind: body.kind,
        imported: subscribers.length,
        rejected: rejected.length,
      },
    })
    return { listId: list.id, imported: subscribers.length, rejected }
  })
}

export async function listAlertLists(ctx: Ctx): Promise<AlertListView[]> {
  return (await lists.listLists(ctx.db)).map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    importedBy: row.imported_by,
    importedAt: row.imported_at.toISOString(),
    rowCount: row.row_count,
    activeCount: Number(row.active_count ?? 0),
    retiredAt: row.retired_at?.toISOString() ?? null,
  }))
}

/** Retires a list: its subscribers are unsubscribed and never alerted again. Audited. */
export async function retireAlertList(ctx: Ctx, id: string): Promise<void> {
  await runCommand(ctx, async (trx) => {
    const list = await lists.lockList(trx, id)
    if (!list) throw new AppError('not_found', `alert list ${id} not found`)
    if (list.retired_at) throw new AppError('conflict', 'this list is already retired')
    const unsubscribed = await lists.retireList(trx, id, ctx.now())
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_list.retired',
      subject: { type: 'alert_list', id },
      details: { name: list.name, unsubscribed },
    })
  })
}
