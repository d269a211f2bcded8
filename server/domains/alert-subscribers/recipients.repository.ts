import type { AlertChannel } from '@common/api/alerts.ts'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type { SubscriberAudience } from './alert-subscribers.table.ts'

/** Which subscribers an alert may reach at all, before its area is applied. */
export interface AudienceFilter {
  audiences: SubscriberAudience[]
  /** A general notice reaches only those who opted in to its category; null: emergency. */
  optInCategory: string | null
}

export interface ReachableContact {
  contactId: string
  subscriberId: string
  channel: AlertChannel
  address: string
  language: string
}

/** A subscriber's address in the box, with one of its reachable contacts (or none). */
export interface PlaceContact {
  addressId: string
  lat: number
  lon: number
  subscriberId: string
  contact: ReachableContact | null
}

/**
 * Active subscribers' addresses inside a bounding box, each with every reachable contact (see
 * `reachableContacts`) on these channels: one row per address and contact, or one with no
 * contact. One query for the whole selection; the area test is done by the caller.
 */
export async function placesWithContactsInBox(
  db: Db,
  box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
  filter: AudienceFilter,
  channels: readonly AlertChannel[],
): Promise<PlaceContact[]> {
  const { rows } = await sql<{
    p: string
    lat: number
    lon: number
    s: string
    c: string | null
    ch: AlertChannel | null
    a: string | null
    l: string
  }>`
    select a.id as p, a.lat, a.lon, a.subscriber_id as s, c.id as c, c.channel as ch,
           c.address as a, s.language as l
    from alert_subscriber_addresses a
    join alert_subscribers s on s.id = a.subscriber_id
    left join alert_contacts c on c.subscriber_id = a.subscriber_id
      and c.removed_at is null and c.confirmed_at is not null
      and c.channel = any(${channels}::text[])
      and (c.channel <> 'sms' or c.stopped_at is null)
    where a.removed_at is null
      and a.lat between ${box.minLat} and ${box.maxLat}
      and a.lon between ${box.minLon} and ${box.maxLon}
      and s.status = 'active'
      and s.audience = any(${filter.audiences}::text[])
      and (${filter.optInCategory}::text is null or ${filter.optInCategory}::text = any(s.notice_categories))
  `.execute(db)
  return rows.map((r) => ({
    addressId: r.p,
    lat: r.lat,
    lon: r.lon,
    subscriberId: r.s,
    contact:
      r.c === null
        ? null
        : { contactId: r.c, subscriberId: r.s, channel: r.ch!, address: r.a!, language: r.l },
  }))
}

/**
 * The confirmed contacts of these subscribers on these channels, in their order of preference;
 * a text contact that answered STOP is left out.
 */
export async function reachableContacts(
  db: Db,
  subscriberIds: readonly string[],
  channels: readonly AlertChannel[],
): Promise<ReachableContact[]> {
  if (subscriberIds.length === 0) return []
  const { rows } = await sql<{ c: string; s: string; ch: AlertChannel; a: string; l: string }>`
    select c.id as c, c.subscriber_id as s, c.channel as ch, c.address as a, s.language as l
    from alert_contacts c
    join alert_subscribers s on s.id = c.subscriber_id
    where c.subscriber_id = any(${subscriberIds}::uuid[])
      and c.removed_at is null and c.confirmed_at is not null
      and c.channel = any(${channels}::text[])
      and (c.channel <> 'sms' or c.stopped_at is null)
    order by c.subscriber_id, c.preference
  `.execute(db)
  return rows.map((r) => ({
    contactId: r.c,
    subscriberId: r.s,
    channel: r.ch,
    address: r.a,
    language: r.l,
  }))
}

/** Subscribers an earlier alert was delivered to, still subscribed: an Update or Cancel reaches them. */
export async function subscribersOfAlert(db: Db, alertIds: readonly string[]): Promise<string[]> {
  if (alertIds.length === 0) return []
  const { rows } = await sql<{ s: string }>`
    select distinct d.subscriber_id as s
    from alert_deliveries d
    join alert_subscribers s on s.id = d.subscriber_id
    where d.alert_id = any(${alertIds}::uuid[]) and s.status = 'active'
  `.execute(db)
  return rows.map((row) => row.s)
}
