import type {
  IdCheckBody,
  PortalRecordsRequest,
  RecordsRequest,
} from '@common/api/records-requests.ts'
import { ID_DOCUMENTS } from '@common/api/records-requests.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import { checkCode, issueCode } from '../residents/index.ts'
import { COMPONENT } from './calendar.service.ts'
import { decideByProvenNumber, linkCallToRequest } from './call-link.ts'
import * as repo from './records-requests.repository.ts'
import type { RecordsRequestRow, RecordsRequestUpdate } from './records-requests.table.ts'
import { findMine, requestNotFound } from './records-requests.service.ts'
import { viewForClerk, viewForResident } from './request-views.ts'

export const NUMBER_PROOF_PURPOSE = 'records_number_proof'

const DOCUMENT_NAMES: Record<(typeof ID_DOCUMENTS)[number], string> = {
  drivers_license: "driver's license",
  state_id: 'state ID card',
  passport: 'passport',
  other: 'other identity document',
}

/**
 * Sends a 6-digit code by text to the number the requester says made the call. The answer is
 * the same whether or not such a call is in the record, so the code cannot be used to probe it.
 */
export async function sendNumberCode(ctx: Ctx, id: string): Promise<PortalRecordsRequest> {
  return runCommand(ctx, async (trx) => {
    const row = await findMine(ctx, id, trx)
    requireOpen(row)
    if (row.requester_type !== 'caller') {
      throw new AppError(
        'conflict',
        'requesterType: only the caller proves the calling number',
        'requesterType',
      )
    }
    if (row.number_proven_at) {
      throw new AppError('conflict', 'code: the number is already proven', 'code')
    }
    const { code, hash, expiresAt } = issueCode(row.id, ctx.now(), ctx.config.phoneCode.minutes)
    const updated = await repo.updateRequest(trx, row.id, {
      number_code_hash: hash,
      number_code_expires_at: expiresAt,
      number_code_attempts: 0,
    })
    await queueMessage(trx, ctx, {
      channel: 'sms',
      recipient: row.calling_number,
      purpose: NUMBER_PROOF_PURPOSE,
      body:
        `Your code for records request ${row.number} is ${code}. ` +
        `It expires in ${ctx.config.phoneCode.minutes} minutes. If you did not ask, ignore this.`,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.number_code_sent',
      subject: { type: 'records_request', id: row.id },
      details: { number: row.number },
    })
    return viewForResident(trx, ctx, updated)
  })
}

/** Checks the code: the number is proven; with the call linked, eligibility is decided. */
export async function proveNumber(
  ctx: Ctx,
  id: string,
  code: string,
): Promise<PortalRecordsRequest> {
  const outcome = await runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const row = await findMine(ctx, id, trx)
    requireOpen(row)
    const refusal = checkCode(
      {
        subjectId: row.id,
        hash: row.number_code_hash,
        expiresAt: row.number_code_expires_at,
        attempts: row.number_code_attempts,
      },
      code,
      {
        maxAttempts: ctx.config.phoneCode.attempts,
        now,
        noCodeMessage: 'code: no code is waiting: send a new one',
      },
    )
    if (refusal) {
      if (refusal.tries !== undefined) {
        await repo.updateRequest(trx, row.id, { number_code_attempts: refusal.tries })
      }
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'records_request.number_proof',
        outcome: 'failure',
        subject: { type: 'records_request', id: row.id },
        details: { number: row.number, reason: refusal.reason },
      })
      return { error: refusal.error }
    }
    let proven = await repo.updateRequest(trx, row.id, {
      proven_number: row.calling_number,
      number_proven_at: now,
      number_code_hash: null,
      number_code_expires_at: null,
      number_code_attempts: 0,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.number_proof',
      subject: { type: 'records_request', id: row.id },
      details: { number: row.number },
    })
    if (proven.call_id && proven.eligibility === 'pending') {
      const call = await repo.findCallSummary(trx, proven.call_id)
      proven = await decideByProvenNumber(trx, ctx, proven, call?.ani ?? null)
    }
    return { view: await viewForResident(trx, ctx, proven) }
  })
  if (outcome.error) throw outcome.error
  return outcome.view
}

/** The clerk saw the caller's identity document: eligible as the caller. */
export async function recordIdCheck(
  ctx: Ctx,
  id: string,
  body: IdCheckBody,
): Promise<RecordsRequest> {
  return decide(ctx, id, 'caller', (row) => ({
    update: eligible(ctx, row, 'clerk_id_check', idCheckNote(body)),
    details: { document: body.document },
  }))
}

/** The clerk confirmed the investigator with the agency: eligible. */
export async function confirmInvestigator(
  ctx: Ctx,
  id: string,
  body: { contactedVia: string; note: string },
): Promise<RecordsRequest> {
  return decide(ctx, id, 'investigator', (row) => ({
    update: eligible(
      ctx,
      row,
      'investigator_confirmed',
      [`Confirmed with the agency: ${body.contactedVia}`, body.note].filter(Boolean).join('. '),
    ),
    details: { contactedVia: body.contactedVia },
  }))
}

/** The clerk refuses the request; the refusal letter gives the reason and the appeal. */
export async function refuseRequest(ctx: Ctx, id: string, reason: string): Promise<RecordsRequest> {
  return decide(ctx, id, null, (row) => {
    const now = ctx.now()
    return {
      update: {
        eligibility: 'refused',
        refusal_reason: reason,
        refused_at: now,
        eligibility_decided_at: now,
        eligibility_decided_by_user_id: ctx.actor?.userId ?? null,
        responded_at: row.responded_at ?? now,
      },
      details: { reason },
      eventType: 'records_request.refused',
    }
  })
}

/** The clerk links the call the request is for (one of the candidates, or any call). */
export async function matchCall(ctx: Ctx, id: string, callId: string): Promise<RecordsRequest> {
  return runCommand(ctx, async (trx) => {
    const row = await lockForClerk(trx, id)
    requireOpen(row)
    return viewForClerk(trx, ctx, await linkCallToRequest(trx, ctx, row, callId, 'clerk'))
  })
}

export async function lockForClerk(trx: Trx, id: string): Promise<RecordsRequestRow> {
  const row = await repo.lockRequest(trx, id)
  if (!row) throw requestNotFound(id)
  return row
}

/** Refused and released requests take no further decision. */
export function requireOpen(row: RecordsRequestRow): void {
  if (row.eligibility === 'refused') {
    throw new AppError('conflict', 'status: the request was refused', 'status')
  }
  if (row.released_at) {
    throw new AppError('conflict', 'status: the recording was already released', 'status')
  }
}

async function decide(
  ctx: Ctx,
  id: string,
  requesterType: 'caller' | 'investigator' | null,
  make: (row: RecordsRequestRow) => {
    update: RecordsRequestUpdate
    details: Record<string, unknown>
    eventType?: string
  },
): Promise<RecordsRequest> {
  return runCommand(ctx, async (trx) => {
    const row = await lockForClerk(trx, id)
    requireOpen(row)
    if (requesterType && row.requester_type !== requesterType) {
      throw new AppError(
        'conflict',
        `requesterType: the requester is ${row.requester_type === 'caller' ? 'the caller' : 'an investigator'}`,
        'requesterType',
      )
    }
    if (requesterType && row.eligibility === 'eligible') {
      throw new AppError(
        'conflict',
        'eligibility: the requester is already eligible',
        'eligibility',
      )
    }
    const { update, details, eventType } = make(row)
    const updated = await repo.updateRequest(trx, row.id, update)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: eventType ?? 'records_request.eligible',
      subject: { type: 'records_request', id: row.id },
      details: { number: row.number, method: update.eligibility_method ?? null, ...details },
    })
    return viewForClerk(trx, ctx, updated)
  })
}

function eligible(
  ctx: Ctx,
  row: RecordsRequestRow,
  method: 'clerk_id_check' | 'investigator_confirmed',
  note: string,
): RecordsRequestUpdate {
  const now = ctx.now()
  return {
    eligibility: 'eligible',
    eligibility_method: method,
    eligibility_note: note,
    eligibility_decided_at: now,
    eligibility_decided_by_user_id: ctx.actor?.userId ?? null,
    responded_at: row.responded_at ?? now,
  }
}

function idCheckNote(body: IdCheckBody): string {
  const document = DOCUMENT_NAMES[body.document]
  const seen = body.documentLast4 ? `${document} ending ${body.documentLast4}` : document
  return [`Identity checked: ${seen}`, body.note].filter(Boolean).join('. ')
}
