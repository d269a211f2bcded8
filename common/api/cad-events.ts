import type { CallLine, LocationSource } from '../domain/calls.ts'
import type { IncidentKind, IncidentStatus } from '../domain/incidents.ts'
import type { UnitStatus, UnitType } from '../domain/units.ts'

/** A duplicate candidate as the call taker sees it: which incident and why. */
export interface DuplicateCandidate {
  incidentId: string
  number: string
  natureCode: string
  locationText: string
  distanceM: number | null
  minutesAgo: number
  reasons: ('nearby' | 'same_callback_number')[]
}

export interface RunCardLine {
  alarmLevel: number
  unitType: UnitType
  unitCount: number
}

/** Events of calls, incidents and units: the timeline of every incident. */
export interface CadEventMap {
  'call.offered': {
    callId: string
    line: CallLine
    ani: string | null
    locationText: string | null
    duplicateCandidates: DuplicateCandidate[]
  }
  'call.answered': {
    callId: string
    positionId: string
    positionCode: string
    userId: string | null
  }
  'call.location_added': {
    callId: string
    locationId: string
    source: LocationSource
    locationText: string | null
    incidentId: string | null
  }
  'call.location_promoted': {
    callId: string
    locationId: string
    source: LocationSource
    previousLocationId: string | null
    incidentId: string | null
  }
  'call.transferred': { callId: string; to: string; incidentId: string | null }
  'call.released': { callId: string; abandoned: boolean; incidentId: string | null }
  'call.attached': {
    callId: string
    incidentId: string
    number: string
    attachedAs: 'originating' | 'duplicate'
  }
  'call.duplicate_dismissed': { callId: string; incidentId: string; reason: string | null }
  'call.closed': { callId: string; disposition: string; incidentId: string | null }
  /** A line of the call's text conversation (SIP MESSAGE or TTY), either way. */
  'call.text': {
    callId: string
    textId: string
    direction: 'from_caller' | 'to_caller'
    channel: 'sip_message' | 'tty'
    body: string
  }
  /** Data the call delivered by reference (HELD location, ADR blocks) arrived and was added. */
  'call.delivery_updated': { callId: string; blocks: number; problems: number }
  /** The call's audio went quiet (or came back): shown to the call taker, never a hang-up. */
  'call.media_alert': { callId: string; kind: 'silence' | 'resumed'; quietSeconds: number }
  'incident.created': {
    incidentId: string
    number: string
    kind: IncidentKind
    natureCode: string
    priority: number
    locationText: string
    town: string | null
    callId: string | null
  }
  'incident.priority_changed': {
    incidentId: string
    number: string
    priority: number
    previousPriority: number
    reason: string
  }
  /** A town's run card (town null: the center-wide one) for a nature code, as it now stands. */
  'response_plan.replaced': {
    natureCode: string
    town: string | null
    lines: RunCardLine[]
    previousLines: RunCardLine[]
  }
  'incident.nature_changed': {
    incidentId: string
    number: string
    natureCode: string
    previousNatureCode: string
    reason: string
  }
  'incident.location_changed': {
    incidentId: string
    number: string
    locationText: string
    isVerified: boolean
    overrideReason: string | null
  }
  'incident.location_followed_up': { incidentId: string; number: string; note: string }
  'incident.note_added': {
    incidentId: string
    noteId: string
    text: string
    supersedesNoteId: string | null
  }
  'incident.alarm_upgraded': {
    incidentId: string
    number: string
    alarmLevel: number
    unitIds: string[]
    shortfall: { unitType: string; missing: number; reason: string }[]
  }
  'incident.status_changed': {
    incidentId: string
    number: string
    status: IncidentStatus
    previousStatus: IncidentStatus
  }
  'incident.closed': { incidentId: string; number: string; disposition: string }
  'incident.reopened': { incidentId: string; number: string; reason: string }
  'unit.created': { unitId: string; code: string; unitType: string; agencyId: string }
  'unit.dispatched': {
    unitId: string
    code: string
    incidentId: string
    number: string
    stacked: boolean
  }
  'unit.cleared': {
    unitId: string
    code: string
    incidentId: string
    number: string
    reason: string
  }
  'unit.status_changed': {
    unitId: string
    code: string
    status: UnitStatus
    previousStatus: UnitStatus
    incidentId: string | null
    number: string | null
    override: boolean
    reason: string | null
  }
  'unit.located': {
    unitId: string
    code: string
    lat: number
    lon: number
    heading: number | null
    at: string
  }
}
