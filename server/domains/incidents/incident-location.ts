import type { VerifyResult } from '@common/api/geography.ts'
import type { IncidentLocationInput } from '@common/api/incidents.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { addressKey, formatAddress } from '@common/domain/address.ts'
import { parseAddressLine } from '@common/domain/address-parse.ts'
import type { Discipline } from '@common/domain/incidents.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { addressIndexFor } from '../geography/index.ts'

/** An incident's location as stored: the line people read, the parts, the key, the point. */
export interface ResolvedLocation {
  text: string
  address: CivicAddress | null
  addressKey: string | null
  town: string | null
  lat: number | null
  lon: number | null
  isVerified: boolean
  overrideReason: string | null
  /** The first-due station of the incident's discipline, where a response zone covers it. */
  firstDueStationCode: string | null
}

export function resolveLocation(input: IncidentLocationInput): ResolvedLocation {
  const civic = input.civic ?? null
  const point = input.point ?? null
  return {
    text: civic
      ? formatAddress(civic)
      : (input.text ?? `${point!.lat.toFixed(6)}, ${point!.lon.toFixed(6)}`),
    address: civic,
    addressKey: civic ? addressKey(civic) : null,
    town: civic?.town ?? null,
    lat: point?.lat ?? null,
    lon: point?.lon ?? null,
    isVerified: input.isVerified,
    overrideReason: input.overrideReason ?? null,
    firstDueStationCode: null,
  }
}

/**
 * The location checked against the address layers, when they are loaded: a verified civic
 * address gives the normalised text, the point (unless one was given), the town the point lies
 * in and the first-due station of `discipline`. A typed line with no point is verified as an
 * address too. An address that cannot be verified is refused
 * (400 naming location.overrideReason) unless an override reason is given: then it is saved
 * unverified and lands on the follow-up list. Without address points, the client's word stands.
 */
export async function verifyLocation(
  trx: Trx,
  ctx: Ctx,
  input: IncidentLocationInput,
  discipline: Discipline,
): Promise<ResolvedLocation> {
  const location = resolveLocation(input)
  const index = await addressIndexFor(ctx.db, trx)
  const firstDueAt = (lat: number | null, lon: number | null) =>
    lat !== null && lon !== null ? index.firstDueAt(lat, lon)[discipline] : null
  // A point locates by itself; a civic address, or a typed line with no point, must verify.
  const typedOnly = !input.civic && !input.point && input.text !== undefined
  if (index.addressPointCount === 0 || (!input.civic && !typedOnly)) {
    return { ...location, firstDueStationCode: firstDueAt(location.lat, location.lon) }
  }
  const result = input.civic ? index.verifyCivic(input.civic) : index.verifyLine(input.text!)
  const match = result.status === 'verified' ? result.match : null
  if (match) {
    const point = input.point ?? match.point
    return {
      text: match.text,
      address: match.address,
      addressKey: addressKey(match.address),
      town: match.town,
      lat: point?.lat ?? null,
      lon: point?.lon ?? null,
      isVerified: true,
      overrideReason: null,
      firstDueStationCode: match.point
        ? match.firstDue[discipline]
        : firstDueAt(point?.lat ?? null, point?.lon ?? null),
    }
  }
  if (!input.overrideReason) {
    throw new AppError(
      'invalid_input',
      `location.overrideReason: ${whyUnverified(result)}; pick a verified address or give an override reason`,
      'location.overrideReason',
    )
  }
  return {
    ...location,
    // The town the caller named decides the owning agency even when the address is unknown.
    town: location.town ?? (typedOnly ? parseAddressLine(input.text!).town : null),
    isVerified: false,
    firstDueStationCode: firstDueAt(location.lat, location.lon),
  }
}

function whyUnverified(result: VerifyResult): string {
  if (result.status === 'candidates') {
    const offered = result.candidates.slice(0, 3).map((c) => c.text)
    return `${result.input} is not verified; did you mean ${offered.join(' or ')}?`
  }
  return `${result.input} is not verified: ${result.reason ?? result.status}`
}

const YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric' })

/** Incident numbers run per agency and calendar year as the center lives it (Eastern time). */
export function incidentYear(at: Date): number {
  return Number(YEAR.format(at))
}

export function formatIncidentNumber(agencyCode: string, year: number, value: number): string {
  return `${agencyCode}-${year}-${String(value).padStart(6, '0')}`
}
