import type {
  AddressCandidate,
  LatLon,
  MatchReason,
  ReverseResult,
  VerifyResult,
} from '@common/api/geography.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import {
  formatAddress,
  normalDirection,
  normalName,
  normalStreetType,
} from '@common/domain/address.ts'
import {
  parseAddressLine,
  parseStreet,
  type ParsedAddress,
  type StreetParts,
} from '@common/domain/address-parse.ts'
import { FuzzyNames } from './address-match.ts'
import type {
  AddressPointRow,
  MsagRangeRow,
  Parity,
  PlaceNameRow,
  Position,
  RoadSegmentRow,
} from './geography.table.ts'
import {
  JurisdictionIndex,
  type FirstDue,
  type JurisdictionInput,
  type ResponseZoneInput,
} from './jurisdiction-index.ts'

type StreetFields = 'pre_direction' | 'street_name' | 'street_type' | 'post_direction'
export type AddressPointInput = Pick<
  AddressPointRow,
  | StreetFields
  | 'house_number'
  | 'house_number_suffix'
  | 'unit'
  | 'town'
  | 'postal_code'
  | 'lat'
  | 'lon'
> & { state?: string }
export type RoadSegmentInput = Pick<
  RoadSegmentRow,
  StreetFields | 'from_left' | 'to_left' | 'from_right' | 'to_right' | 'town_left' | 'town_right'
> & { coordinates: Position[] }
export type MsagRangeInput = Pick<MsagRangeRow, StreetFields | 'town' | 'low' | 'high' | 'parity'>
export type PlaceNameInput = Omit<PlaceNameRow, 'id'>

/** The address layers as plain rows: what the index is built from (tables, files or a bench). */
export interface AddressIndexRows {
  addressPoints: AddressPointInput[]
  roadSegments: RoadSegmentInput[]
  msagRanges: MsagRangeInput[]
  placeNames: PlaceNameInput[]
  jurisdictions: JurisdictionInput[]
  responseZones: ResponseZoneInput[]
}

interface PointRec {
  houseNumber: number
  suffix: string | null
  unit: string | null
  lat: number
  lon: number
  postalCode: string | null
  state: string
  street: Street
}

interface Range {
  low: number
  high: number
  parity: Parity
}

interface SegmentSide {
  from: number
  to: number
  coordinates: Position[]
}

interface Street {
  townKey: string
  town: string
  parts: StreetParts
  points: Map<string, PointRec[]>
  msag: Range[]
  sides: SegmentSide[]
  /** Segment ends, by "lat,lon" rounded to a few centimetres: where streets meet. */
  ends: Map<string, LatLon>
  postalCode: string | null
  state: string
}

interface Place {
  name: string
  townKey: string
  town: string
  houseNumber: number | null
  parts: StreetParts | null
  lat: number
  lon: number
}

/** One street a typed street could be, with how far it is from what was typed. */
interface StreetMatch {
  street: Street
  score: number
  distance: number
  /** Only a missing type or direction was filled in. */
  exact: boolean
  why: MatchReason[]
  notes: string[]
}

const MAX_CANDIDATES = 10
const CELL_DEG = 0.0025
const M_PER_DEG_LAT = 110_574
const DEFAULT_RADIUS_M = 250

const pointKey = (n: number, suffix: string | null) => `${n}${suffix ?? ''}`
const endKey = (lat: number, lon: number) => `${lat.toFixed(6)},${lon.toFixed(6)}`
const cellKey = (y: number, x: number) => y * 1_000_003 + x

function streetKey(townKey: string, p: StreetParts): string {
  return `${townKey}|${p.preDirection}|${p.name}|${p.streetType}|${p.postDirection}`
}

function storedStreet(row: {
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

/** Metres between two points, flat-earth: exact enough within a county. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dy = (a.lat - b.lat) * M_PER_DEG_LAT
  const dx = (a.lon - b.lon) * M_PER_DEG_LAT * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180))
  return Math.sqrt(dx * dx + dy * dy)
}

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(/(^|[\s'-])([a-z])/g, (_, lead: string, c: string) => lead + c.toUpperCase())
}

/** A point `share` of the way along a line (by length). */
function along(coordinates: Position[], share: number): LatLon {
  const lengths: number[] = []
  let total = 0
  for (let i = 1; i < coordinates.length; i++) {
    const [lon1, lat1] = coordinates[i - 1]!
    const [lon2, lat2] = coordinates[i]!
    const length = distanceM({ lat: lat1, lon: lon1 }, { lat: lat2, lon: lon2 })
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

function describeRanges(ranges: Range[]): string {
  const words = ranges
    .slice()
    .sort((a, b) => a.low - b.low || a.parity.localeCompare(b.parity))
    .map((r) => `${r.low}-${r.high}${r.parity === 'O' ? ' odd' : r.parity === 'E' ? ' even' : ''}`)
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`
}

/**
 * Every address layer in memory, built once per version of the layers: streets by town and by
 * name (trigram-indexed), house numbers per street, MSAG ranges and road ranges per street,
 * place names, a grid of address points for reverse geocoding, and the town and zone polygons.
 */
export class AddressIndex {
  readonly addressPointCount: number
  private readonly streets = new Map<string, Street>()
  private readonly streetNames = new FuzzyNames()
  private readonly streetsByName: Street[][] = []
  private readonly placeNames = new FuzzyNames()
  private readonly placesByName: Place[][] = []
  private readonly towns = new Map<string, string>()
  private readonly townNames = new FuzzyNames()
  private readonly grid = new Map<number, PointRec[]>()
  readonly areas: JurisdictionIndex

  constructor(rows: AddressIndexRows) {
    this.addressPointCount = rows.addressPoints.length
    this.areas = new JurisdictionIndex(rows.jurisdictions, rows.responseZones)
    for (const j of rows.jurisdictions) this.town(j.town)
    for (const row of rows.addressPoints) {
      const street = this.street(row.town, storedStreet(row))
      const point: PointRec = {
        houseNumber: row.house_number,
        suffix: row.house_number_suffix ? normalName(row.house_number_suffix) : null,
        unit: row.unit ?? null,
        lat: row.lat,
        lon: row.lon,
        postalCode: row.postal_code ?? null,
        state: row.state ?? 'MA',
        street,
      }
      street.postalCode ??= point.postalCode
      street.state = point.state
      const key = pointKey(point.houseNumber, point.suffix)
      const list = street.points.get(key)
      if (list) list.push(point)
      else street.points.set(key, [point])
      const cell = cellKey(Math.floor(row.lat / CELL_DEG), Math.floor(row.lon / CELL_DEG))
      const inCell = this.grid.get(cell)
      if (inCell) inCell.push(point)
      else this.grid.set(cell, [point])
    }
    for (const row of rows.msagRanges) {
      this.street(row.town, storedStreet(row)).msag.push({
        low: row.low,
        high: row.high,
        parity: row.parity,
      })
    }
    for (const row of rows.roadSegments) this.addSegment(row)
    for (const row of rows.placeNames) {
      const townKey = this.town(row.town)
      const place: Place = {
        name: row.name,
        townKey,
        town: row.town,
        houseNumber: row.house_number,
        parts: row.street_name ? storedStreet({ ...row, street_name: row.street_name }) : null,
        lat: row.lat,
        lon: row.lon,
      }
      const id = this.placeNames.add(normalName(row.name))
      ;(this.placesByName[id] ??= []).push(place)
    }
  }

  private town(written: string): string {
    const key = normalName(written)
    if (!this.towns.has(key)) {
      this.towns.set(key, written.trim())
      this.townNames.add(key)
    }
    return key
  }

  private street(town: string, parts: StreetParts): Street {
    const townKey = this.town(town)
    const key = streetKey(townKey, parts)
    let street = this.streets.get(key)
    if (!street) {
      street = {
        townKey,
        town: this.towns.get(townKey)!,
        parts,
        points: new Map(),
        msag: [],
        sides: [],
        ends: new Map(),
        postalCode: null,
        state: 'MA',
      }
      this.streets.set(key, street)
      const id = this.streetNames.add(parts.name)
      ;(this.streetsByName[id] ??= []).push(street)
    }
    return street
  }

  private addSegment(row: RoadSegmentInput): void {
    const parts = storedStreet(row)
    const coordinates = row.coordinates
    if (coordinates.length < 2) return
    const sides = [
      { town: row.town_left, from: row.from_left, to: row.to_left },
      { town: row.town_right, from: row.from_right, to: row.to_right },
    ]
    const towns = new Set(sides.map((s) => s.town).filter((t): t is string => Boolean(t)))
    for (const town of towns) {
      const street = this.street(town, parts)
      for (const side of sides) {
        if (side.town === town && side.from !== null && side.to !== null) {
          street.sides.push({ from: side.from, to: side.to, coordinates })
        }
      }
      for (const [lon, lat] of [coordinates[0]!, coordinates[coordinates.length - 1]!]) {
        street.ends.set(endKey(lat, lon), { lat, lon })
      }
    }
  }

  /** Towns as written in the data. */
  townList(): string[] {
    return [...this.towns.values()]
  }

  /** The town whose boundary holds the point, else null. */
  townAt(lat: number, lon: number): string | null {
    return this.areas.townAt(lat, lon)
  }

  firstDueAt(lat: number, lon: number): FirstDue {
    return this.areas.firstDueAt(lat, lon)
  }

  /** Verifies a typed one-line address; `town` narrows it when the line names none. */
  verifyLine(line: string, town?: string): VerifyResult {
    const parsed = parseAddressLine(line, this.townList())
    if (town && !parsed.town) parsed.town = town
    return this.verify(parsed)
  }

  /** Verifies an address given in parts. */
  verifyCivic(civic: CivicAddress): VerifyResult {
    return this.verify(civicToParsed(civic))
  }

  verify(parsed: ParsedAddress): VerifyResult {
    const input = describeParsed(parsed)
    const scope = this.scope(parsed.town)
    if (parsed.kind === 'intersection') return this.verifyIntersection(parsed, scope, input)
    if (parsed.kind === 'name') return this.verifyName(parsed, scope, input)
    return this.verifyAddress(parsed, scope, input)
  }

  /** The towns to search: the typed one, a near spelling of it, or all of them. */
  private scope(typed: string | null): {
    towns: Set<string> | null
    why: MatchReason | null
    note: string
  } {
    if (!typed) return { towns: null, why: 'town_inferred', note: 'no town typed' }
    const key = normalName(typed)
    if (this.towns.has(key)) return { towns: new Set([key]), why: null, note: '' }
    const hits = this.townNames.search(key)
    if (hits.length > 0) {
      const best = hits.filter((h) => h.distance === hits[0]!.distance)
      return {
        towns: new Set(best.map((h) => h.name)),
        why: 'town_corrected',
        note: `town ${key} corrected to ${best.map((h) => h.name).join(' or ')}`,
      }
    }
    return { towns: null, why: 'town_corrected', note: `no town ${typed} in the address data` }
  }

  /** The streets a typed street may be, best first, within the towns in scope. */
  private matchStreets(typed: StreetParts, towns: Set<string> | null): StreetMatch[] {
    const matches: StreetMatch[] = []
    const queries: { name: string; parts: StreetParts }[] = [{ name: typed.name, parts: typed }]
    // "North Pond Rd" may be the street NORTH POND as well as POND with a direction.
    if (typed.preDirection) {
      const whole = `${expandDirection(typed.preDirection)} ${typed.name}`
      queries.push({ name: whole, parts: { ...typed, preDirection: '', name: whole } })
    }
    const seen = new Set<Street>()
    for (const query of queries) {
      for (const hit of this.streetNames.search(query.name)) {
        for (const street of this.streetsByName[hit.id] ?? []) {
          if (seen.has(street) || (towns && !towns.has(street.townKey))) continue
          seen.add(street)
          matches.push(scoreStreet(query.parts, street, hit.distance))
        }
      }
    }
    return matches.sort((a, b) => b.score - a.score)
  }

  private verifyAddress(
    parsed: ParsedAddress,
    scope: ReturnType<AddressIndex['scope']>,
    input: string,
  ): VerifyResult {
    const n = parsed.houseNumber!
    const candidates: AddressCandidate[] = []
    const exactOutside: Street[] = []
    const exactUnknown: Street[] = []
    for (const match of this.matchStreets(parsed.street!, scope.towns)) {
      const placed = this.placeNumber(match.street, n, parsed.houseNumberSuffix, parsed.unit)
      if (placed.kind !== 'found') {
        if (match.exact) {
          ;(placed.kind === 'outside' ? exactOutside : exactUnknown).push(match.street)
        }
        continue
      }
      const why = [...match.why, placed.why]
      const notes = [...match.notes]
      if (scope.why) why.push(scope.why)
      if (scope.note) notes.push(scope.note)
      const score = match.score - placed.penalty - (scope.why === 'town_corrected' ? 0.1 : 0)
      candidates.push(
        this.candidate(
          {
            houseNumber: String(n),
            ...(placed.suffix ? { houseNumberSuffix: placed.suffix } : {}),
            ...streetCivic(match.street),
            ...(placed.unit ? { unit: placed.unit } : {}),
          },
          placed.point,
          match.street.town,
          score,
          why,
          notes.join('; ') || 'as typed',
          match.exact && scope.why !== 'town_corrected',
        ),
      )
    }
    const ranked = rank(candidates)
    const verified = uniqueExact(ranked)
    if (verified) {
      return { status: 'verified', input, reason: null, match: verified, candidates: ranked }
    }
    if (exactOutside.length > 0 && !ranked.some((c) => exact.has(c))) {
      const street = exactOutside[0]!
      return {
        status: 'invalid',
        input,
        reason: `${streetLine(street)}, ${street.town} runs ${describeRanges(street.msag)} in the MSAG; ${n} is outside`,
        match: null,
        candidates: ranked,
      }
    }
    if (ranked.length > 0) {
      return { status: 'candidates', input, reason: null, match: null, candidates: ranked }
    }
    const reason =
      exactUnknown.length > 0
        ? `no house ${n} on ${streetLine(exactUnknown[0]!)}, ${exactUnknown[0]!.town} in the address data`
        : `no street like ${streetWords(parsed.street!)}${scope.towns ? ` in ${[...scope.towns].map((t) => this.towns.get(t)).join(' or ')}` : ''}`
    return { status: 'not_found', input, reason, match: null, candidates: [] }
  }

  /** Where house `n` is on a street: its address point, a road range, or only the MSAG. */
  private placeNumber(
    street: Street,
    n: number,
    suffix: string | null,
    unit: string | null,
  ):
    | { kind: 'outside' | 'unknown' }
    | {
        kind: 'found'
        point: LatLon | null
        why: MatchReason
        penalty: number
        suffix: string | null
        unit: string | null
      } {
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

  private verifyName(
    parsed: ParsedAddress,
    scope: ReturnType<AddressIndex['scope']>,
    input: string,
  ): VerifyResult {
    const candidates: AddressCandidate[] = []
    for (const hit of this.placeNames.search(parsed.name)) {
      for (const place of this.placesByName[hit.id] ?? []) {
        if (scope.towns && !scope.towns.has(place.townKey)) continue
        const why: MatchReason[] = ['alias']
        const notes = [`the place ${place.name}`]
        let score = 1 - 0.1 * hit.distance
        if (hit.distance > 0) {
          why.push('typo_corrected')
          notes.push(
            `${parsed.name} corrected to ${hit.name} (${hit.distance} edit${hit.distance > 1 ? 's' : ''})`,
          )
        }
        if (scope.why) {
          why.push(scope.why)
          if (scope.note) notes.push(scope.note)
          if (scope.why === 'town_corrected') score -= 0.1
        }
        candidates.push(
          this.candidate(
            {
              ...(place.houseNumber !== null ? { houseNumber: String(place.houseNumber) } : {}),
              ...(place.parts ? partsCivic(place.parts) : { street: titleCase(place.name) }),
              ...(parsed.unit ? { unit: parsed.unit } : {}),
              landmark: place.name,
            },
            { lat: place.lat, lon: place.lon },
            place.town,
            score,
            why,
            notes.join('; '),
            hit.distance === 0 && scope.why !== 'town_corrected',
          ),
        )
      }
    }
    // A street without a house number: offered, never verified.
    for (const match of this.matchStreets(parsed.street!, scope.towns).slice(0, MAX_CANDIDATES)) {
      const point = anyPoint(match.street)
      candidates.push(
        this.candidate(
          streetCivic(match.street),
          point,
          match.street.town,
          match.score - 0.3,
          match.why,
          [...match.notes, 'no house number'].join('; '),
          false,
        ),
      )
    }
    const ranked = rank(candidates)
    const verified = uniqueExact(ranked)
    if (verified) {
      return { status: 'verified', input, reason: null, match: verified, candidates: ranked }
    }
    if (ranked.length > 0) {
      return { status: 'candidates', input, reason: null, match: null, candidates: ranked }
    }
    return {
      status: 'not_found',
      input,
      reason: `no place or street like ${parsed.name}`,
      match: null,
      candidates: [],
    }
  }

  private verifyIntersection(
    parsed: ParsedAddress,
    scope: ReturnType<AddressIndex['scope']>,
    input: string,
  ): VerifyResult {
    const first = this.matchStreets(parsed.street!, scope.towns).slice(0, 8)
    const second = this.matchStreets(parsed.crossStreet!, scope.towns).slice(0, 8)
    const candidates: AddressCandidate[] = []
    for (const a of first) {
      for (const b of second) {
        if (a.street.townKey !== b.street.townKey || a.street === b.street) continue
        const [small, large] =
          a.street.ends.size <= b.street.ends.size ? [a.street, b.street] : [b.street, a.street]
        let meet: LatLon | null = null
        for (const [key, point] of small.ends) {
          if (large.ends.has(key)) {
            meet = point
            break
          }
        }
        if (!meet) continue
        const why = new Set<MatchReason>(['intersection', ...a.why, ...b.why])
        if (scope.why) why.add(scope.why)
        const notes = [...a.notes, ...b.notes, ...(scope.note ? [scope.note] : [])]
        candidates.push(
          this.candidate(
            { street: `${streetLine(a.street)} & ${streetLine(b.street)}` },
            meet,
            a.street.town,
            (a.score + b.score) / 2 - (scope.why === 'town_corrected' ? 0.1 : 0),
            [...why],
            notes.join('; ') || 'the streets meet here',
            a.exact && b.exact && scope.why !== 'town_corrected',
          ),
        )
      }
    }
    const ranked = rank(candidates)
    const verified = uniqueExact(ranked)
    if (verified) {
      return { status: 'verified', input, reason: null, match: verified, candidates: ranked }
    }
    if (ranked.length > 0) {
      return { status: 'candidates', input, reason: null, match: null, candidates: ranked }
    }
    return {
      status: 'not_found',
      input,
      reason: `${streetWords(parsed.street!)} and ${streetWords(parsed.crossStreet!)} do not meet in the road data`,
      match: null,
      candidates: [],
    }
  }

  private candidate(
    parts: Omit<CivicAddress, 'town' | 'state'>,
    point: LatLon | null,
    dataTown: string,
    score: number,
    why: MatchReason[],
    detail: string,
    isExact: boolean,
  ): AddressCandidate {
    const address: CivicAddress = { ...parts, town: dataTown, state: 'MA' }
    const candidate: AddressCandidate = {
      text: formatAddress(address),
      address,
      point,
      town: (point && this.areas.townAt(point.lat, point.lon)) ?? dataTown,
      firstDue: point ? this.areas.firstDueAt(point.lat, point.lon) : NO_FIRST_DUE,
      score: Math.max(0, Math.round(score * 1000) / 1000),
      why: [...new Set(why)],
      detail,
    }
    if (isExact) exact.add(candidate)
    return candidate
  }

  /** The nearest address point within `radiusM` of a point, its town and first-due stations. */
  reverse(lat: number, lon: number, radiusM = DEFAULT_RADIUS_M): ReverseResult {
    const here = { lat, lon }
    const cellY = Math.floor(lat / CELL_DEG)
    const cellX = Math.floor(lon / CELL_DEG)
    const reachY = Math.ceil(radiusM / (CELL_DEG * M_PER_DEG_LAT)) + 1
    const reachX =
      Math.ceil(radiusM / (CELL_DEG * M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))) + 1
    let nearest: PointRec | null = null
    let nearestM = radiusM
    for (let y = cellY - reachY; y <= cellY + reachY; y++) {
      for (let x = cellX - reachX; x <= cellX + reachX; x++) {
        for (const point of this.grid.get(cellKey(y, x)) ?? []) {
          const metres = distanceM(here, point)
          // At one spot, the building's point comes before its units'.
          if (
            metres < nearestM ||
            (metres === nearestM && (!nearest || (nearest.unit && !point.unit)))
          ) {
            nearest = point
            nearestM = metres
          }
        }
      }
    }
    const town = this.areas.townAt(lat, lon) ?? nearest?.street.town ?? null
    const result: ReverseResult = {
      point: here,
      town,
      firstDue: this.areas.firstDueAt(lat, lon),
      nearest: null,
    }
    if (nearest) {
      const address: CivicAddress = {
        houseNumber: String(nearest.houseNumber),
        ...(nearest.suffix ? { houseNumberSuffix: nearest.suffix } : {}),
        ...streetCivic(nearest.street),
        ...(nearest.unit ? { unit: nearest.unit } : {}),
        town: nearest.street.town,
        state: nearest.state,
        ...(nearest.postalCode ? { postalCode: nearest.postalCode } : {}),
      }
      result.nearest = {
        text: formatAddress(address),
        address,
        point: { lat: nearest.lat, lon: nearest.lon },
        distanceM: Math.round(nearestM * 10) / 10,
      }
    }
    return result
  }
}

const NO_FIRST_DUE: FirstDue = { fire: null, police: null, ems: null }
/** Candidates that matched exactly (only a missing type or direction filled in). */
const exact = new WeakSet<AddressCandidate>()

function rank(candidates: AddressCandidate[]): AddressCandidate[] {
  const seen = new Set<string>()
  return candidates
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(exact.has(b)) - Number(exact.has(a)) ||
        a.text.localeCompare(b.text),
    )
    .filter((c) => {
      if (seen.has(c.text)) return false
      seen.add(c.text)
      return true
    })
    .slice(0, MAX_CANDIDATES)
}

/**
 * The one exact candidate: exact as typed beats one whose type, direction or town was filled in
 * ("Main St" is MAIN ST, not N MAIN ST); two equally exact ones are a choice for the dispatcher.
 */
function uniqueExact(ranked: AddressCandidate[]): AddressCandidate | null {
  const exacts = ranked.filter((c) => exact.has(c))
  const asTyped = exacts.filter(
    (c) => !c.why.includes('completed') && !c.why.includes('town_inferred'),
  )
  if (asTyped.length === 1) return asTyped[0]!
  return asTyped.length === 0 && exacts.length === 1 ? exacts[0]! : null
}

function scoreStreet(typed: StreetParts, street: Street, distance: number): StreetMatch {
  const why: MatchReason[] = []
  const notes: string[] = []
  const longest = Math.max(typed.name.length, street.parts.name.length, 1)
  let score = 1 - (0.5 * distance) / longest - 0.05 * distance
  let exact = distance === 0
  if (distance > 0) {
    why.push('typo_corrected')
    notes.push(
      `street ${typed.name} corrected to ${street.parts.name} (${distance} edit${distance > 1 ? 's' : ''})`,
    )
  } else {
    why.push('exact')
  }
  const compare = (label: string, typedPart: string, dataPart: string) => {
    if (typedPart === dataPart) return
    if (!typedPart) {
      score -= 0.02
      if (!why.includes('completed')) why.push('completed')
      notes.push(`${label} ${dataPart} added`)
      return
    }
    exact = false
    score -= dataPart ? 0.15 : 0.05
    notes.push(
      dataPart
        ? `${label} ${typedPart} is ${dataPart} in the data`
        : `no ${label} ${typedPart} in the data`,
    )
  }
  compare('type', typed.streetType, street.parts.streetType)
  compare('direction', typed.preDirection, street.parts.preDirection)
  compare('post-direction', typed.postDirection, street.parts.postDirection)
  if (!exact && distance === 0) why.splice(why.indexOf('exact'), 1)
  return { street, score, distance, exact, why, notes }
}

function expandDirection(direction: string): string {
  const words: Record<string, string> = {
    N: 'NORTH',
    S: 'SOUTH',
    E: 'EAST',
    W: 'WEST',
    NE: 'NORTHEAST',
    NW: 'NORTHWEST',
    SE: 'SOUTHEAST',
    SW: 'SOUTHWEST',
  }
  return words[direction] ?? direction
}

function partsCivic(
  p: StreetParts,
): Pick<CivicAddress, 'preDirection' | 'street' | 'streetType' | 'postDirection'> {
  return {
    ...(p.preDirection ? { preDirection: p.preDirection } : {}),
    street: titleCase(p.name),
    ...(p.streetType ? { streetType: titleCase(p.streetType) } : {}),
    ...(p.postDirection ? { postDirection: p.postDirection } : {}),
  }
}

function streetCivic(street: Street) {
  return partsCivic(street.parts)
}

function streetLine(street: Street): string {
  const p = partsCivic(street.parts)
  return [p.preDirection, p.street, p.streetType, p.postDirection].filter(Boolean).join(' ')
}

function streetWords(p: StreetParts): string {
  return [p.preDirection, p.name, p.streetType, p.postDirection].filter(Boolean).join(' ')
}

function anyPoint(street: Street): LatLon | null {
  for (const points of street.points.values()) {
    const point = points[0]
    if (point) return { lat: point.lat, lon: point.lon }
  }
  const side = street.sides[0]
  return side ? along(side.coordinates, 0.5) : null
}

function describeParsed(p: ParsedAddress): string {
  const street =
    p.kind === 'intersection'
      ? `${streetWords(p.street!)} & ${streetWords(p.crossStreet!)}`
      : p.kind === 'address'
        ? `${p.houseNumber}${p.houseNumberSuffix ?? ''} ${streetWords(p.street!)}`
        : p.name
  return `${street}${p.unit ? ` ${/^\d/.test(p.unit) ? 'Apt ' : ''}${p.unit}` : ''}${p.town ? `, ${p.town}` : ''}`
}

/** An address in parts as the parser would have read it from one line. */
export function civicToParsed(civic: CivicAddress): ParsedAddress {
  const hasParts = Boolean(civic.streetType || civic.preDirection || civic.postDirection)
  const base = {
    unit: civic.unit ?? null,
    town: civic.town,
    postalCode: civic.postalCode ?? null,
    crossStreet: null,
  }
  const sides = civic.street.split(/\s*(?:&|\/|@|\bAND\b|\bAT\b)\s*/i).filter(Boolean)
  if (!civic.houseNumber && sides.length === 2) {
    return {
      ...base,
      kind: 'intersection',
      houseNumber: null,
      houseNumberSuffix: null,
      street: parseStreet(sides[0]!),
      crossStreet: parseStreet(sides[1]!),
      name: normalName(civic.street),
    }
  }
  const street: StreetParts = hasParts
    ? {
        preDirection: normalDirection(civic.preDirection),
        name: normalName(civic.street),
        streetType: normalStreetType(civic.streetType),
        postDirection: normalDirection(civic.postDirection),
      }
    : parseStreet(civic.street)
  const number = /^(\d+)\s*-?\s*([A-Z]|1\/2)?$/i.exec(civic.houseNumber ?? '')
  if (!number) {
    return {
      ...base,
      kind: 'name',
      houseNumber: null,
      houseNumberSuffix: null,
      street,
      name: normalName(civic.landmark ?? civic.street),
    }
  }
  const suffix = civic.houseNumberSuffix ?? number[2]
  return {
    ...base,
    kind: 'address',
    houseNumber: Number(number[1]),
    houseNumberSuffix: suffix ? normalName(suffix) : null,
    street,
    name: normalName(civic.street),
  }
}
