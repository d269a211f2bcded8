import type { CivicAddress } from '@common/api/locations.ts'
import { normalDirection, normalName, normalStreetType } from '@common/domain/address.ts'
import { parseStreet, type ParsedAddress, type StreetParts } from '@common/domain/address-parse.ts'
import { streetWords } from './address-streets.ts'

/** The input as the index read it, in normal form: echoed in every result. */
export function describeParsed(p: ParsedAddress): string {
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
