import type {
  EidoAgent,
  EidoDispatch,
  EidoEmergencyResource,
  EidoLocation,
} from '@common/api/eido.ts'
import type { Unit } from '@common/api/units.ts'
import { EIDO_UNIT_STATUS } from '@common/domain/units.ts'
import type { AssignmentWithUnit } from '../incidents.presenter.ts'
import { agentRef } from './eido-agents.ts'
import { latest, type EidoIds } from './eido-ids.ts'
import { LOCATION_TYPE, RESOURCE_ATTRIBUTE_OTHER, RESOURCE_TYPE } from './eido-registries.ts'
import { pidfLo } from './pidf-lo.ts'

export interface ResourceComponents {
  resources: EidoEmergencyResource[]
  dispatches: EidoDispatch[]
  locations: EidoLocation[]
}

function unitLocation(ids: EidoIds, unit: Unit): EidoLocation | null {
  if (!unit.fix) return null
  const at = new Date(unit.fix.at)
  const byValue = pidfLo(ids.id('location', unit.id), { civic: null, point: unit.fix, at })
  return {
    ...ids.prologue('location', unit.id, at),
    locationTypeDescriptionRegistryText: LOCATION_TYPE.unit,
    ...(byValue ? { locationByValue: byValue } : {}),
    locationDescriptionText: `${unit.code} (AVL)`,
  }
}

/**
 * Every unit ever sent to the incident, as it stands now: its status (the EIDO registries' map
 * is common/domain/units.ts), the incident it works and those it is stacked on, its last AVL fix.
 * The crew is not known to the CAD, so no agent is named for it. Each assignment is a Dispatch
 * component naming the unit's agency and the dispatcher who sent it.
 */
export function buildResourceComponents(
  ids: EidoIds,
  assignments: AssignmentWithUnit[],
  units: Unit[],
  agents: Map<string, EidoAgent>,
): ResourceComponents {
  const out: ResourceComponents = { resources: [], dispatches: [], locations: [] }
  for (const unit of units) {
    const status = EIDO_UNIT_STATUS[unit.status]
    const location = unitLocation(ids, unit)
    if (location) out.locations.push(location)
    out.resources.push({
      ...ids.prologue('resource', unit.id, new Date(unit.statusChangedAt)),
      emergencyResourceTypeCommonRegistryText: RESOURCE_TYPE[unit.unitType],
      emergencyResourceTypeInternalText: unit.unitType,
      emergencyResourceName: unit.code,
      resourceAttributeRegistryText: unit.capabilities.length > 0 ? [RESOURCE_ATTRIBUTE_OTHER] : [],
      ...(unit.capabilities.length > 0 ? { resourceAttributeInternalText: unit.capabilities } : {}),
      primaryUnitStatusRegistryText: status.primary,
      secondaryUnitStatusRegistryText: status.secondary,
      unitStatusInternal: [unit.status],
      agentReference: [],
      ...(location ? { unitLocationReference: { $ref: location.$id } } : {}),
      ...(unit.incidentId ? { activeOnIncidentId: ids.id('incidentid', unit.incidentId) } : {}),
      ...(unit.stackedIncidentIds.length > 0
        ? { stackedOnIncidentId: unit.stackedIncidentIds.map((id) => ids.id('incidentid', id)) }
        : {}),
    })
  }
  for (const assignment of assignments) {
    const unit = units.find((u) => u.id === assignment.unit_id)
    if (!unit) continue
    const dispatcher = agentRef(agents, assignment.assigned_by_user_id)
    out.dispatches.push({
      ...ids.prologue(
        'dispatch',
        assignment.id,
        latest(assignment.assigned_at, assignment.activated_at, assignment.cleared_at),
        dispatcher,
      ),
      agencyReference: ids.ref('agency', unit.agencyId),
      ...(dispatcher ? { agentReference: dispatcher } : {}),
      emergencyResourceReference: [ids.ref('resource', unit.id)],
    })
  }
  return out
}
