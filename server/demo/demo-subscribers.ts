import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

/**
 * Generated alert subscribers spread over the demo region's address points (GENERATED DEMO
 * DATA, like the region): each with a resident account, one address (a few metres off its
 * point, as flats share a building), a language, opt-ins, and confirmed contacts: a text
 * number for 7 in 10, a voice number for 4 in 10 (over 50 telephone exchanges), an e-mail for
 * half, TTY for 1 in 100. Written in set-based SQL so 200 000 take seconds, not minutes.
 * Deterministic: the same rows for the same `count` and `offset`.
 */
export async function seedDemoSubscribers(
  db: Kysely<Database>,
  count: number,
  offset = 0,
): Promise<number> {
  const from = offset + 1
  const to = offset + count
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into resident_accounts (id, email, display_name, password_hash, is_active)
      select md5('demo-subscriber-account-' || g)::uuid,
             'demo-subscriber-' || g || '@example.org',
             'Demo subscriber ' || g, 'no log-on: generated demo subscriber', false
      from generate_series(${from}::int, ${to}::int) g
    `.execute(trx)
    await sql`
      insert into alert_subscribers
        (id, audience, account_id, language, notice_categories, unsubscribe_token)
      select md5('demo-subscriber-' || g)::uuid, 'public',
             md5('demo-subscriber-account-' || g)::uuid,
             (array['en','en','en','en','es','pt','vi','ar','sq','tw'])[1 + g % 10],
             case when g % 3 = 0 then array['weather','roads'] else array[]::text[] end,
             md5('demo-unsubscribe-' || g) || md5('demo-unsubscribe-2-' || g)
      from generate_series(${from}::int, ${to}::int) g
    `.execute(trx)
    await sql`
      with points as (
        select row_number() over (order by id) as k, id, lat, lon, town,
               house_number || ' ' || street_name || coalesce(' ' || street_type, '') as label
        from address_points
      ), total as (select count(*) as n from address_points)
      insert into alert_subscriber_addresses
        (subscriber_id, label, town, lat, lon, address_point_id)
      select md5('demo-subscriber-' || g)::uuid, p.label, p.town,
             p.lat + ((g % 7) - 3) * 0.00002, p.lon + ((g % 5) - 2) * 0.00002, p.id
      from generate_series(${from}::int, ${to}::int) g
      cross join total
      join points p on p.k = 1 + (g::bigint * 7919) % total.n
    `.execute(trx)
    await sql`
      insert into alert_contacts (subscriber_id, channel, address, preference, confirmed_at)
      select md5('demo-subscriber-' || g)::uuid, c.channel, c.address, c.preference, now()
      from generate_series(${from}::int, ${to}::int) g
      cross join lateral (values
        ('sms', '+1508' || (600 + g % 50) || lpad((g / 50 % 10000)::text, 4, '0'), 1, g % 10 < 7),
        ('voice', '+1508' || (200 + g % 50) || lpad((g / 50 % 10000)::text, 4, '0'), 2, g % 5 < 2),
        ('email', 'demo-subscriber-' || g || '@example.org', 3, g % 2 = 0),
        ('tty', '+1774' || (300 + g % 10) || lpad((g / 10 % 10000)::text, 4, '0'), 4, g % 100 = 0)
      ) as c(channel, address, preference, wanted)
      where c.wanted
    `.execute(trx)
  })
  return count
}
