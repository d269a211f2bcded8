import {
  DISABILITY_KIND_LABELS,
  type DisabilityKind,
  type DisabilityRequestStatus,
} from '@common/api/disability-registry.ts'
import type { CivicAddress } from '@common/api/locations.ts'

export const STATUS_WORDS: Record<DisabilityRequestStatus, string> = {
  filed: 'Filed: to review',
  returned: 'Returned',
  entered: 'Entered',
}

export function kindsText(kinds: readonly DisabilityKind[]): string {
  return kinds.map((kind) => DISABILITY_KIND_LABELS[kind]).join(', ')
}

/** The street line of a filed address: "12 N Main St". */
export function streetLine(address: CivicAddress): string {
  return [
    [address.houseNumber, address.houseNumberSuffix].filter(Boolean).join(''),
    address.preDirection,
    address.street,
    address.streetType,
    address.postDirection,
  ]
    .filter(Boolean)
    .join(' ')
}

/** The whole address on one line, the unit named (an indicator belongs to one unit only). */
export function addressLine(address: CivicAddress): string {
  const unit = address.unit ? `Unit ${address.unit}` : null
  return [streetLine(address), unit, address.building, address.floor && `Floor ${address.floor}`]
    .concat([address.town, [address.state, address.postalCode].filter(Boolean).join(' ')])
    .filter(Boolean)
    .join(', ')
}
