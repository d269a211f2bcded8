import type { AddressCandidate, LatLon, MatchReason, VerifyResult } from '@common/api/geography.ts'
import type { ParsedAddress } from '@common/domain/address-parse.ts'
import {
  buildCandidate,
  isExact,
  MAX_CANDIDATES,
  rank,
  rankedResult,
  uniqueExact,
} from './address-candidates.ts'
import {
  anyPoint,
  describeRanges,
  partsCivic,
  placeNumber,
  streetCivic,
  streetLine,
  streetWords,
  titleCase,
  type Street,
} from './address-streets.ts'
import type { JurisdictionIndex } from './jurisdiction-index.ts'
import type { StreetDirectory, TownScope } from './street-directory.ts'

/** What every kind of lookup works from: the data, the towns in scope, and the input as read. */
export interface Lookup {
  streets: StreetDirectory
  areas: JurisdictionIndex
  scope: TownScope
  input: string
}

/** A house number on a street: verified, offered, invalid (outside the MSAG) or not found. */
export function verifyHouseAddress(lookup: Lookup, parsed: ParsedAddress): VerifyResult {
  const { streets, areas, scope, input } = lookup
  const n = parsed.houseNumber!
  const candidates: AddressCandidate[] = []
  const exactOutside: Street[] = []
  const exactUnknown: Street[] = []
  for (const match of streets.matchStreets(parsed.street!, scope.towns)) {
    const placed = placeNumber(match.street, n, parsed.houseNumberSuffix, parsed.unit)
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
      buildCandidate(
        areas,
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
  if (exactOutside.length > 0 && !ranked.some(isExact)) {
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
      : `no street like ${streetWords(parsed.street!)}${scope.towns ? ` in ${[...scope.towns].map((t) => streets.townName(t)).join(' or ')}` : ''}`
  return { status: 'not_found', input, reason, match: null, candidates: [] }
}

/** A place name, or a street without a house number (offered, never verified). */
export function verifyPlaceName(lookup: Lookup, parsed: ParsedAddress): VerifyResult {
  const { streets, areas, scope, input } = lookup
  const candidates: AddressCandidate[] = []
  for (const hit of streets.matchPlaces(parsed.name)) {
    const place = hit.place
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
      buildCandidate(
        areas,
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
  for (const match of streets.matchStreets(parsed.street!, scope.towns).slice(0, MAX_CANDIDATES)) {
    candidates.push(
      buildCandidate(
        areas,
        streetCivic(match.street),
        anyPoint(match.street),
        match.street.town,
        match.score - 0.3,
        match.why,
        [...match.notes, 'no house number'].join('; '),
        false,
      ),
    )
  }
  return rankedResult(input, candidates, `no place or street like ${parsed.name}`)
}

/** Two streets that meet: where a segment end of one is a segment end of the other. */
export function verifyIntersection(lookup: Lookup, parsed: ParsedAddress): VerifyResult {
  const { streets, areas, scope, input } = lookup
  const first = streets.matchStreets(parsed.street!, scope.towns).slice(0, 8)
  const second = streets.matchStreets(parsed.crossStreet!, scope.towns).slice(0, 8)
  const candidates: AddressCandidate[] = []
  for (const a of first) {
    for (const b of second) {
      if (a.street.townKey !== b.street.townKey || a.street === b.street) continue
      const meet = meetingPoint(a.street, b.street)
      if (!meet) continue
      const why = new Set<MatchReason>(['intersection', ...a.why, ...b.why])
      if (scope.why) why.add(scope.why)
      const notes = [...a.notes, ...b.notes, ...(scope.note ? [scope.note] : [])]
      candidates.push(
        buildCandidate(
          areas,
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
  return rankedResult(
    input,
    candidates,
    `${streetWords(parsed.street!)} and ${streetWords(parsed.crossStreet!)} do not meet in the road data`,
  )
}

function meetingPoint(a: Street, b: Street): LatLon | null {
  const [small, large] = a.ends.size <= b.ends.size ? [a, b] : [b, a]
  for (const [key, point] of small.ends) {
    if (large.ends.has(key)) return point
  }
  return null
}
