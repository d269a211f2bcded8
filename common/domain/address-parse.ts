import { normalDirection, normalName, normalStreetType } from './address.ts'

/** A street in normal form; '' for a part that was not given. */
export interface StreetParts {
  preDirection: string
  name: string
  streetType: string
  postDirection: string
}

/**
 * A typed one-line address taken apart. `address` has a house number, `intersection` has two
 * streets, `name` has neither: a place name ("City Hall") or a bare street.
 */
export interface ParsedAddress {
  kind: 'address' | 'intersection' | 'name'
  houseNumber: number | null
  houseNumberSuffix: string | null
  street: StreetParts | null
  crossStreet: StreetParts | null
  /** The whole street line in normal form: what a place name is looked up by. */
  name: string
  unit: string | null
  town: string | null
  postalCode: string | null
}

/** Street types as stored, beside the spellings normalStreetType already maps. */
const STREET_TYPES = new Set([
  'ST',
  'AVE',
  'RD',
  'DR',
  'LN',
  'CT',
  'PL',
  'BLVD',
  'TER',
  'CIR',
  'PKWY',
  'HWY',
  'SQ',
  'TPKE',
  'WAY',
  'PATH',
  'HL',
  'EXT',
  'ALY',
  'ROW',
  'LOOP',
  'XING',
  'TRL',
  'PIKE',
  'PLZ',
  'CV',
  'RUN',
  'WALK',
])
const DIRECTIONS = new Set(['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW'])
/** Unit markers; for the ones that only say "apartment" the number alone is kept. */
const UNIT_MARKERS: Record<string, string> = {
  APT: '',
  APARTMENT: '',
  UNIT: '',
  '#': '',
  NO: '',
  STE: 'Ste ',
  SUITE: 'Ste ',
  RM: 'Rm ',
  ROOM: 'Rm ',
  FL: 'Fl ',
  FLOOR: 'Fl ',
  BLDG: 'Bldg ',
  LOT: 'Lot ',
  DEPT: 'Dept ',
}
const INTERSECTION = /\s*(?:&|\/|@|\bAND\b|\bAT\b)\s*/i
const STATE_ZIP = /^(?:([A-Z]{2})\s*)?(\d{5}(?:-\d{4})?)?$/i
const HOUSE_NUMBER = /^(\d{1,7})(?:-?([A-Z])(?=\s|$))?(?:\s+(1\/2))?\s+(.+)$/i

export function isStreetType(value: string): boolean {
  return STREET_TYPES.has(normalStreetType(value))
}

export function isDirection(value: string): boolean {
  return DIRECTIONS.has(normalDirection(value))
}

/**
 * Takes a street apart ("North Main Street" → N / MAIN / ST): a leading direction, a trailing
 * type and a direction after it are taken only when a name is left over, so "North St" stays the
 * street called North.
 */
export function parseStreet(text: string): StreetParts {
  const tokens = normalName(text).split(' ').filter(Boolean)
  let postDirection = ''
  let streetType = ''
  let preDirection = ''
  const last = tokens.length - 1
  if (
    tokens.length >= 3 &&
    isDirection(tokens[last]!) &&
    isStreetType(tokens[last - 1]!) &&
    !isDirection(tokens[last - 1]!)
  ) {
    postDirection = normalDirection(tokens.pop())
  }
  if (tokens.length >= 2 && isStreetType(tokens[tokens.length - 1]!)) {
    streetType = normalStreetType(tokens.pop())
  }
  if (tokens.length >= 2 && isDirection(tokens[0]!)) {
    preDirection = normalDirection(tokens.shift())
  }
  return { preDirection, name: tokens.join(' '), streetType, postDirection }
}

/**
 * Parses "2 Copage Dr Apt 3, Worcester", "12 North Main Street #4", "Main St & Front St,
 * Worcester" or "City Hall". The town is what follows the first comma (a state and ZIP after it
 * are dropped); without a comma, a known town at the end of the line is taken when `towns` are
 * given.
 */
export function parseAddressLine(input: string, towns: readonly string[] = []): ParsedAddress {
  const parts = input
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  let line = parts.shift() ?? ''
  let town: string | null = null
  let postalCode: string | null = null
  let unit: string | null = null
  for (const part of parts) {
    const stateZip = STATE_ZIP.exec(part)
    if (stateZip && (stateZip[1] || stateZip[2])) {
      postalCode = stateZip[2] ?? postalCode
      continue
    }
    const unitPart = takeUnit(part)
    if (unitPart.unit && !unitPart.rest) {
      unit = unitPart.unit
      continue
    }
    if (town === null) town = stripStateZip(part)
  }
  const lineUnit = takeUnit(line)
  line = lineUnit.rest
  unit = lineUnit.unit ?? unit
  if (town === null && towns.length > 0) {
    const split = takeTrailingTown(line, towns)
    line = split.rest
    town = split.town
  }
  const base = {
    houseNumber: null,
    houseNumberSuffix: null,
    street: null,
    crossStreet: null,
    unit,
    town,
    postalCode,
  }
  const sides = line.split(INTERSECTION).filter(Boolean)
  if (sides.length === 2) {
    return {
      ...base,
      kind: 'intersection',
      street: parseStreet(sides[0]!),
      crossStreet: parseStreet(sides[1]!),
      name: normalName(line),
    }
  }
  const numbered = HOUSE_NUMBER.exec(line)
  if (numbered) {
    const suffix = [numbered[2], numbered[3]].filter(Boolean).join(' ').toUpperCase()
    return {
      ...base,
      kind: 'address',
      houseNumber: Number(numbered[1]),
      houseNumberSuffix: suffix || null,
      street: parseStreet(numbered[4]!),
      name: normalName(numbered[4]),
    }
  }
  return { ...base, kind: 'name', street: parseStreet(line), name: normalName(line) }
}

/** "Apt 3" → 3, "#4" → 4, "Suite 200" → "Ste 200": the unit and what is left of the text. */
function takeUnit(text: string): { unit: string | null; rest: string } {
  const match = /(?:^|\s)(#|[A-Z]+\.?)\s*([A-Z0-9-]+)\s*$/i.exec(text)
  if (!match) return { unit: null, rest: text.trim() }
  const marker = match[1]!.toUpperCase().replace('.', '')
  const prefix = UNIT_MARKERS[marker]
  if (prefix === undefined) return { unit: null, rest: text.trim() }
  // "No" alone is too common a word to be a marker unless a number follows it.
  if (marker === 'NO' && !/^\d/.test(match[2]!)) return { unit: null, rest: text.trim() }
  return { unit: `${prefix}${match[2]!.toUpperCase()}`, rest: text.slice(0, match.index).trim() }
}

function stripStateZip(part: string): string {
  return part
    .replace(/\s+(?:[A-Z]{2})?\s*\d{5}(?:-\d{4})?$/i, '')
    .replace(/\s+MA$/i, '')
    .trim()
}

function takeTrailingTown(
  line: string,
  towns: readonly string[],
): { rest: string; town: string | null } {
  const upper = normalName(line)
  let best: string | null = null
  for (const town of towns) {
    const key = normalName(town)
    if (upper.endsWith(` ${key}`) && (!best || key.length > normalName(best).length)) best = town
  }
  if (!best) return { rest: line, town: null }
  const words = normalName(best).split(' ').length
  return { rest: line.trim().split(/\s+/).slice(0, -words).join(' '), town: best }
}
