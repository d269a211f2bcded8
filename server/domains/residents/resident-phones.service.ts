import type {
  AddPhoneBody,
  ConfirmPhoneBody,
  ResendCodeBody,
  ResidentPhone,
} from '@common/api/residents.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { checkCode, issueCode } from './confirmation-code.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import * as residents from './residents.repository.ts'
import type { ResidentPhoneRow } from './residents.table.ts'
import { requireResident } from './resident-sessions.service.ts'

const COMPONENT = 'residents'

/**
 * A resident's phone numbers. A number counts (a 911 call from it shows the resident's data)
 * only once confirmed with the 6-digit code sent to it by text or voice call. A code lapses
 * after `phoneCode.minutes` and is spent after `phoneCode.attempts` wrong tries: then a new one
 * must be sent. Codes are kept only as hashes.
 */
export async function listMyPhones(ctx: Ctx): Promise<ResidentPhone[]> {
  const resident = requireResident(ctx)
  const now = ctx.now()
  return (await residents.listPhones(ctx.db, resident.accountId)).map((row) =>
    presentPhone(ctx, row, now),
  )
}

export async function addPhone(ctx: Ctx, body: AddPhoneBody): Promise<ResidentPhone> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const mine = await residents.listPhones(trx, resident.accountId)
    if (mine.some((phone) => phone.number === body.number)) {
      throw new AppError(
        'phone_taken',
        `number: ${body.number} is already on your account`,
        'number',
      )
    }
    const phone = await residents.insertPhone(trx, {
      account_id: resident.accountId,
      number: body.number,
      label: body.label ?? null,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.phone_added',
      subject: { type: 'resident_phone', id: phone.id },
      details: { accountId: resident.accountId },
    })
    return presentPhone(ctx, await sendCode(trx, ctx, phone, body.channel), ctx.now())
  })
}

export async function resendCode(
  ctx: Ctx,
  phoneId: string,
  body: ResendCodeBody,
): Promise<ResidentPhone> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const phone = await lockMine(trx, resident.accountId, phoneId)
    if (phone.confirmed_at) throw alreadyConfirmed()
    const channel = body.channel ?? phone.code_channel ?? 'sms'
    return presentPhone(ctx, await sendCode(trx, ctx, phone, channel), ctx.now())
  })
}

export async function confirmPhone(
  ctx: Ctx,
  phoneId: string,
  body: ConfirmPhoneBody,
): Promise<ResidentPhone> {
  const resident = requireResident(ctx)
  const outcome = await runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const phone = await lockMine(trx, resident.accountId, phoneId)
    if (phone.confirmed_at) throw alreadyConfirmed()
    const refusal = checkCode(
      {
        subjectId: phone.id,
        hash: phone.code_hash,
        expiresAt: phone.code_expires_at,
        attempts: phone.code_attempts,
      },
      body.code,
      {
        maxAttempts: ctx.config.phoneCode.attempts,
        now,
        noCodeMessage: 'code: no code is waiting for this number: send a new one',
      },
    )
    if (refusal) {
      if (refusal.tries !== undefined) {
        await residents.updatePhone(trx, phone.id, { code_attempts: refusal.tries })
      }
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'resident.phone_confirmation',
        outcome: 'failure',
        subject: { type: 'resident_phone', id: phone.id },
        details: { accountId: resident.accountId, reason: refusal.reason },
      })
      return { error: refusal.error }
    }
    // A number confirmed by another account moves here: its new owner proved they hold it.
    const previous = await residents.findConfirmedPhone(trx, phone.number)
    if (previous && previous.id !== phone.id) {
      await residents.updatePhone(trx, previous.id, { removed_at: now })
    }
    const confirmed = await residents.updatePhone(trx, phone.id, {
      confirmed_at: now,
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.phone_confirmation',
      subject: { type: 'resident_phone', id: phone.id },
      details: {
        accountId: resident.accountId,
        ...(previous && previous.id !== phone.id ? { movedFromAccount: previous.account_id } : {}),
      },
    })
    return { phone: presentPhone(ctx, confirmed, now) }
  })
  if (outcome.error) throw outcome.error
  return outcome.phone
}

export async function removePhone(ctx: Ctx, phoneId: string): Promise<void> {
  const resident = requireResident(ctx)
  await runCommand(ctx, async (trx) => {
    const phone = await lockMine(trx, resident.accountId, phoneId)
    await residents.updatePhone(trx, phone.id, { removed_at: ctx.now(), code_hash: null })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'resident.phone_removed',
      subject: { type: 'resident_phone', id: phone.id },
      details: { accountId: resident.accountId },
    })
  })
}

/** The account whose confirmed phone this is, for the call-time lookup (E.164 number). */
export async function findAccountByConfirmedPhone(
  db: Parameters<typeof residents.findConfirmedPhone>[0],
  number: string,
): Promise<string | null> {
  return (await residents.findConfirmedPhone(db, number))?.account_id ?? null
}

async function sendCode(
  trx: Trx,
  ctx: Ctx,
  phone: ResidentPhoneRow,
  channel: 'sms' | 'voice',
): Promise<ResidentPhoneRow> {
  const minutes = ctx.config.phoneCode.minutes
  const { code, hash, expiresAt } = issueCode(phone.id, ctx.now(), minutes)
  const updated = await residents.updatePhone(trx, phone.id, {
    code_hash: hash,
    code_expires_at: expiresAt,
    code_attempts: 0,
    code_channel: channel,
  })
  const spoken = code.split('').join(' ')
  await queueMessage(trx, ctx, {
    channel,
    recipient: phone.number,
    purpose: 'phone_confirmation',
    body:
      channel === 'sms'
        ? `${code} is your code to confirm this phone for the 911 safety profile. It expires in ${minutes} minutes.`
        : `Your code to confirm this phone for the 911 safety profile is ${spoken}. Again: ${spoken}.`,
  })
  return updated
}

async function lockMine(trx: Trx, accountId: string, phoneId: string): Promise<ResidentPhoneRow> {
  const phone = await residents.lockPhone(trx, accountId, phoneId)
  // Another account's phone looks exactly like one that does not exist.
  if (!phone) throw new AppError('phone_not_found', `phone ${phoneId} not found`)
  return phone
}

function alreadyConfirmed(): AppError {
  return new AppError('conflict', 'this number is already confirmed')
}

function presentPhone(ctx: Ctx, row: ResidentPhoneRow, now: Date): ResidentPhone {
  const pending = !row.confirmed_at && row.code_expires_at && row.code_expires_at > now
  return {
    id: row.id,
    number: row.number,
    label: row.label,
    confirmed: row.confirmed_at !== null,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    codeExpiresAt: pending ? row.code_expires_at!.toISOString() : null,
    triesLeft: pending ? Math.max(0, ctx.config.phoneCode.attempts - row.code_attempts) : null,
  }
}
