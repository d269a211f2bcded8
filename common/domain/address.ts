import type { CivicAddress } from '../api/locations.ts'

/** USPS Publication 28 street suffixes and directions most often typed in full. */
const STREET_TYPES: Record<string, string> = {
  STREET: 'ST',
  AVENUE: 'AVE',
  AV: 'AVE',
  ROAD: 'RD',
  DRIVE: 'DR',
  LANE: 'LN',
  COURT: 'CT',
  PLACE: 'PL',
  BOULEVARD: 'BLVD',
  TERRACE: 'TER',
  CIRCLE: 'CIR',
  PARKWAY: 'PKWY',
  HIGHWAY: 'HWY',
  SQUARE: 'SQ',
  TURNPIKE: 'TPKE',
  WAY: 'WAY',
  PATH: 'PATH',
  HILL: 'HL',
  EXTENSION: 'EXT',
}
const DIRECTIONS: Record<string, string> = {
  NORTH: 'N',
  SOUTH: 'S',
  EAST: 'E',
  WEST: 'W',
  NORTHEAST: 'NE',
  NORTHWEST: 'NW',
  SOUTHEAST: 'SE',
  SOUTHWEST: 'SW',
}

/** `North` → `N`, `n.` → `N`; '' for nothing. */
export function normalDirection(value: string | null | undefined): string {
  return word(value ?? undefined, DIRECTIONS)
}

/** `Street` → `ST`, `av` → `AVE`; '' for nothing. */
export function normalStreetType(value: string | null | undefined): string {
  return word(value ?? undefined, STREET_TYPES)
}

/** A street name, a town: upper case, no dots or commas, single spaces. */
export function normalName(value: string | null | undefined): string {
  return clean(value ?? undefined)
}

function word(value: string | undefined, table: Record<string, string>): string {
  if (!value) return ''
  const upper = value.trim().toUpperCase().replace(/\./g, '')
  return table[upper] ?? upper
}

function clean(value: string | undefined): string {
  return (value ?? '').trim().toUpperCase().replace(/[.,]/g, '').replace(/\s+/g, ' ')
}

/**
 * The address of a building in one normal form (unit left out): the key under which premise
 * cautions and prior incidents are found, whichever way the address was typed or delivered.
 */
export function addressKey(address: CivicAddress): string {
  const street = [
    clean(address.houseNumber) + clean(address.houseNumberSuffix),
    word(address.preDirection, DIRECTIONS),
    clean(address.street),
    word(address.streetType, STREET_TYPES),
    word(address.postDirection, DIRECTIONS),
  ]
    .filter(Boolean)
    .join(' ')
  return `${street}|${clean(address.town)}`
}

/** One line as a dispatcher reads it: "12 N Main St Apt 3, Worcester". */
export function formatAddress(address: CivicAddress): string {
  const street = [
    [address.houseNumber, address.houseNumberSuffix].filter(Boolean).join(''),
    address.preDirection,
    address.street,
    address.streetType,
    address.postDirection,
  ]
    .filter(Boolean)
    .join(' ')
  const unit = address.unit ? ` ${/^\d/.test(address.unit) ? 'Apt ' : ''}${address.unit}` : ''
  return `${address.landmark ? `${address.landmark}, ` : ''}${street}${unit}, ${address.town}`
}
