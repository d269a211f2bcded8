import { randomBytes } from 'node:crypto'
import type { AlertChannel, AlertDraftBody } from '@common/api/alerts.ts'
import type { Db } from '../../db/schema.ts'
import type { SubscriberAudience } from '../alert-subscribers/index.ts'

/** Test fixtures: subscribers written straight into the tables, and square towns. */
export async function addSubscriber(
  db: Db,
  options: {
    audience?: SubscriberAudience
    at: [number, number]
    contacts: { channel: AlertChannel; address: string; stopped?: boolean }[]
    categories?: string[]
    language?: string
  },
): Promise<string> {
  const audience = options.audience ?? 'public'
  let accountId: string | null = null
  let listId: string | null = null
  if (audience === 'public') {
    const account = await db
      .insertInto('resident_accounts')
      .values({
        email: `r-${randomBytes(6).toString('hex')}@example.org`,
        display_name: 'Resident',
        password_hash: 'not-used',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    accountId = account.id
  } else {
    const list = await db
      .insertInto('alert_lists')
      .values({ name: `list ${audience}`, kind: audience })
      .returning('id')
      .executeTakeFirstOrThrow()
    listId = list.id
  }
  const subscriber = await db
    .insertInto('alert_subscribers')
    .values({
      audience,
      account_id: accountId,
      list_id: listId,
      language: options.language ?? 'en',
      notice_categories: options.categories ?? [],
      unsubscribe_token: randomBytes(24).toString('base64url'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('alert_subscriber_addresses')
    .values({
      subscriber_id: subscriber.id,
      label: 'somewhere',
      town: 'Worcester',
      lat: options.at[0],
      lon: options.at[1],
    })
    .execute()
  let preference = 1
  for (const contact of options.contacts) {
    await db
      .insertInto('alert_contacts')
      .values({
        subscriber_id: subscriber.id,
        channel: contact.channel,
        address: contact.address,
        preference: preference++,
        confirmed_at: new Date(),
        stopped_at: contact.stopped ? new Date() : null,
      })
      .execute()
  }
  return subscriber.id
}

/** Two square towns side by side: Worcester (south) and Holden (north). */
export async function addSquareTowns(db: Db): Promise<void> {
  const square = (south: number, north: number, west: number, east: number) =>
    JSON.stringify([
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ])
  await db
    .insertInto('jurisdictions')
    .values([
      {
        town: 'Worcester',
        geometry_type: 'Polygon',
        coordinates: square(42.2, 42.3, -71.9, -71.7),
      },
      { town: 'Holden', geometry_type: 'Polygon', coordinates: square(42.3, 42.4, -71.9, -71.7) },
    ])
    .execute()
}

/** A square polygon area around a point, `half` degrees each way. */
export function squareAround(lat: number, lon: number, half: number): [number, number][] {
  return [
    [lat - half, lon - half],
    [lat - half, lon + half],
    [lat + half, lon + half],
    [lat + half, lon - half],
  ]
}

export function draft(overrides: Partial<AlertDraftBody> = {}): AlertDraftBody {
  return {
    templateId: null,
    status: 'Actual',
    noticeCategory: 'emergency',
    capCategory: 'Safety',
    event: 'Boil water order',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    texts: {
      en: {
        headline: 'Boil water order',
        description: 'A water main broke on Main Street.',
        instruction: 'Boil water for one minute before drinking.',
        shortText: 'Boil water before drinking until further notice.',
      },
    },
    areas: [],
    channels: ['sms', 'voice', 'email', 'tty'],
    expiresAt: null,
    ...overrides,
  }
}
