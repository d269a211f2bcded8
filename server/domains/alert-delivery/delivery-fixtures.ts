import { randomBytes, randomUUID } from 'node:crypto'
import type { AlertChannel, AlertTexts, CapStatus } from '@common/api/alerts.ts'
import { sql } from 'kysely'
import { buildUser } from '../../test/factories.ts'
import type { TestPlatform } from '../../test/harness.ts'
import type { DeliveryToQueue } from './queue-deliveries.ts'

/** Test rows for deliveries: an alert being sent, and subscribers with confirmed contacts. */

export const ENGLISH_AND_SPANISH: AlertTexts = {
  en: {
    headline: 'Boil water order for Greendale',
    description: 'A water main broke on Main St; tap water may be unsafe.',
    instruction: 'Boil water for one minute before drinking.',
    shortText: 'Boil water order in Greendale until further notice.',
  },
  es: {
    headline: 'Orden de hervir el agua en Greendale',
    description: 'Se rompió una tubería en Main St; el agua puede no ser segura.',
    instruction: 'Hierva el agua un minuto antes de beberla.',
    shortText: 'Hierva el agua en Greendale hasta nuevo aviso.',
  },
}

let alertNumber = 0

export async function buildSendingAlert(
  t: TestPlatform,
  overrides: { status?: CapStatus; noticeCategory?: string; texts?: AlertTexts } = {},
): Promise<{ id: string; identifier: string }> {
  const user = await buildUser(t, { roles: ['alert_operator'] })
  alertNumber += 1
  return t.db
    .insertInto('alerts')
    .values({
      identifier: `ALERT-T-${randomBytes(3).toString('hex')}-${alertNumber}`,
      status: overrides.status ?? 'Actual',
      msg_type: 'Alert',
      notice_category: overrides.noticeCategory ?? 'emergency',
      cap_category: 'Safety',
      event: 'Boil water order',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      texts: JSON.stringify(overrides.texts ?? ENGLISH_AND_SPANISH),
      areas: '[]',
      channels: ['sms', 'voice', 'email', 'tty'],
      state: 'sending',
      created_by: user.id,
      sent_at: new Date(),
    })
    .returning(['id', 'identifier'])
    .executeTakeFirstOrThrow()
}

/**
 * One subscriber (of an imported list) per contact given, each confirmed; returns them as the
 * alerts domain hands them to `queueAlertDeliveries`. Written with arrays, so thousands are quick.
 */
export async function buildContacts(
  t: TestPlatform,
  contacts: readonly { channel: AlertChannel; address: string; language?: string }[],
): Promise<DeliveryToQueue[]> {
  const list = await t.db
    .insertInto('alert_lists')
    .values({ name: `list-${randomBytes(4).toString('hex')}`, kind: 'emergency_only' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const languages = contacts.map((contact) => contact.language ?? 'en')
  const subscriberIds = contacts.map(() => randomUUID())
  const contactIds = contacts.map(() => randomUUID())
  await sql`
    insert into alert_subscribers (id, audience, list_id, language, unsubscribe_token)
    select t.id, 'emergency_only', ${list.id}::uuid, t.language, md5(t.id::text || random()::text)
    from unnest(${subscriberIds}::uuid[], ${languages}::text[]) as t(id, language)
  `.execute(t.db)
  await sql`
    insert into alert_contacts (id, subscriber_id, channel, address, preference, confirmed_at)
    select t.id, t.s, t.ch, t.a, 1, now()
    from unnest(
      ${contactIds}::uuid[],
      ${subscriberIds}::uuid[],
      ${contacts.map((c) => c.channel)}::text[],
      ${contacts.map((c) => c.address)}::text[]
    ) as t(id, s, ch, a)
  `.execute(t.db)
  return contacts.map((contact, index) => ({
    subscriberId: subscriberIds[index]!,
    contactId: contactIds[index]!,
    channel: contact.channel,
    address: contact.address,
    language: languages[index]!,
  }))
}

/** A North American number in exchange `npaNxx` ("508-555"), line `line`. */
export function phone(npaNxx: string, line: number): string {
  return `+1${npaNxx.replace('-', '')}${String(line).padStart(4, '0')}`
}

/**
 * `count` subscribers with one confirmed contact each, the channels in turn (text, call, e-mail,
 * TTY), phones spread over 97 exchanges: written by the database itself, for blasts.
 */
export async function buildManyContacts(
  t: TestPlatform,
  count: number,
): Promise<DeliveryToQueue[]> {
  const list = await t.db
    .insertInto('alert_lists')
    .values({ name: `blast-${randomBytes(4).toString('hex')}`, kind: 'emergency_only' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`
    insert into alert_subscribers (audience, list_id, unsubscribe_token)
    select 'emergency_only', ${list.id}::uuid, md5(${list.id}::text || g::text)
    from generate_series(1, ${count}::int) as g
  `.execute(t.db)
  const { rows } = await sql<{ c: string; s: string; ch: AlertChannel; a: string }>`
    insert into alert_contacts (subscriber_id, channel, address, preference, confirmed_at)
    select s.id, ch, case when ch = 'email' then 'r' || n || '@example.org'
                          else '+1508' || (500 + n % 97)::text || lpad((n % 10000)::text, 4, '0') end,
           1, now()
    from (select id, row_number() over () as n from alert_subscribers where list_id = ${list.id}) s,
         lateral (select (array['sms', 'voice', 'email', 'tty'])[1 + s.n % 4] as ch) c
    returning id as c, subscriber_id as s, channel as ch, address as a
  `.execute(t.db)
  return rows.map((row) => ({
    subscriberId: row.s,
    contactId: row.c,
    channel: row.ch,
    address: row.a,
    language: 'en',
  }))
}
