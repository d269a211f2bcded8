import type {
  AlertAddressView,
  AlertContactView,
  AlertSubscriptionView,
} from '@common/api/alert-subscribers.ts'
import type { AlertLanguage } from '@common/api/alerts.ts'
import type {
  AlertContactRow,
  AlertSubscriberAddressRow,
  AlertSubscriberRow,
} from './alert-subscribers.table.ts'

export function presentSubscription(
  subscriber: AlertSubscriberRow | undefined,
  addresses: AlertSubscriberAddressRow[],
  contacts: AlertContactView[],
): AlertSubscriptionView {
  if (!subscriber) {
    return {
      state: 'none',
      language: 'en',
      noticeCategories: [],
      addresses: [],
      contacts: [],
      createdAt: null,
      unsubscribedAt: null,
    }
  }
  return {
    state: subscriber.status,
    language: subscriber.language as AlertLanguage,
    noticeCategories: subscriber.notice_categories,
    addresses: addresses.map(presentAddress),
    contacts,
    createdAt: subscriber.created_at.toISOString(),
    unsubscribedAt: subscriber.unsubscribed_at?.toISOString() ?? null,
  }
}

export function presentAddress(row: AlertSubscriberAddressRow): AlertAddressView {
  return { id: row.id, label: row.label, town: row.town, lat: row.lat, lon: row.lon }
}

/** `maxAttempts` is the code rule's tries (config.phoneCode.attempts). */
export function presentContact(
  row: AlertContactRow,
  now: Date,
  maxAttempts: number,
): AlertContactView {
  const pending =
    row.confirmed_at === null &&
    row.channel !== 'email' &&
    row.code_expires_at !== null &&
    row.code_expires_at > now
  return {
    id: row.id,
    channel: row.channel,
    address: row.address,
    preference: row.preference,
    confirmed: row.confirmed_at !== null,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    stopped: row.stopped_at !== null,
    codeExpiresAt: pending ? row.code_expires_at!.toISOString() : null,
    triesLeft: pending ? Math.max(0, maxAttempts - row.code_attempts) : null,
    awaitingLink: row.confirmed_at === null && row.channel === 'email' && row.link_token !== null,
  }
}
