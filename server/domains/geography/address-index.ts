import type { ReverseResult, VerifyResult } from '@common/api/geography.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { formatAddress } from '@common/domain/address.ts'
import { parseAddressLine, type ParsedAddress } from '@common/domain/address-parse.ts'
import { AddressGrid } from './address-grid.ts'
import type { AddressIndexRows } from './address-rows.ts'
import { streetCivic } from './address-streets.ts'
import {
  verifyHouseAddress,
  verifyIntersection,
  verifyPlaceName,
  type Lookup,
} from './address-verifiers.ts'
import { JurisdictionIndex, type FirstDue } from './jurisdiction-index.ts'
import { civicToParsed, describeParsed } from './parsed-address.ts'
import { StreetDirectory } from './street-directory.ts'

export type {
  AddressIndexRows,
  AddressPointInput,
  MsagRangeInput,
  PlaceNameInput,
  RoadSegmentInput,
} from './address-rows.ts'

const DEFAULT_RADIUS_M = 250

/**
 * Every address layer in memory, built once per version of the layers: streets by town and by
 * name (trigram-indexed), house numbers per street, MSAG ranges and road ranges per street,
 * place names, a grid of address points for reverse geocoding, and the town and zone polygons.
 */
export class AddressIndex {
  readonly addressPointCount: number
  readonly areas: JurisdictionIndex
  private readonly streets = new StreetDirectory()
  private readonly grid = new AddressGrid()

  constructor(rows: AddressIndexRows) {
    this.addressPointCount = rows.addressPoints.length
    this.areas = new JurisdictionIndex(rows.jurisdictions, rows.responseZones)
    // Towns first, so that a town is spelled as its boundary spells it.
    for (const j of rows.jurisdictions) this.streets.town(j.town)
    for (const row of rows.addressPoints) this.grid.add(this.streets.addPoint(row))
    for (const row of rows.msagRanges) this.streets.addRange(row)
    for (const row of rows.roadSegments) this.streets.addSegment(row)
    for (const row of rows.placeNames) this.streets.addPlace(row)
  }

  /** Towns as written in the data. */
  townList(): string[] {
    return this.streets.townList()
  }

  /** The town whose boundary holds the point, else null. */
  townAt(lat: number, lon: number): string | null {
    return this.areas.townAt(lat, lon)
  }

  /** The first-due station of each discipline whose zone holds the point. */
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

  /** Verifies a parsed address: a house number, an intersection, or a place or street name. */
  verify(parsed: ParsedAddress): VerifyResult {
    const lookup: Lookup = {
      streets: this.streets,
      areas: this.areas,
      scope: this.streets.scope(parsed.town),
      input: describeParsed(parsed),
    }
    if (parsed.kind === 'intersection') return verifyIntersection(lookup, parsed)
    if (parsed.kind === 'name') return verifyPlaceName(lookup, parsed)
    return verifyHouseAddress(lookup, parsed)
  }

  /** The nearest address point within `radiusM` of a point, its town and first-due stations. */
  reverse(lat: number, lon: number, radiusM = DEFAULT_RADIUS_M): ReverseResult {
    const found = this.grid.nearest(lat, lon, radiusM)
    const result: ReverseResult = {
      point: { lat, lon },
      town: this.areas.townAt(lat, lon) ?? found?.point.street.town ?? null,
      firstDue: this.areas.firstDueAt(lat, lon),
      nearest: null,
    }
    if (found) {
      const nearest = found.point
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
        distanceM: Math.round(found.meters * 10) / 10,
      }
    }
    return result
  }
}
