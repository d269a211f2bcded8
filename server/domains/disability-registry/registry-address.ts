import type { VerifyResult } from '@common/api/geography.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { addressKey, formatAddress, normalName } from '@common/domain/address.ts'
import type { AddressIndex } from '../geography/index.ts'
import { unitKey } from './unit-key.ts'

/** An address as the registry keys it: the building's key and, apart, the unit's. */
export interface RegistryAddress {
  address: CivicAddress
  locationText: string
  town: string
  townKey: string
  addressKey: string
  unitKey: string
  verified: boolean
  verification: VerifyResult
}

/**
 * The address verified against the address layers: the verified form when it verifies, else the
 * address as typed (entered only on the coordinator's override). The unit is the one typed: the
 * layers may not know every apartment, and "Apt 3" must stay apartment 3.
 */
export function registryAddress(index: AddressIndex, typed: CivicAddress): RegistryAddress {
  const verification = index.verifyCivic(typed)
  const match = verification.status === 'verified' ? verification.match : null
  const address: CivicAddress = match
    ? { ...match.address, ...(typed.unit ? { unit: typed.unit } : {}) }
    : typed
  return {
    address,
    locationText: formatAddress(address),
    town: address.town,
    townKey: normalName(address.town),
    addressKey: addressKey(address),
    unitKey: unitKey(address.unit),
    verified: match !== null,
    verification,
  }
}

/**
 * The keys a call's location may match an indicator under: its verified form and, for an
 * indicator entered on override, the form as delivered. The unit is matched exactly (normalised).
 */
export function callAddressKeys(
  index: AddressIndex,
  location: { address: CivicAddress | null; text: string | null },
): { addressKeys: string[]; unitKey: string } | null {
  if (location.address) {
    const resolved = registryAddress(index, location.address)
    return {
      addressKeys: [...new Set([resolved.addressKey, addressKey(location.address)])],
      unitKey: resolved.unitKey,
    }
  }
  if (location.text) {
    const verification = index.verifyLine(location.text)
    if (verification.status !== 'verified' || !verification.match) return null
    return {
      addressKeys: [addressKey(verification.match.address)],
      unitKey: unitKey(verification.match.address.unit),
    }
  }
  return null
}
