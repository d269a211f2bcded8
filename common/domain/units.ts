/** Kinds of apparatus and cars the center dispatches. Stored exactly as written. */
export const UNIT_TYPES = [
  'engine',
  'ladder',
  'rescue',
  'tanker',
  'chief',
  'ambulance',
  'patrol',
  'police_supervisor',
  'k9',
  'detective',
] as const
export type UnitType = (typeof UNIT_TYPES)[number]

export const UNIT_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
  'in_quarters',
  'out_of_service',
] as const
export type UnitStatus = (typeof UNIT_STATUSES)[number]

/** Statuses from which a unit may be sent: on the road or in quarters. */
export const ASSIGNABLE_STATUSES: readonly UnitStatus[] = ['available', 'in_quarters']

/** Statuses of a unit working an incident. */
export const COMMITTED_STATUSES: readonly UnitStatus[] = [
  'dispatched',
  'en_route',
  'on_scene',
  'transporting',
  'at_hospital',
]

/**
 * The normal order of statuses. Any other change (a skipped step, a unit marked on scene without
 * going en route) is refused unless the dispatcher overrides it with a reason, which is logged.
 * `dispatched` is reached only by an assignment.
 */
export const UNIT_TRANSITIONS: Record<UnitStatus, readonly UnitStatus[]> = {
  available: ['in_quarters', 'out_of_service'],
  in_quarters: ['available', 'out_of_service'],
  dispatched: ['en_route', 'available', 'in_quarters'],
  en_route: ['on_scene', 'available', 'in_quarters'],
  on_scene: ['transporting', 'available', 'in_quarters'],
  transporting: ['at_hospital'],
  at_hospital: ['available', 'in_quarters'],
  out_of_service: ['available', 'in_quarters'],
}

export function isNormalTransition(from: UnitStatus, to: UnitStatus): boolean {
  return UNIT_TRANSITIONS[from].includes(to)
}

/** NENA EIDO unit status registries: primary availability and secondary detail. */
export const EIDO_UNIT_STATUS: Record<
  UnitStatus,
  { primary: 'Available' | 'ConditionallyAvailable' | 'NotAvailable'; secondary: string[] }
> = {
  available: { primary: 'Available', secondary: ['Cleared'] },
  in_quarters: { primary: 'Available', secondary: ['Cleared'] },
  dispatched: { primary: 'NotAvailable', secondary: ['Dispatched'] },
  en_route: { primary: 'NotAvailable', secondary: ['EnRoute'] },
  on_scene: { primary: 'NotAvailable', secondary: ['OnScene'] },
  transporting: { primary: 'NotAvailable', secondary: ['Transporting'] },
  at_hospital: { primary: 'ConditionallyAvailable', secondary: ['Hospital'] },
  out_of_service: { primary: 'NotAvailable', secondary: ['OutofService'] },
}

export const UNIT_STATUS_LABELS: Record<UnitStatus, string> = {
  available: 'Available',
  dispatched: 'Dispatched',
  en_route: 'En route',
  on_scene: 'On scene',
  transporting: 'Transporting',
  at_hospital: 'At hospital',
  in_quarters: 'In quarters',
  out_of_service: 'Out of service',
}
