import type {
  EidoAgency,
  EidoAgent,
  EidoCaution,
  EidoDocument,
  EidoIncident,
  EidoLocation,
  EidoNotes,
} from '@common/api/eido.ts'
import type { Agency } from '@common/api/staff.ts'
import type { TimelineEntry } from '@common/api/timeline.ts'
import type { Unit } from '@common/api/units.ts'
import type { CallLocationRow, CallRow } from '../../calls/index.ts'
import type { AssignmentWithUnit } from '../incidents.presenter.ts'
import type { IncidentWithAgency } from '../incidents.repository.ts'
import type { IncidentNoteRow, NatureCodeRow, PremiseCautionRow } from '../incidents.table.ts'
import {
  actsOfTimeline,
  agentRef,
  buildAgents,
  jCard,
  type StaffAct,
  type StaffMember,
} from './eido-agents.ts'
import { buildCallComponents } from './eido-calls.ts'
import { CENTER_KEY, earliest, eidoIds, latest, type EidoIds } from './eido-ids.ts'
import {
  AGENCY_ROLE,
  AGENT_ROLE,
  CAUTION_TYPE,
  CENTER_AGENCY_TYPE,
  LOCATION_TYPE,
  incidentStatusRegistry,
  reportNumberType,
} from './eido-registries.ts'
import { buildResourceComponents } from './eido-resources.ts'
import { escapeXml, pidfLo } from './pidf-lo.ts'

/** Everything an incident's EIDO is made of, read in one snapshot by eido.service.ts. */
export interface EidoSources {
  domain: string
  incident: IncidentWithAgency
  nature: NatureCodeRow
  agencies: Agency[]
  assignments: AssignmentWithUnit[]
  units: Unit[]
  calls: CallRow[]
  callLocations: CallLocationRow[]
  notes: IncidentNoteRow[]
  cautions: PremiseCautionRow[]
  disposition: { code: string; label: string } | null
  staff: StaffMember[]
  timeline: TimelineEntry[]
}

/** The JSON-LD context NENA's schema fixes for the document. */
const EIDO_CONTEXT = { '@vocab': './JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld' }

/** Notes are HTML5 in EIDO: the text escaped, its line breaks kept. */
function html(text: string): string {
  return `<p>${escapeXml(text).replaceAll('\n', '<br>')}</p>`
}

/**
 * The center takes the calls; the owning agency dispatches; every other agency whose units were
 * sent is dispatched.
 */
function buildAgencies(ids: EidoIds, src: EidoSources, firstCallAt: Date): EidoAgency[] {
  const center: EidoAgency = {
    ...ids.prologue('agency', CENTER_KEY, firstCallAt),
    agencyRoleDescriptionRegistryText: [AGENCY_ROLE.center],
    agencyType: [CENTER_AGENCY_TYPE],
    incidentOwningAgencyIndicator: false,
  }
  const sentBy = new Map<string, Date>()
  for (const a of src.assignments) {
    const unit = src.units.find((u) => u.id === a.unit_id)
    const first = unit ? sentBy.get(unit.agencyId) : undefined
    if (unit && (!first || a.assigned_at < first)) sentBy.set(unit.agencyId, a.assigned_at)
  }
  const involved = src.agencies.filter((a) => a.id === src.incident.agency_id || sentBy.has(a.id))
  return [
    center,
    ...involved.map((agency) => {
      const owns = agency.id === src.incident.agency_id
      const roles = [
        ...(owns ? [AGENCY_ROLE.owner] : []),
        ...(sentBy.has(agency.id) ? [AGENCY_ROLE.unitsSent] : []),
      ]
      return {
        ...ids.prologue(
          'agency',
          agency.id,
          owns ? src.incident.created_at : sentBy.get(agency.id)!,
        ),
        agencyJcard: jCard(agency.name),
        agencyRoleDescriptionRegistryText: roles,
        agencyType: [agency.kind],
        incidentOwningAgencyIndicator: owns,
      }
    }),
  ]
}

/** The premise cautions in force at the incident's address, each with its text as a note. */
function buildCautions(ids: EidoIds, cautions: PremiseCautionRow[]) {
  return cautions.map((row) => {
    const type = CAUTION_TYPE[row.kind]
    const caution: EidoCaution = {
      ...ids.prologue('caution', row.id, row.created_at),
      cautionTypeInternalText: row.kind,
      cautionTypeCommonRegistryText: type.registry,
      cautionSeverity: type.severity,
      startDate: row.created_at.toISOString(),
    }
    const note: EidoNotes = {
      ...ids.prologue('notes', row.id, row.created_at),
      notesActionComments: html(row.text),
      cautionReference: [{ $ref: caution.$id }],
    }
    return { caution, note }
  })
}

function buildIncidentLocation(ids: EidoIds, src: EidoSources, cautionNotes: EidoNotes[]) {
  const incident = src.incident
  const byValue = pidfLo(ids.id('location', incident.id), {
    civic: incident.address,
    point:
      incident.lat !== null && incident.lon !== null
        ? { lat: incident.lat, lon: incident.lon }
        : null,
    at: incident.updated_at,
  })
  const location: EidoLocation = {
    ...ids.prologue('location', incident.id, incident.updated_at),
    locationTypeDescriptionRegistryText: LOCATION_TYPE.incident,
    ...(byValue ? { locationByValue: byValue } : {}),
    locationDescriptionText: incident.location_text,
    ...(cautionNotes.length > 0
      ? { notesReference: cautionNotes.map((n) => ({ $ref: n.$id })) }
      : {}),
  }
  return location
}

/** The narrative as it reads now: a note replaced by a correction is left out. */
function buildNarrative(ids: EidoIds, notes: IncidentNoteRow[], agents: Map<string, EidoAgent>) {
  const replaced = new Set(
    notes.flatMap((n) => (n.supersedes_note_id ? [n.supersedes_note_id] : [])),
  )
  return notes
    .filter((note) => !replaced.has(note.id))
    .map((note): EidoNotes => {
      const author = agentRef(agents, note.author_user_id)
      return {
        ...ids.prologue('notes', note.id, note.created_at, author),
        notesActionComments: html(note.text),
        ...(author ? { agentReference: author } : {}),
      }
    })
}

/** Who did what: the timeline, and who answered each call and sent each unit. */
function staffActs(src: EidoSources): StaffAct[] {
  const act = (userId: string | null, role: StaffAct['role'], at: Date | null): StaffAct[] =>
    userId && at ? [{ userId, role, at, positionCode: null }] : []
  return [
    ...actsOfTimeline(src.timeline),
    ...src.calls.flatMap((c) => act(c.answered_by_user_id, AGENT_ROLE.callTaking, c.answered_at)),
    ...src.assignments.flatMap((a) =>
      act(a.assigned_by_user_id, AGENT_ROLE.dispatching, a.assigned_at),
    ),
  ]
}

/**
 * Assembles an incident's EIDO (NENA-STA-021) from its rows: pure, so the same rows always give
 * the same document. Every component carries the prologue, and every cross-reference is the
 * `$id` of a component in this document.
 */
export function buildEido(src: EidoSources): EidoDocument {
  const ids = eidoIds(src.domain)
  const { incident } = src
  const agents = buildAgents(ids, staffActs(src), src.staff)
  const calls = buildCallComponents(ids, src.domain, src.calls, src.callLocations, agents)
  const resources = buildResourceComponents(ids, src.assignments, src.units, agents)
  const cautions = buildCautions(ids, src.cautions)
  const cautionNotes = cautions.map((c) => c.note)
  const incidentLocation = buildIncidentLocation(ids, src, cautionNotes)
  const narrative = buildNarrative(ids, src.notes, agents)
  const lastIncidentEvent = src.timeline.at(-1)
  const incidentComponent: EidoIncident = {
    ...ids.prologue(
      'incident',
      incident.id,
      latest(incident.updated_at, lastIncidentEvent ? new Date(lastIncidentEvent.at) : null),
    ),
    incidentTypeCommonRegistryText: src.nature.apco_type,
    incidentTypeInternalCode: incident.nature_code,
    incidentTypeInternalText: incident.nature_description,
    incidentStatusCommonRegistryText: [
      incidentStatusRegistry(
        incident.status,
        src.assignments.map((a) => ({ state: a.state, unitStatus: a.unit_status })),
      ),
    ],
    incidentStatusInternalText: [incident.status],
    internalIncidentId: incident.number,
    reportNumberType: reportNumberType(
      src.timeline.some((e) => e.type === 'incident.reopened'),
      incident.first_dispatched_at,
    ),
    incidentCommonPriorityNumber: incident.priority,
    incidentPriorityInternalText: `Priority ${incident.priority} (1 most urgent, 5 least)`,
    agentReference: [...agents.values()].map((a) => ({ $ref: a.$id })),
    locationReference: [{ $ref: incidentLocation.$id }],
    personReference: calls.persons.map((p) => ({ $ref: p.$id })),
    notesReference: narrative.map((n) => ({ $ref: n.$id })),
    ...(incident.status === 'closed' && incident.disposition && incident.closed_at
      ? {
          dispositionComponent: [
            {
              ...ids.prologue('disposition', incident.id, incident.closed_at),
              // APCO ANS 1.111.2 codes are not in our disposition list yet: our code travels.
              dispositionCommonRegistryCode: incident.disposition,
              dispositionPrimaryIndicator: true,
              dispositionDescriptionText: src.disposition?.label ?? incident.disposition,
            },
          ],
        }
      : {}),
  }
  const agencies = buildAgencies(
    ids,
    src,
    earliest(incident.created_at, ...src.calls.map((c) => c.arrived_at)),
  )
  const components = {
    incidentComponent,
    agencyComponent: agencies,
    agentComponent: [...agents.values()],
    callComponent: calls.calls,
    callbackComponent: calls.callbacks,
    personComponent: calls.persons,
    locationComponent: [incidentLocation, ...calls.locations, ...resources.locations],
    emergencyResourceComponent: resources.resources,
    dispatchComponent: resources.dispatches,
    notesComponent: [...narrative, ...cautionNotes],
    cautionComponent: cautions.map((c) => c.caution),
  }
  const stamps = Object.values(components)
    .flat()
    .map((c) => new Date(c.lastUpdateTimeStamp))
  return {
    ...ids.prologue('incidentid', incident.id, latest(...stamps)),
    eidoVersion: '1.0',
    issuingElementIdentification: `cad.${src.domain}`,
    ...components,
    '@context': EIDO_CONTEXT,
  }
}
