import type { PortalRecordsRequest, RecordsRequest } from '@common/api/records-requests.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { yearsNeeded } from './business-days.ts'
import { holidaySet } from './calendar.service.ts'
import {
  assessRequest,
  presentPortalRequest,
  presentRequest,
  type Assessment,
  type RequestParts,
} from './records-requests.presenter.ts'
import * as repo from './records-requests.repository.ts'
import type { RecordsRequestRow } from './records-requests.table.ts'

export interface LoadedRequest {
  parts: RequestParts
  assessment: Assessment
}

/** Each request with its payments, files, linked call and derived state; one query per part. */
export async function loadRequests(
  db: Db,
  ctx: Ctx,
  rows: RecordsRequestRow[],
): Promise<LoadedRequest[]> {
  if (rows.length === 0) return []
  const now = ctx.now()
  const ids = rows.map((row) => row.id)
  const payments = await repo.listPayments(db, ids)
  const files = await repo.listReleaseFiles(db, ids)
  const calls = new Map<string, repo.CallSummaryRow>()
  for (const callId of new Set(rows.flatMap((row) => (row.call_id ? [row.call_id] : [])))) {
    const call = await repo.findCallSummary(db, callId)
    if (call) calls.set(callId, call)
  }
  const years = rows.flatMap((row) => yearsNeeded(row.received_at, now, ctx.config.timeZone))
  const holidays = await holidaySet(db, ctx, years)
  return rows.map((row) => {
    const parts: RequestParts = {
      row,
      payments: payments.filter((payment) => payment.request_id === row.id),
      files: files.filter((file) => file.request_id === row.id),
      call: row.call_id ? (calls.get(row.call_id) ?? null) : null,
    }
    return { parts, assessment: assessRequest(parts, ctx.config, holidays, now) }
  })
}

export async function loadRequest(
  db: Db,
  ctx: Ctx,
  row: RecordsRequestRow,
): Promise<LoadedRequest> {
  return (await loadRequests(db, ctx, [row]))[0]!
}

export async function viewForClerk(
  db: Db,
  ctx: Ctx,
  row: RecordsRequestRow,
): Promise<RecordsRequest> {
  const loaded = await loadRequest(db, ctx, row)
  return presentRequest(loaded.parts, loaded.assessment)
}

export async function viewForResident(
  db: Db,
  ctx: Ctx,
  row: RecordsRequestRow,
): Promise<PortalRecordsRequest> {
  const loaded = await loadRequest(db, ctx, row)
  return presentPortalRequest(loaded.parts, loaded.assessment)
}
