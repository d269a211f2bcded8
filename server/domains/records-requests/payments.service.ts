import type { CheckPaymentBody, RecordsRequest } from '@common/api/records-requests.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { COMPONENT } from './calendar.service.ts'
import { lockForClerk, requireOpen } from './eligibility.service.ts'
import * as repo from './records-requests.repository.ts'
import { loadRequest, viewForClerk } from './request-views.ts'

/**
 * The clerk enters the hours of work (hourly fee model only). Telling the requester the fee is
 * a written response, so it stops the response clock if nothing else has.
 */
export async function setHours(ctx: Ctx, id: string, hours: number): Promise<RecordsRequest> {
  if (ctx.config.recordsRequests.fee.model !== 'hourly') {
    throw new AppError('conflict', 'hours: the fee is flat; hours are not entered', 'hours')
  }
  return runCommand(ctx, async (trx) => {
    const row = await lockForClerk(trx, id)
    requireOpen(row)
    const updated = await repo.updateRequest(trx, row.id, {
      fee_hours: hours,
      responded_at: row.responded_at ?? ctx.now(),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.hours_set',
      subject: { type: 'records_request', id: row.id },
      details: { number: row.number, hours, previous: row.fee_hours },
    })
    return viewForClerk(trx, ctx, updated)
  })
}

/** A check received for the fee, as written on it; more than is owed is refused. */
export async function recordPayment(
  ctx: Ctx,
  id: string,
  body: CheckPaymentBody,
): Promise<RecordsRequest> {
  return runCommand(ctx, async (trx) => {
    const row = await lockForClerk(trx, id)
    requireOpen(row)
    const { assessment } = await loadRequest(trx, ctx, row)
    if (body.amountCents > assessment.fee.dueCents) {
      throw new AppError(
        'invalid_input',
        `amountCents: only ${assessment.fee.dueCents} cents are owed`,
        'amountCents',
      )
    }
    const payment = await repo.insertPayment(trx, {
      request_id: row.id,
      check_number: body.checkNumber,
      amount_cents: body.amountCents,
      received_on: body.receivedOn,
      payer: body.payer,
      recorded_by_user_id: ctx.actor?.userId ?? null,
      recorded_at: ctx.now(),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.payment_recorded',
      subject: { type: 'records_request', id: row.id },
      details: {
        number: row.number,
        paymentId: payment.id,
        checkNumber: body.checkNumber,
        amountCents: body.amountCents,
      },
    })
    return viewForClerk(trx, ctx, row)
  })
}
