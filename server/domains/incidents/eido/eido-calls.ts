import type {
  EidoAgent,
  EidoCall,
  EidoCallback,
  EidoLocation,
  EidoPerson,
} from '@common/api/eido.ts'
import type { CallLocationRow, CallRow } from '../../calls/index.ts'
import { agentRef } from './eido-agents.ts'
import { latest, type EidoIds } from './eido-ids.ts'
import {
  CALL_STATE,
  CALL_TYPE,
  LOCATION_SOURCE_LABEL,
  LOCATION_TYPE,
  PERSON_ROLE_CALLER,
} from './eido-registries.ts'
import { pidfLo } from './pidf-lo.ts'

export interface CallComponents {
  calls: EidoCall[]
  callbacks: EidoCallback[]
  persons: EidoPerson[]
  locations: EidoLocation[]
}

/**
 * A tel URI (RFC 3966) for a callback number: a leading + is global already, ten digits are a
 * North American number; anything else is local to the center.
 */
export function telUri(ani: string, domain: string): string {
  if (ani.startsWith('+')) return `tel:${ani}`
  if (/^\d{10}$/.test(ani)) return `tel:+1${ani}`
  return `tel:${ani};phone-context=${domain}`
}

function callLocation(ids: EidoIds, row: CallLocationRow): EidoLocation {
  const $id = ids.id('location', row.id)
  const byValue = pidfLo($id, {
    civic: row.address,
    point:
      row.lat !== null && row.lon !== null
        ? {
            lat: row.lat,
            lon: row.lon,
            uncertaintyM: row.uncertainty_m,
            confidencePct: row.confidence_pct,
          }
        : null,
    at: row.received_at,
  })
  const label = LOCATION_SOURCE_LABEL[row.source]
  return {
    ...ids.prologue('location', row.id, latest(row.received_at, row.promoted_at)),
    locationTypeDescriptionRegistryText: LOCATION_TYPE.caller,
    ...(byValue ? { locationByValue: byValue } : {}),
    locationDescriptionText: row.location_text ? `${label}: ${row.location_text}` : label,
  }
}

/**
 * Each call with what NENA wants beside it: the callback it came from, and a Person with the
 * role Caller created with the Call and pointing at the same Callback (STA-021). The locations
 * the call brought are the caller's.
 */
export function buildCallComponents(
  ids: EidoIds,
  domain: string,
  calls: CallRow[],
  locations: CallLocationRow[],
  agents: Map<string, EidoAgent>,
): CallComponents {
  const out: CallComponents = { calls: [], callbacks: [], persons: [], locations: [] }
  for (const call of calls) {
    const own = locations.filter((l) => l.call_id === call.id).map((l) => callLocation(ids, l))
    const locationRefs = own.map((l) => ({ $ref: l.$id }))
    const callback = ids.ref('callback', call.id)
    const person = ids.ref('person', call.id)
    const answerer = agentRef(agents, call.answered_by_user_id)
    out.locations.push(...own)
    out.callbacks.push({
      ...ids.prologue('callback', call.id, call.arrived_at),
      ...(call.ani ? { callBackInformationUri: [telUri(call.ani, domain)] } : {}),
    })
    out.persons.push({
      ...ids.prologue('person', call.id, call.arrived_at),
      personIncidentRoleRegistryText: [PERSON_ROLE_CALLER],
      callIdentifier: [ids.id('callid', call.id)],
      callBackReference: callback,
      locationReference: locationRefs,
    })
    out.calls.push({
      ...ids.prologue(
        'callid',
        call.id,
        latest(
          call.arrived_at,
          call.answered_at,
          call.transferred_at,
          call.released_at,
          call.incident_linked_at,
          call.closed_at,
        ),
        answerer,
      ),
      callStateRegistryText: CALL_STATE[call.status],
      standardPrimaryCallType: CALL_TYPE[call.line],
      localCallType: call.line,
      direction: 'incoming',
      ...(call.queue ? { queueIdentifier: call.queue } : {}),
      callStartTimestamp: call.arrived_at.toISOString(),
      ...(call.answered_at ? { answerDate: call.answered_at.toISOString() } : {}),
      callBackReference: callback,
      locationReference: locationRefs,
      personReference: [person],
      agentReference: answerer ? [answerer] : [],
      agencyReference: [ids.center],
    })
  }
  return out
}
