import { timingSafeEqual } from 'node:crypto'
import type { InboundTextBody, InboundTextResult } from '@common/api/alert-subscribers.ts'
import { normalizePhone } from '@common/domain/phone.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import * as repo from './alert-subscribers.repository.ts'
import { COMPONENT } from './subscription.service.ts'

export type UnsubscribeOutcome = 'unsubscribed' | 'already' | 'unknown'

/** Whether an unsubscribe link's token names a sign-up, and its state; changes nothing. */
export async function describeUnsubscribeToken(
  ctx: Ctx,
  token: string,
): Promise<'active' | 'already' | 'unknown'> {
  const subscriber = await repo.findSubscriberByToken(ctx.db, token)
  if (!subscriber) return 'unknown'
  return subscriber.status === 'active' ? 'active' : 'already'
}

/**
 * Unsubscribes whoever holds the link (no log-on: the token is the capability). Only a POST
 * from the page's button gets here, so a mail scanner that follows links unsubscribes nobody.
 * Audited as `alert_subscription.unsubscribed`.
 */
export async function unsubscribeByToken(ctx: Ctx, token: string): Promise<UnsubscribeOutcome> {
  return runCommand(ctx, async (trx) => {
    const subscriber = await repo.lockSubscriberByToken(trx, token)
    if (!subscriber) return 'unknown'
    if (subscriber.status === 'unsubscribed') return 'already'
    await repo.updateSubscriber(trx, subscriber.id, {
      status: 'unsubscribed',
      unsubscribed_at: ctx.now(),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.unsubscribed',
      subject: { type: 'alert_subscriber', id: subscriber.id },
      details: { via: 'link', audience: subscriber.audience },
    })
    return 'unsubscribed'
  })
}

/** The text provider's calls carry `Authorization: Bearer <messageProvider.token>`. */
export function authorizeTextProvider(ctx: Ctx, header: string | undefined): void {
  if (!header) {
    throw new AppError('not_authenticated', 'Authorization: the provider token is required')
  }
  const expected = ctx.config.messageProvider?.token
  const given = /^Bearer (.+)$/.exec(header)?.[1] ?? ''
  const matches =
    expected !== undefined &&
    expected !== null &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  if (!matches) throw new AppError('forbidden', 'Authorization: not the provider token')
}

/** The carriers' (CTIA) opt-out and opt-in words, matched on the whole trimmed text. */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'])
const START_WORDS = new Set(['START', 'UNSTOP'])
const HELP_WORDS = new Set(['HELP', 'INFO'])

export const TEXT_REPLIES = {
  stopped:
    'Worcester emergency alerts: you will get no more texts at this number. Reply START to get them again.',
  started: 'Worcester emergency alerts: texts to this number are on again. Reply STOP to stop.',
  help: 'Worcester emergency alerts. Manage your sign-up in the resident portal. Reply STOP to stop texts, START to restart. In an emergency call 911.',
} as const

/**
 * A text a subscriber sent: STOP (and its synonyms) stops every text contact with that number,
 * START restarts them, HELP answers the help text; each gets one reply through the outbox and
 * an audit row. Anything else is ignored.
 */
export async function handleInboundText(
  ctx: Ctx,
  body: InboundTextBody,
): Promise<InboundTextResult> {
  const number = normalizePhone(body.from)
  if (!number) throw new AppError('invalid_input', 'from: a phone number', 'from')
  const word = body.body.trim().replace(/\s+/g, ' ').toUpperCase()
  const action = STOP_WORDS.has(word)
    ? 'stopped'
    : START_WORDS.has(word)
      ? 'started'
      : HELP_WORDS.has(word)
        ? 'help'
        : 'ignored'
  if (action === 'ignored') return { action, contacts: 0, reply: null }
  return runCommand(ctx, async (trx) => {
    const contacts =
      action === 'stopped'
        ? await repo.stopTextContacts(trx, number, ctx.now())
        : action === 'started'
          ? await repo.startTextContacts(trx, number)
          : 0
    const reply = TEXT_REPLIES[action]
    await queueMessage(trx, ctx, {
      channel: 'sms',
      recipient: number,
      purpose: 'alert_text_reply',
      body: reply,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: `alert_contact.text_${action}`,
      subject: { type: 'phone_number', id: number },
      details: { keyword: word, contacts },
    })
    return { action, contacts, reply }
  })
}

/** Whether texts to a number are stopped (it replied STOP and not START since). */
export function isStopped(db: Db, number: string): Promise<boolean> {
  return repo.hasStoppedTextContact(db, number)
}
