import type { Letter } from '@common/api/records-requests.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { renderLetterPdf } from './letters.pdf.ts'
import * as repo from './records-requests.repository.ts'
import type { RecordsRequestRow } from './records-requests.table.ts'
import { findMine, requestNotFound } from './records-requests.service.ts'
import { loadRequest } from './request-views.ts'

export interface LetterFile {
  fileName: string
  pdf: Buffer
}

/** A letter of the clerk's request; one not yet due looks like one that does not exist. */
export async function getLetter(ctx: Ctx, id: string, letter: Letter): Promise<LetterFile> {
  const row = await repo.findRequest(ctx.db, id)
  if (!row) throw requestNotFound(id)
  return letterOf(ctx, row, letter)
}

export async function getMyLetter(ctx: Ctx, id: string, letter: Letter): Promise<LetterFile> {
  return letterOf(ctx, await findMine(ctx, id), letter)
}

async function letterOf(ctx: Ctx, row: RecordsRequestRow, letter: Letter): Promise<LetterFile> {
  const { parts, assessment } = await loadRequest(ctx.db, ctx, row)
  if (!assessment.letters.includes(letter)) {
    throw new AppError('not_found', `letter: no ${letter} letter on this request yet`, 'letter')
  }
  const lastPayment = parts.payments.at(-1)
  const date =
    letter === 'refusal'
      ? (row.refused_at ?? row.created_at)
      : letter === 'receipt'
        ? (lastPayment?.recorded_at ?? row.created_at)
        : (row.released_at ?? row.created_at)
  const pdf = await renderLetterPdf({
    letter,
    number: row.number,
    date,
    timeZone: ctx.config.timeZone,
    requester: {
      name: row.requester_name,
      mailingAddress: row.requester_address,
      email: row.requester_email,
    },
    call: { date: row.call_date, timeFrom: row.time_from, timeTo: row.time_to },
    refusalReason: row.refusal_reason ?? undefined,
    payments: parts.payments.map((payment) => ({
      checkNumber: payment.check_number,
      amountCents: payment.amount_cents,
      receivedOn: payment.received_on,
      payer: payment.payer,
    })),
    dueCents: assessment.fee.dueCents,
    files: parts.files.map((file) => ({
      fileName: file.file_name,
      durationMs: file.duration_ms,
      sha256: file.sha256,
      redacted: file.redacted,
      expiresAt: file.expires_at,
    })),
  })
  return { fileName: `${row.number}-${letter}.pdf`, pdf }
}
