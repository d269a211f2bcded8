import type { IncidentLocationInput } from '@common/api/incidents.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { addressKey, formatAddress } from '@common/domain/address.ts'

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
  }
}

const YEAR = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric' })

/** Incident numbers run per agency and calendar year as the center lives it (Eastern time). */
export function incidentYear(at: Date): number {
  return Number(YEAR.format(at))
}

export function formatIncidentNumber(agencyCode: string, year: number, value: number): string {
  return `${agencyCode}-${year}-${String(value).padStart(6, '0')}`
}
