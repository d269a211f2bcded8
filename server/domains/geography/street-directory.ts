import type { MatchReason } from '@common/api/geography.ts'
import { normalName } from '@common/domain/address.ts'
import type { StreetParts } from '@common/domain/address-parse.ts'
import { FuzzyNames } from './address-match.ts'
import type {
  AddressPointInput,
  MsagRangeInput,
  PlaceNameInput,
  RoadSegmentInput,
} from './address-rows.ts'
import {
  endKey,
  pointKey,
  storedStreet,
  streetKey,
  type Place,
  type PointRec,
  type Street,
} from './address-streets.ts'

/** One street a typed street could be, with how far it is from what was typed. */
export interface StreetMatch {
  street: Street
  score: number
  distance: number
  /** Only a missing type or direction was filled in. */
  exact: boolean
  why: MatchReason[]
  notes: string[]
}

/** The towns a lookup searches, and why when it is not the typed town. */
export interface TownScope {
  /** Town keys; null for every town. */
  towns: Set<string> | null
  why: MatchReason | null
  note: string
}

/**
 * Towns, their streets and the named places, each name trigram-indexed so that a typed name
 * finds its near spellings. Filled layer by layer; a town's first spelling is the one shown.
 */
export class StreetDirectory {
  private readonly streets = new Map<string, Street>()
  private readonly streetNames = new FuzzyNames()
  private readonly streetsByName: Street[][] = []
  private readonly placeNames = new FuzzyNames()
  private readonly placesByName: Place[][] = []
  private readonly towns = new Map<string, string>()
  private readonly townNames = new FuzzyNames()

  /** The key of a town, added when new. */
  town(written: string): string {
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

  addPoint(row: AddressPointInput): PointRec {
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
    return point
  }

  addRange(row: MsagRangeInput): void {
    this.street(row.town, storedStreet(row)).msag.push({
      low: row.low,
      high: row.high,
      parity: row.parity,
    })
  }

  addSegment(row: RoadSegmentInput): void {
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

  addPlace(row: PlaceNameInput): void {
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

  /** Towns as written in the data. */
  townList(): string[] {
    return [...this.towns.values()]
  }

  /** A town as written in the data, by its key. */
  townName(key: string): string | undefined {
    return this.towns.get(key)
  }

  /** The towns to search: the typed one, a near spelling of it, or all of them. */
  scope(typed: string | null): TownScope {
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
  matchStreets(typed: StreetParts, towns: Set<string> | null): StreetMatch[] {
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

  /** The places whose name is near `name`, with the edit distance of each name. */
  *matchPlaces(name: string): Generator<{ place: Place; name: string; distance: number }> {
    for (const hit of this.placeNames.search(name)) {
      for (const place of this.placesByName[hit.id] ?? []) {
        yield { place, name: hit.name, distance: hit.distance }
      }
    }
  }
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

const DIRECTION_WORDS: Record<string, string> = {
  N: 'NORTH',
  S: 'SOUTH',
  E: 'EAST',
  W: 'WEST',
  NE: 'NORTHEAST',
  NW: 'NORTHWEST',
  SE: 'SOUTHEAST',
  SW: 'SOUTHWEST',
}

function expandDirection(direction: string): string {
  return DIRECTION_WORDS[direction] ?? direction
}
