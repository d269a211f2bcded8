import type { ChannelCounts } from '@common/api/alerts.ts'
import type { Db } from '../../db/schema.ts'
import {
  placesWithContactsInBox,
  reachableContacts,
  subscribersOfAlert,
  type AudienceFilter,
  type ReachableContact,
} from '../alert-subscribers/index.ts'
import { exchangeOf } from '../alert-delivery/index.ts'
import { areaMatcher, type TownBoundaries } from './alert-areas.ts'
import type { AlertRow } from './alerts.table.ts'

/** Who an alert reaches, found from the subscribers as they are now. */
export interface Selection {
  /** Subscribers reached (each once, however many contacts and addresses). */
  subscribers: number
  /** Subscribers' places inside the area, for the map. */
  places: [number, number][]
  contacts: ReachableContact[]
  byChannel: ChannelCounts
  /** Voice and TTY calls per telephone exchange: the throttle the estimate must respect. */
  byExchange: Record<'voice' | 'tty', Map<string, number>>
  selectionMs: number
}

/**
 * Test and Exercise alerts reach the test list and nobody else; an emergency reaches every
 * public subscriber and the imported emergency-only lists; a general notice reaches only the
 * public subscribers who opted in to its category.
 */
export function audienceOf(alert: Pick<AlertRow, 'status' | 'notice_category'>): AudienceFilter {
  if (alert.status !== 'Actual') return { audiences: ['test'], optInCategory: null }
  if (alert.notice_category === 'emergency') {
    return { audiences: ['public', 'emergency_only'], optInCategory: null }
  }
  return { audiences: ['public'], optInCategory: alert.notice_category }
}

/**
 * The area's subscribers (none for a Cancel, which goes only to those who had the original),
 * plus for an Update or Cancel everyone the alerts it references reached.
 */
export async function selectRecipients(
  db: Db,
  alert: AlertRow,
  towns: TownBoundaries,
  referenced: readonly AlertRow[],
): Promise<Selection> {
  const started = performance.now()
  const inside = new Set<string>()
  const placeIds = new Set<string>()
  const places: [number, number][] = []
  const contacts: ReachableContact[] = []
  const matcher = alert.msg_type === 'Cancel' ? null : areaMatcher(alert.areas, towns)
  if (matcher) {
    const rows = await placesWithContactsInBox(db, matcher.box, audienceOf(alert), alert.channels)
    const contactIds = new Set<string>()
    for (const row of rows) {
      if (!matcher.contains(row.lat, row.lon)) continue
      inside.add(row.subscriberId)
      if (!placeIds.has(row.addressId)) {
        placeIds.add(row.addressId)
        places.push([row.lat, row.lon])
      }
      // A subscriber with two addresses inside is reached once per contact.
      if (row.contact && !contactIds.has(row.contact.contactId)) {
        contactIds.add(row.contact.contactId)
        contacts.push(row.contact)
      }
    }
  }
  const earlier = (
    await subscribersOfAlert(
      db,
      referenced.map((r) => r.id),
    )
  ).filter((id) => !inside.has(id))
  contacts.push(...(await reachableContacts(db, earlier, alert.channels)))
  const byChannel: ChannelCounts = { sms: 0, voice: 0, email: 0, tty: 0 }
  const byExchange = { voice: new Map<string, number>(), tty: new Map<string, number>() }
  const reached = new Set<string>()
  for (const contact of contacts) {
    byChannel[contact.channel] += 1
    reached.add(contact.subscriberId)
    if (contact.channel === 'voice' || contact.channel === 'tty') {
      const exchange = exchangeOf(contact.address)
      if (exchange) {
        const counts = byExchange[contact.channel]
        counts.set(exchange, (counts.get(exchange) ?? 0) + 1)
      }
    }
  }
  return {
    subscribers: reached.size,
    places,
    contacts,
    byChannel,
    byExchange,
    selectionMs: performance.now() - started,
  }
}

/** At most `limit` points, evenly thinned, so the map stays quick whatever the count. */
export function thinPoints(points: [number, number][], limit: number): [number, number][] {
  if (points.length <= limit) return points
  const step = points.length / limit
  return Array.from({ length: limit }, (_, i) => points[Math.floor(i * step)]!)
}
