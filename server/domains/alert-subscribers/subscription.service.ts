import { randomBytes } from 'node:crypto'
import {
  MAX_ALERT_ADDRESSES,
  type AlertAddressBody,
  type AlertAddressView,
  type AlertSubscriptionBody,
  type AlertSubscriptionView,
} from '@common/api/alert-subscribers.ts'
import { CommandRetry, runCommand } from '../../commands/run-command.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { requireResident } from '../residents/index.ts'
import { verifyAddressLines } from './address-verification.ts'
import * as repo from './alert-subscribers.repository.ts'
import {
  presentAddress,
  presentContact,
  presentSubscription,
} from './alert-subscribers.presenter.ts'
import type { AlertSubscriberRow } from './alert-subscribers.table.ts'

export const COMPONENT = 'alert-subscribers'

/** The capability in every message's unsubscribe link: 32 random bytes, base64url. */
export function newUnsubscribeToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The resident's sign-up with its live addresses and contacts; state 'none' before it exists. */
export async function getMySubscription(ctx: Ctx): Promise<AlertSubscriptionView> {
  const resident = requireResident(ctx)
  return readSubscription(
    ctx,
    ctx.db,
    await repo.findSubscriberByAccount(ctx.db, resident.accountId),
  )
}

export async function readSubscription(
  ctx: Ctx,
  db: Db,
  subscriber: AlertSubscriberRow | undefined,
): Promise<AlertSubscriptionView> {
  if (!subscriber) return presentSubscription(undefined, [], [])
  const now = ctx.now()
  const addresses = await repo.listAddresses(db, subscriber.id)
  const contacts = await repo.listContacts(db, subscriber.id)
  return presentSubscription(
    subscriber,
    addresses,
    contacts.map((row) => presentContact(row, now, ctx.config.phoneCode.attempts)),
  )
}

/**
 * Signs the resident up (audience 'public'), changes their language and categories, or signs an
 * unsubscribed resident up again. Audited as `alert_subscription.created`, `.updated` or
 * `.resubscribed`.
 */
export async function saveMySubscription(
  ctx: Ctx,
  body: AlertSubscriptionBody,
): Promise<AlertSubscriptionView> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const existing = await repo.lockSubscriberByAccount(trx, resident.accountId)
    const choices = { language: body.language, notice_categories: body.noticeCategories }
    let saved: AlertSubscriberRow
    let eventType: string
    if (!existing) {
      const inserted = await repo.insertAccountSubscriber(trx, {
        audience: 'public',
        account_id: resident.accountId,
        display_name: resident.displayName,
        unsubscribe_token: newUnsubscribeToken(),
        ...choices,
      })
      // A second tab signed up at the same moment: run again, now finding (and locking) its row.
      if (!inserted) throw new CommandRetry()
      saved = inserted
      eventType = 'alert_subscription.created'
    } else {
      const again = existing.status === 'unsubscribed'
      saved = await repo.updateSubscriber(trx, existing.id, {
        ...choices,
        ...(again ? { status: 'active', unsubscribed_at: null } : {}),
      })
      eventType = again ? 'alert_subscription.resubscribed' : 'alert_subscription.updated'
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType,
      subject: { type: 'alert_subscriber', id: saved.id },
      details: { accountId: resident.accountId, ...choices },
    })
    return readSubscription(ctx, trx, saved)
  })
}

/** The resident's sign-up, locked for a change; 409 naming `subscription` before signing up. */
export async function lockMySubscriber(trx: Trx, accountId: string): Promise<AlertSubscriberRow> {
  const subscriber = await repo.lockSubscriberByAccount(trx, accountId)
  if (!subscriber) {
    throw new AppError(
      'conflict',
      'subscription: sign up for alerts first (choose a language)',
      'subscription',
    )
  }
  return subscriber
}

/**
 * Adds a place to be alerted for: only an address the geography domain verifies (exact, on the
 * map) is kept, at most `MAX_ALERT_ADDRESSES`; otherwise 400 naming `line` with the candidates.
 */
export async function addMyAddress(ctx: Ctx, body: AlertAddressBody): Promise<AlertAddressView> {
  const resident = requireResident(ctx)
  const [outcome] = await verifyAddressLines(ctx, [{ line: body.line }])
  if (!outcome!.ok) throw new AppError('invalid_input', `line: ${outcome!.message}`, 'line')
  const place = outcome!.address
  return runCommand(ctx, async (trx) => {
    const subscriber = await lockMySubscriber(trx, resident.accountId)
    const addresses = await repo.listAddresses(trx, subscriber.id)
    if (addresses.some((a) => a.label === place.label)) {
      throw new AppError('conflict', `line: ${place.label} is already on your list`, 'line')
    }
    if (addresses.length >= MAX_ALERT_ADDRESSES) {
      throw new AppError(
        'conflict',
        `line: at most ${MAX_ALERT_ADDRESSES} addresses; remove one first`,
        'line',
      )
    }
    const row = await repo.insertAddress(trx, {
      subscriber_id: subscriber.id,
      label: place.label,
      town: place.town,
      lat: place.lat,
      lon: place.lon,
      address_point_id: place.addressPointId,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.address_added',
      subject: { type: 'alert_subscriber_address', id: row.id },
      details: { accountId: resident.accountId, subscriberId: subscriber.id, town: place.town },
    })
    return presentAddress(row)
  })
}

/** Stops alerting for a place (the row is kept, marked removed). Another resident's is a 404. */
export async function removeMyAddress(ctx: Ctx, addressId: string): Promise<void> {
  const resident = requireResident(ctx)
  await runCommand(ctx, async (trx) => {
    const subscriber = await repo.lockSubscriberByAccount(trx, resident.accountId)
    const removed = subscriber
      ? await repo.removeAddress(trx, subscriber.id, addressId, ctx.now())
      : false
    if (!subscriber || !removed) throw new AppError('not_found', `address ${addressId} not found`)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'alert_subscription.address_removed',
      subject: { type: 'alert_subscriber_address', id: addressId },
      details: { accountId: resident.accountId, subscriberId: subscriber.id },
    })
  })
}
