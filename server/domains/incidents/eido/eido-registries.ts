import type { CallLine, CallStatus, LocationSource } from '@common/domain/calls.ts'
import type { AssignmentState, CautionKind, IncidentStatus } from '@common/domain/incidents.ts'
import type { UnitStatus, UnitType } from '@common/domain/units.ts'

/**
 * Our values in NENA's registries. Registries named in NENA-STA-021.1b (and summed up in
 * standards.md b.3) are followed as given; where a registry's list was not available to us the
 * table says so, and the internal value travels beside it in the component's *Internal* field.
 */

export type IncidentStatusRegistry =
  'Active' | 'Closed' | 'ResourcesAssigned' | 'ResourcesEnroute' | 'ResourcesOnscene'

const ON_SCENE: readonly UnitStatus[] = ['on_scene', 'transporting', 'at_hospital']

/**
 * The incident's status for EIDO: closed; else how far its units have got (an open assignment
 * is on the incident, a stacked one waits for the unit); else just active.
 */
export function incidentStatusRegistry(
  status: IncidentStatus,
  assignments: { state: AssignmentState; unitStatus: UnitStatus }[],
): IncidentStatusRegistry {
  if (status === 'closed') return 'Closed'
  const open = assignments.filter((a) => a.state !== 'cleared')
  const working = open.filter((a) => a.state === 'active')
  if (working.some((a) => ON_SCENE.includes(a.unitStatus))) return 'ResourcesOnscene'
  if (working.some((a) => a.unitStatus === 'en_route')) return 'ResourcesEnroute'
  if (open.length > 0) return 'ResourcesAssigned'
  return 'Active'
}

/** New until a unit is sent, ongoing after; reopened once it was ever reopened. */
export function reportNumberType(
  wasReopened: boolean,
  firstDispatchedAt: Date | null,
): 'New' | 'Ongoing' | 'Reopened' {
  if (wasReopened) return 'Reopened'
  return firstDispatchedAt ? 'Ongoing' : 'New'
}

/** The IANA Call States registry: ringing is the call's begin, released its end. */
export const CALL_STATE: Record<CallStatus, 'callBegin' | 'callAnswered' | 'callEnd'> = {
  ringing: 'callBegin',
  answered: 'callAnswered',
  released: 'callEnd',
}

/** NENA LogEvent CallTypes registry, "Primary" classification (STA-010.3 §10.23). */
export const CALL_TYPE: Record<CallLine, 'emergency' | 'nonEmergency'> = {
  '911': 'emergency',
  non_emergency: 'nonEmergency',
  switchboard: 'nonEmergency',
  admin: 'nonEmergency',
}

export const AGENCY_ROLE = {
  owner: 'Dispatching',
  unitsSent: 'Dispatched',
  center: 'CallReceiving',
} as const

/** IANA urn:emergency:service:responder, without the prefix; NENA's sample uses `psap`. */
export const CENTER_AGENCY_TYPE = 'psap'

/** NENA-STA-010.3 §10.28 Agent Roles. */
export const AGENT_ROLE = { callTaking: 'Call Taking', dispatching: 'Dispatching' } as const

export const PERSON_ROLE_CALLER = 'Caller'

export const LOCATION_TYPE = {
  incident: 'CurrentIncident',
  caller: 'Caller',
  unit: 'UnitLocation',
} as const

export const LOCATION_SOURCE_LABEL: Record<LocationSource, string> = {
  ali: 'ALI',
  pidf_lo: 'PIDF-LO',
  device: 'Device-reported',
  caller_stated: 'Caller-stated',
}

/**
 * Caution kinds. NOT VERIFIED: the CautionType registry's values were not in the sources we had;
 * these name our kinds in the registry's style. The severity is NENA's own enumeration.
 */
export const CAUTION_TYPE: Record<
  CautionKind,
  { registry: string; severity: 'highest' | 'high' | 'normal' | 'low' }
> = {
  weapons: { registry: 'Weapons', severity: 'highest' },
  hazard: { registry: 'Hazard', severity: 'high' },
  caution: { registry: 'Caution', severity: 'high' },
  medical: { registry: 'Medical', severity: 'normal' },
  animal: { registry: 'Animal', severity: 'normal' },
  access: { registry: 'Access', severity: 'low' },
}

/**
 * Unit types. NOT VERIFIED: the Emergency Resource Type registry's values were not in the
 * sources we had; our type goes beside it as emergencyResourceTypeInternalText.
 */
export const RESOURCE_TYPE: Record<UnitType, string> = {
  engine: 'Engine',
  ladder: 'Ladder',
  rescue: 'Rescue',
  tanker: 'Tanker',
  chief: 'Chief',
  ambulance: 'Ambulance',
  patrol: 'Patrol',
  police_supervisor: 'Supervisor',
  k9: 'K9',
  detective: 'Detective',
}

/** NENA: resourceAttributeInternalText must be filled when the registry value is 'Other'. */
export const RESOURCE_ATTRIBUTE_OTHER = 'Other'
