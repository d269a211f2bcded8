import type { Incident, IncidentNote, IncidentUnit } from '@common/api/incidents.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { IncidentWithAgency } from './incidents.repository.ts'
import type { IncidentNoteRow } from './incidents.table.ts'
import type { UnitAssignmentRow } from '../units/index.ts'

export type AssignmentWithUnit = UnitAssignmentRow & {
  unit_code: string
  unit_type: IncidentUnit['unitType']
  unit_status: IncidentUnit['unitStatus']
}

export function presentIncident(
  row: IncidentWithAgency,
  assignments: AssignmentWithUnit[],
  notes: IncidentNoteRow[],
): Incident {
  return {
    id: row.id,
    number: row.number,
    agencyId: row.agency_id,
    agencyCode: row.agency_code,
    kind: row.kind,
    natureCode: row.nature_code,
    natureDescription: row.nature_description,
    discipline: row.discipline,
    priority: row.priority,
    status: row.status,
    alarmLevel: row.alarm_level,
    location: {
      text: row.location_text,
      address: row.address,
      town: row.town,
      lat: row.lat,
      lon: row.lon,
      isVerified: row.is_location_verified,
      overrideReason: row.location_override_reason,
      followedUpAt: isoOrNull(row.location_followed_up_at),
      firstDueStationCode: row.first_due_station_code,
    },
    disposition: row.disposition,
    createdAt: iso(row.created_at),
    firstDispatchedAt: isoOrNull(row.first_dispatched_at),
    closedAt: isoOrNull(row.closed_at),
    units: assignments.map(presentIncidentUnit),
    notes: presentNotes(notes),
  }
}

export function presentIncidentUnit(row: AssignmentWithUnit): IncidentUnit {
  return {
    assignmentId: row.id,
    unitId: row.unit_id,
    code: row.unit_code,
    unitType: row.unit_type,
    unitStatus: row.unit_status,
    state: row.state,
    assignedAt: iso(row.assigned_at),
    activatedAt: isoOrNull(row.activated_at),
    clearedAt: isoOrNull(row.cleared_at),
  }
}

/** Every note, in order; a replaced one names the note that replaced it. */
export function presentNotes(rows: IncidentNoteRow[]): IncidentNote[] {
  const replacedBy = new Map(
    rows.filter((r) => r.supersedes_note_id).map((r) => [r.supersedes_note_id!, r.id]),
  )
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    supersedesNoteId: row.supersedes_note_id,
    supersededByNoteId: replacedBy.get(row.id) ?? null,
    authorUserId: row.author_user_id,
    authorPositionId: row.author_position_id,
    createdAt: iso(row.created_at),
  }))
}
