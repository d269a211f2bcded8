import { normalizePhone } from '@common/domain/phone.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { COMPONENT } from './calendar.service.ts'
import * as repo from './records-requests.repository.ts'
import type { RecordsRequestRow, RecordsRequestUpdate } from './records-requests.table.ts'

export const WRONG_NUMBER_NOTE = 'the number proven is not the number that made the call'

/**
 * Links the call the request is for. One open request per call and requester: another request
 * of theirs for the same call, not refused, makes this a 409 naming callId. A number already
 * proven is then compared with the call's ANI.
 */
export async function linkCallToRequest(
  trx: Trx,
  ctx: Ctx,
  row: RecordsRequestRow,
  callId: string,
  how: 'automatic' | 'clerk',
): Promise<RecordsRequestRow> {
  const call = await repo.findCallSummary(trx, callId)
  if (!call) throw new AppError('call_not_found', `callId: no call ${callId}`, 'callId')
  const other = await repo.findOpenRequestForCall(
    trx,
    callId,
    {
      accountId: row.resident_account_id,
      email: row.source === 'paper' ? row.requester_email : null,
    },
    row.id,
  )
  if (other) {
    throw new AppError(
      'conflict',
      `callId: this requester already has an open request for this call (${other.number})`,
      'callId',
    )
  }
  let linked = await repo.updateRequest(trx, row.id, {
    call_id: callId,
    call_linked_at: ctx.now(),
    call_linked_by_user_id: how === 'clerk' ? (ctx.actor?.userId ?? null) : null,
  })
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: 'records_request.call_linked',
    subject: { type: 'records_request', id: row.id },
    details: { number: row.number, callId, how, previousCallId: row.call_id },
  })
  if (linked.proven_number && linked.eligibility === 'pending') {
    linked = await decideByProvenNumber(trx, ctx, linked, call.ani)
  }
  return linked
}

/**
 * A caller who proved the number is eligible only when it is the number that made the call; a
 * different number leaves the request pending, with a note for the clerk.
 */
export async function decideByProvenNumber(
  trx: Trx,
  ctx: Ctx,
  row: RecordsRequestRow,
  callAni: string | null,
): Promise<RecordsRequestRow> {
  const now = ctx.now()
  const matches =
    row.proven_number !== null &&
    callAni !== null &&
    normalizePhone(callAni) === normalizePhone(row.proven_number)
  const update: RecordsRequestUpdate = matches
    ? {
        eligibility: 'eligible',
        eligibility_method: 'caller_code',
        eligibility_note: null,
        eligibility_decided_at: now,
        eligibility_decided_by_user_id: null,
        responded_at: row.responded_at ?? now,
      }
    : { eligibility_note: WRONG_NUMBER_NOTE }
  const updated = await repo.updateRequest(trx, row.id, update)
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: matches ? 'records_request.eligible' : 'records_request.number_mismatch',
    subject: { type: 'records_request', id: row.id },
    details: { number: row.number, method: 'caller_code' },
  })
  return updated
}
