import type { LatLon, MatchReason } from '@common/api/geography.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { normalDirection, normalName, normalStreetType } from '@common/domain/address.ts'
import type { StreetParts } from '@common/domain/address-parse.ts'
import { haversineM } from './distance.ts'
import type { Parity, Position } from './geography.table.ts'

/** One address point, as the index keeps it. */
export interface PointRec {
  houseNumber: number
  suffix: string | null
  unit: string | null
  lat: number
  lon: number
  postalCode: string | null
  state: string
  street: Street
}

export interface Range {
  low: number
  high: number
  parity: Parity
}

/** One side of a road segment: its address range and its line. */
export interface SegmentSide {
  from: number
  to: number
  coordinates: Position[]
}

/** One street of one town, with all that the layers say about its house numbers. */
export interface Street {
  townKey: string
  town: string
  parts: StreetParts
  /** Address points by house number and suffix (see `pointKey`). */
  points: Map<string, PointRec[]>
  msag: Range[]
  sides: SegmentSide[]
  /** Segment ends, by "lat,lon" rounded to a few centimetres: where streets meet. */
  ends: Map<string, LatLon>
  postalCode: string | null
  state: string
}

/** A named place (landmark, common name), with its street when the layer gives one. */
export interface Place {
  name: string
  townKey: string
  town: string
  houseNumber: number | null
  parts: StreetParts | null
  lat: number
  lon: number
}

/** Where a house number is on a street: its address point, a road range, or only the MSAG. */
export type Placement =
  | { kind: 'outside' | 'unknown' }
  | {
      kind: 'found'
      point: LatLon | null
      why: MatchReason
      penalty: number
      suffix: string | null
      unit: string | null
    }

export const pointKey = (n: number, suffix: string | null) => `${n}${suffix ?? ''}`
export const endKey = (lat: number, lon: number) => `${lat.toFixed(6)},${lon.toFixed(6)}`

export function streetKey(townKey: string, p: StreetParts): string {
  return `${townKey}|${p.preDirection}|${p.name}|${p.streetType}|${p.postDirection}`
}

/** The street columns of a layer row in normal form. */
export function storedStreet(row: {
  pre_direction: string | null
  street_name: string
  street_type: string | null
  post_direction: string | null
}): StreetParts {
  return {
    preDirection: normalDirection(row.pre_direction),
    name: normalName(row.street_name),
    streetType: normalStreetType(row.street_type),
    postDirection: normalDirection(row.post_direction),
  }
}

function inRange(n: number, range: Range): boolean {
  if (n < range.low || n > range.high) return false
  if (range.parity === 'O') return n % 2 === 1
  if (range.parity === 'E') return n % 2 === 0
  return true
}

/** A point `share` of the way along a line (by length). */
function along(coordinates: Position[], share: number): LatLon {
  const lengths: number[] = []
  let total = 0
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1]!
    const [lon2, lat2] = coordinates[i]!
    const length = haversineM(lat1, lon1, lat2, lon2)
    lengths.push(length)
    total += length
  }
  let left = Math.min(1, Math.max(0, share)) * total
  for (let i = 1; i < coordinates.length; i++) {
    const length = lengths[i - 1]!
    if (left <= length || i === coordinates.length - 1) {
      const t = length === 0 ? 0 : Math.min(1, left / length)
      const [lon1, lat1] = coordinates[i - 1]!
      const [lon2, lat2] = coordinates[i]!
      return { lat: lat1 + (lat2 - lat1) * t, lon: lon1 + (lon2 - lon1) * t }
    }
    left -= length
  }
  const [lon, lat] = coordinates[0]!
  return { lat, lon }
}

/** The MSAG ranges in words: "1-99 odd, 2-98 even and 100-200". */
export function describeRanges(ranges: Range[]): string {
  const words = ranges
    .slice()
    .sort((a, b) => a.low - b.low || a.parity.localeCompare(b.parity))
    .map((r) => `${r.low}-${r.high}${r.parity === 'O' ? ' odd' : r.parity === 'E' ? ' even' : ''}`)
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`
}

/** Where house `n` is on a street: its address point, a road range, or only the MSAG. */
export function placeNumber(
  street: Street,
  n: number,
  suffix: string | null,
  unit: string | null,
): Placement {
  const points = street.points.get(pointKey(n, suffix))
  if (points && points.length > 0) {
    const wanted = unit ? normalName(unit).replace(/^(APT|UNIT|#)\s*/, '') : null
    const point =
      (wanted ? points.find((p) => p.unit && normalName(p.unit) === wanted) : undefined) ??
      points.find((p) => !p.unit) ??
      points[0]!
    return {
      kind: 'found',
      point: { lat: point.lat, lon: point.lon },
      why: 'address_point',
      penalty: 0,
      suffix,
      unit,
    }
  }
  if (street.msag.length > 0 && !street.msag.some((r) => inRange(n, r))) {
    return { kind: 'outside' }
  }
  for (const side of street.sides) {
    const low = Math.min(side.from, side.to)
    const high = Math.max(side.from, side.to)
    if (n < low || n > high || (n - side.from) % 2 !== 0) continue
    const share = side.to === side.from ? 0.5 : (n - side.from) / (side.to - side.from)
    return {
      kind: 'found',
      point: along(side.coordinates, share),
      why: 'range_interpolated',
      penalty: 0.03,
      suffix,
      unit,
    }
  }
  if (street.msag.length > 0) {
    return { kind: 'found', point: null, why: 'msag_range', penalty: 0.05, suffix, unit }
  }
  return { kind: 'unknown' }
}

/** Some point on the street: an address point, else the middle of a segment. */
export function anyPoint(street: Street): LatLon | null {
  for (const points of street.points.values()) {
    const point = points[0]
    if (point) return { lat: point.lat, lon: point.lon }
  }
  const side = street.sides[0]
  return side ? along(side.coordinates, 0.5) : null
}

export function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(/(^|[\s'-])([a-z])/g, (_, lead: string, c: string) => lead + c.toUpperCase())
}

/** Street parts as the street fields of a civic address, in title case. */
export function partsCivic(
  p: StreetParts,
): Pick<CivicAddress, 'preDirection' | 'street' | 'streetType' | 'postDirection'> {
  return {
    ...(p.preDirection ? { preDirection: p.preDirection } : {}),
    street: titleCase(p.name),
    ...(p.streetType ? { streetType: titleCase(p.streetType) } : {}),
    ...(p.postDirection ? { postDirection: p.postDirection } : {}),
  }
}

export function streetCivic(street: Street) {
  return partsCivic(street.parts)
}

/** A street of the data in title case: "N Main St". */
export function streetLine(street: Street): string {
  const p = partsCivic(street.parts)
  return [p.preDirection, p.street, p.streetType, p.postDirection].filter(Boolean).join(' ')
}

/** Street parts as typed, in normal form: "N MAIN ST". */
export function streetWords(p: StreetParts): string {
  return [p.preDirection, p.name, p.streetType, p.postDirection].filter(Boolean).join(' ')
}
