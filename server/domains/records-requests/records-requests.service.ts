import {
  THIRD_PARTY_REFUSAL,
  type CandidateCall,
  type PaperRecordsRequestForm,
  type PortalRecordsRequest,
  type RecordsRequest,
  type RecordsRequestForm,
} from '@common/api/records-requests.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { countRecordingsByCall } from '../recordings/index.ts'
import { requireResident } from '../residents/index.ts'
import { COMPONENT } from './calendar.service.ts'
import { findCandidateCalls } from './candidates.ts'
import { linkCallToRequest } from './call-link.ts'
import { localDateOf, localInstant } from './local-time.ts'
import { presentPortalRequest, presentRequest } from './records-requests.presenter.ts'
import * as repo from './records-requests.repository.ts'
import type { NewRecordsRequestRow, RecordsRequestRow } from './records-requests.table.ts'
import { loadRequests, viewForClerk, viewForResident } from './request-views.ts'

/**
 * Filing and reading records requests. One request covers one call. A third party is refused
 * at once (c.166 §14A(d)): that refusal is the response. When exactly one call in the CAD
 * record came from the number the requester gave, inside their window, it is linked at filing.
 */
export async function fileRecordsRequest(
  ctx: Ctx,
  form: RecordsRequestForm,
): Promise<PortalRecordsRequest> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const row = await fileRequest(trx, ctx, form, {
      source: 'portal',
      resident_account_id: resident.accountId,
      entered_by_user_id: null,
      requester_name: resident.displayName,
      requester_email: resident.email,
      requester_phone: null,
      requester_address: null,
      received_at: ctx.now(),
    })
    return viewForResident(trx, ctx, row)
  })
}

/** A paper request entered by the clerk; the clock starts on the day it was received. */
export async function enterPaperRequest(
  ctx: Ctx,
  form: PaperRecordsRequestForm,
): Promise<RecordsRequest> {
  const now = ctx.now()
  const today = localDateOf(now, ctx.config.timeZone)
  if (form.receivedOn && form.receivedOn > today) {
    throw new AppError(
      'invalid_input',
      'receivedOn: a request cannot be received in the future',
      'receivedOn',
    )
  }
  return runCommand(ctx, async (trx) => {
    const row = await fileRequest(trx, ctx, form, {
      source: 'paper',
      resident_account_id: null,
      entered_by_user_id: ctx.actor?.userId ?? null,
      requester_name: form.requester.name,
      requester_email: form.requester.email ?? null,
      requester_phone: form.requester.phone ?? null,
      requester_address: form.requester.mailingAddress ?? null,
      // Received on an earlier day: local noon stands for the hour, which does not count.
      received_at:
        form.receivedOn && form.receivedOn !== today
          ? localInstant(form.receivedOn, '12:00', ctx.config.timeZone)
          : now,
    })
    return viewForClerk(trx, ctx, row)
  })
}

type Requester = Pick<
  NewRecordsRequestRow,
  | 'source'
  | 'resident_account_id'
  | 'entered_by_user_id'
  | 'requester_name'
  | 'requester_email'
  | 'requester_phone'
  | 'requester_address'
  | 'received_at'
>

async function fileRequest(
  trx: Trx,
  ctx: Ctx,
  form: RecordsRequestForm | PaperRecordsRequestForm,
  requester: Requester,
): Promise<RecordsRequestRow> {
  const now = ctx.now()
  const receivedAt = requester.received_at
  const thirdParty = form.requesterType === 'other'
  const year = Number(localDateOf(receivedAt, ctx.config.timeZone).slice(0, 4))
  let row = await repo.insertRequest(trx, {
    ...requester,
    number: await repo.nextRequestNumber(trx, year),
    requester_type: form.requesterType,
    investigator:
      form.requesterType === 'investigator' && form.investigator
        ? JSON.stringify(form.investigator)
        : null,
    call_date: form.callDate,
    time_from: form.timeFrom,
    time_to: form.timeTo,
    calling_number: form.callingNumber,
    location: form.location,
    what_happened: form.whatHappened,
    ...(thirdParty
      ? {
          eligibility: 'refused' as const,
          refusal_reason: THIRD_PARTY_REFUSAL,
          refused_at: now,
          eligibility_decided_at: now,
          eligibility_decided_by_user_id: ctx.actor?.userId ?? null,
          responded_at: now,
        }
      : {}),
    created_at: now,
  })
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: 'records_request.filed',
    subject: { type: 'records_request', id: row.id },
    details: { number: row.number, source: row.source, requesterType: row.requester_type },
  })
  if (thirdParty) {
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.refused',
      subject: { type: 'records_request', id: row.id },
      details: { number: row.number, reason: 'third_party', statute: 'M.G.L. c.166 §14A(d)' },
    })
    return row
  }
  const candidates = await candidatesFor(trx, ctx, row)
  const byNumber = candidates.filter((candidate) => candidate.numberMatches)
  if (byNumber.length === 1) {
    row = await linkCallToRequest(trx, ctx, row, byNumber[0]!.callId, 'automatic')
  }
  return row
}

export async function listMyRequests(ctx: Ctx): Promise<PortalRecordsRequest[]> {
  const resident = requireResident(ctx)
  const rows = await repo.listRequestsOfAccount(ctx.db, resident.accountId)
  return (await loadRequests(ctx.db, ctx, rows)).map(({ parts, assessment }) =>
    presentPortalRequest(parts, assessment),
  )
}

export async function getMyRequest(ctx: Ctx, id: string): Promise<PortalRecordsRequest> {
  return viewForResident(ctx.db, ctx, await findMine(ctx, id))
}

/** The resident's own request; another's looks exactly like one that does not exist. */
export async function findMine(ctx: Ctx, id: string, trx?: Trx): Promise<RecordsRequestRow> {
  const resident = requireResident(ctx)
  const row = trx ? await repo.lockRequest(trx, id) : await repo.findRequest(ctx.db, id)
  if (!row || row.resident_account_id !== resident.accountId) throw requestNotFound(id)
  return row
}

/** The clerk's queue: soonest response deadline first. */
export async function listQueue(
  ctx: Ctx,
  state: 'open' | 'closed' | 'all',
): Promise<RecordsRequest[]> {
  const rows = await repo.listRequestsByState(ctx.db, state)
  return (await loadRequests(ctx.db, ctx, rows))
    .sort(
      (a, b) =>
        a.assessment.deadlines.responseDueAt.getTime() -
          b.assessment.deadlines.responseDueAt.getTime() ||
        a.parts.row.number.localeCompare(b.parts.row.number),
    )
    .map(({ parts, assessment }) => presentRequest(parts, assessment))
}

export async function getRequest(ctx: Ctx, id: string): Promise<RecordsRequest> {
  const row = await repo.findRequest(ctx.db, id)
  if (!row) throw requestNotFound(id)
  return viewForClerk(ctx.db, ctx, row)
}

export async function listCandidates(ctx: Ctx, id: string): Promise<CandidateCall[]> {
  const row = await repo.findRequest(ctx.db, id)
  if (!row) throw requestNotFound(id)
  return candidatesFor(ctx.db, ctx, row)
}

function candidatesFor(
  db: Trx | Ctx['db'],
  ctx: Ctx,
  row: RecordsRequestRow,
): Promise<CandidateCall[]> {
  return findCandidateCalls(
    db,
    {
      callDate: row.call_date,
      timeFrom: row.time_from,
      timeTo: row.time_to,
      callingNumber: row.calling_number,
      location: row.location,
    },
    ctx.config.timeZone,
    (callIds) => countRecordingsByCall(db, callIds),
  )
}

export function requestNotFound(id: string): AppError {
  return new AppError('records_request_not_found', `no records request ${id}`)
}
