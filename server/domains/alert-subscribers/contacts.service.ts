import { randomBytes } from 'node:crypto'
import {
  MAX_ALERT_CONTACTS,
  type AlertContactBody,
  type AlertContactOrderBody,
  type AlertContactView,
  type ConfirmAlertContactBody,
} from '@common/api/alert-subscribers.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import {
  checkCode,
  findAccountByConfirmedPhone,
  issueCode,
  requireResident,
} from '../residents/index.ts'
import * as repo from './alert-subscribers.repository.ts'
import { presentContact } from './alert-subscribers.presenter.ts'
import type { AlertContactRow } from './alert-subscribers.table.ts'
import { COMPONENT, lockMySubscriber } from './subscription.service.ts'

/** How long an e-mail confirmation link works. */
const LINK_DAYS = 7
const PURPOSE = 'alert_contact_confirmation'

/**
 * Adds a way to reach the resident, last in the order of preference. A phone is confirmed with a
 * 6-digit code (by text for sms, by voice call for voice and TTY), unless the resident already
 * confirmed that number on their account; an e-mail address by a link. Audited.
 */
export async function addMyContact(ctx: Ctx, body: AlertContactBody): Promise<AlertContactView> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const subscriber = await lockMySubscriber(trx, resident.accountId)
    const contacts = await repo.listContacts(trx, subscriber.id)
    if (contacts.some((c) => c.channel === body.channel && c.address === body.address)) {
      throw new AppError('conflict', `address: ${body.address} is already on your list`, 'address')
    }
    if (contacts.length >= MAX_ALERT_CONTACTS) {
      throw new AppError(
        'conflict',
        `address: at most ${MAX_ALERT_CONTACTS} contacts; remove one first`,
        'address',
      )
    }
    const now = ctx.now()
    const alreadyMine =
      body.channel !== 'email' &&
      (await findAccountByConfirmedPhone(trx, body.address)) === resident.accountId
    let row = await repo.insertContact(trx, {
      subscriber_id: subscriber.id,
      channel: body.channel,
      address: body.address,
      preference: Math.max(0, ...contacts.map((c) => c.preference)) + 1,
      confirmed_at: alreadyMine ? now : null,
    })
    if (!alreadyMine) row = await sendConfirmation(trx, ctx, row)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.contact_added',
      subject: { type: 'alert_contact', id: row.id },
      details: {
        accountId: resident.accountId,
        subscriberId: subscriber.id,
        channel: row.channel,
        confirmedFromAccount: alreadyMine,
      },
    })
    return present(ctx, row)
  })
}

/** Sends a new code or link; the old one stops working. 409 once the contact is confirmed. */
export async function resendMyConfirmation(ctx: Ctx, contactId: string): Promise<AlertContactView> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const { contact } = await lockMine(trx, resident.accountId, contactId)
    if (contact.confirmed_at) throw alreadyConfirmed()
    const row = await sendConfirmation(trx, ctx, contact)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.confirmation_sent',
      subject: { type: 'alert_contact', id: row.id },
      details: { accountId: resident.accountId, channel: row.channel },
    })
    return present(ctx, row)
  })
}

/**
 * Confirms a phone contact with its code, under the shared code rules: a wrong code is counted
 * (and the count committed) even though the request fails.
 */
export async function confirmMyContact(
  ctx: Ctx,
  contactId: string,
  body: ConfirmAlertContactBody,
): Promise<AlertContactView> {
  const resident = requireResident(ctx)
  const outcome = await runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const { contact } = await lockMine(trx, resident.accountId, contactId)
    if (contact.confirmed_at) throw alreadyConfirmed()
    if (contact.channel === 'email') {
      throw new AppError('conflict', 'code: an e-mail address is confirmed by its link', 'code')
    }
    const refusal = checkCode(
      {
        subjectId: contact.id,
        hash: contact.code_hash,
        expiresAt: contact.code_expires_at,
        attempts: contact.code_attempts,
      },
      body.code,
      {
        maxAttempts: ctx.config.phoneCode.attempts,
        now,
        noCodeMessage: 'code: no code is waiting for this contact: send a new one',
      },
    )
    const audit = (outcome: 'success' | 'failure', details: Record<string, unknown>) =>
      recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'alert_subscription.contact_confirmation',
        outcome,
        subject: { type: 'alert_contact', id: contact.id },
        details: { accountId: resident.accountId, ...details },
      })
    if (refusal) {
      if (refusal.tries !== undefined) {
        await repo.updateContact(trx, contact.id, { code_attempts: refusal.tries })
      }
      await audit('failure', { reason: refusal.reason })
      return { error: refusal.error }
    }
    const confirmed = await repo.updateContact(trx, contact.id, {
      confirmed_at: now,
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
    })
    await audit('success', { channel: contact.channel })
    return { contact: present(ctx, confirmed) }
  })
  if (outcome.error) throw outcome.error
  return outcome.contact
}

/**
 * Sets the order of preference: `ids` must name every live contact once, most preferred first;
 * anything else is a 400 naming `ids` (another resident's id reads as unknown).
 */
export async function orderMyContacts(
  ctx: Ctx,
  body: AlertContactOrderBody,
): Promise<AlertContactView[]> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const subscriber = await lockMySubscriber(trx, resident.accountId)
    const contacts = await repo.listContacts(trx, subscriber.id)
    const mine = new Set(contacts.map((c) => c.id))
    const unknown = body.ids.find((id) => !mine.has(id))
    if (unknown) {
      throw new AppError('invalid_input', `ids: no contact ${unknown} on your list`, 'ids')
    }
    if (body.ids.length !== contacts.length) {
      throw new AppError('invalid_input', 'ids: name every one of your contacts once', 'ids')
    }
    const ordered: AlertContactRow[] = []
    for (const [index, id] of body.ids.entries()) {
      ordered.push(await repo.updateContact(trx, id, { preference: index + 1 }))
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.contacts_ordered',
      subject: { type: 'alert_subscriber', id: subscriber.id },
      details: { accountId: resident.accountId, ids: body.ids },
    })
    return ordered.map((row) => present(ctx, row))
  })
}

/** Removes a contact (kept, marked removed) and closes the gap in the order. */
export async function removeMyContact(ctx: Ctx, contactId: string): Promise<void> {
  const resident = requireResident(ctx)
  await runCommand(ctx, async (trx) => {
    const { subscriber, contact } = await lockMine(trx, resident.accountId, contactId)
    await repo.updateContact(trx, contact.id, {
      removed_at: ctx.now(),
      code_hash: null,
      link_token: null,
    })
    const rest = await repo.listContacts(trx, subscriber.id)
    for (const [index, row] of rest.entries()) {
      if (row.preference !== index + 1) {
        await repo.updateContact(trx, row.id, { preference: index + 1 })
      }
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.contact_removed',
      subject: { type: 'alert_contact', id: contact.id },
      details: { accountId: resident.accountId, channel: contact.channel },
    })
  })
}

export type EmailConfirmation = 'confirmed' | 'already_confirmed' | 'expired' | 'unknown'

/** The link in the confirmation e-mail: no log-on, the token is the proof. Audited. */
export async function confirmEmailLink(ctx: Ctx, token: string): Promise<EmailConfirmation> {
  return runCommand(ctx, async (trx) => {
    const contact = await repo.lockContactByLinkToken(trx, token)
    if (!contact) return 'unknown'
    if (contact.confirmed_at) return 'already_confirmed'
    const now = ctx.now()
    if (contact.code_expires_at && contact.code_expires_at <= now) return 'expired'
    await repo.updateContact(trx, contact.id, { confirmed_at: now, code_expires_at: null })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.contact_confirmation',
      subject: { type: 'alert_contact', id: contact.id },
      details: { channel: 'email', subscriberId: contact.subscriber_id },
    })
    return 'confirmed'
  })
}

async function lockMine(trx: Trx, accountId: string, contactId: string) {
  const subscriber = await repo.lockSubscriberByAccount(trx, accountId)
  const contact = subscriber ? await repo.lockContact(trx, subscriber.id, contactId) : undefined
  // Another resident's contact looks exactly like one that does not exist.
  if (!subscriber || !contact) throw new AppError('not_found', `contact ${contactId} not found`)
  return { subscriber, contact }
}

async function sendConfirmation(
  trx: Trx,
  ctx: Ctx,
  contact: AlertContactRow,
): Promise<AlertContactRow> {
  const now = ctx.now()
  if (contact.channel === 'email') {
    const token = randomBytes(32).toString('base64url')
    const link = `${ctx.config.alerts.publicUrl}/api/alerts/confirm-email?token=${token}`
    await queueMessage(trx, ctx, {
      channel: 'email',
      recipient: contact.address,
      purpose: PURPOSE,
      body: `Please confirm that you want emergency alerts from the City of Worcester at this e-mail address by opening this link within ${LINK_DAYS} days:\n\n${link}\n\nIf you did not sign up, ignore this message: nothing will be sent to you.`,
    })
    return repo.updateContact(trx, contact.id, {
      link_token: token,
      code_expires_at: new Date(now.getTime() + LINK_DAYS * 86_400_000),
    })
  }
  const minutes = ctx.config.phoneCode.minutes
  const { code, hash, expiresAt } = issueCode(contact.id, now, minutes)
  const spoken = code.split('').join(' ')
  await queueMessage(trx, ctx, {
    // A TTY line is a landline: its code comes by voice call, as for a voice contact.
    channel: contact.channel === 'sms' ? 'sms' : 'voice',
    recipient: contact.address,
    purpose: PURPOSE,
    body:
      contact.channel === 'sms'
        ? `${code} is your code to confirm this phone for Worcester emergency alerts. It expires in ${minutes} minutes.`
        : `Your code to confirm this phone for Worcester emergency alerts is ${spoken}. Again: ${spoken}.`,
  })
  return repo.updateContact(trx, contact.id, {
    code_hash: hash,
    code_expires_at: expiresAt,
    code_attempts: 0,
  })
}

function present(ctx: Ctx, row: AlertContactRow): AlertContactView {
  return presentContact(row, ctx.now(), ctx.config.phoneCode.attempts)
}

function alreadyConfirmed(): AppError {
  return new AppError('conflict', 'this contact is already confirmed')
}
