import type { Db, Trx } from '../../db/schema.ts'
import type { UnitAssignmentRow } from './units.table.ts'

export function findOpenAssignment(
  db: Db,
  unitId: string,
  incidentId: string,
): Promise<UnitAssignmentRow | undefined> {
  return db
    .selectFrom('unit_assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('incident_id', '=', incidentId)
    .where('state', '<>', 'cleared')
    .executeTakeFirst()
}

export function findActiveAssignment(
  db: Db,
  unitId: string,
): Promise<UnitAssignmentRow | undefined> {
  return db
    .selectFrom('unit_assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('state', '=', 'active')
    .executeTakeFirst()
}

/** The stacked assignment a unit takes next: the oldest. */
export function findNextStacked(trx: Trx, unitId: string): Promise<UnitAssignmentRow | undefined> {
  return trx
    .selectFrom('unit_assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('state', '=', 'stacked')
    .orderBy('assigned_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

export function listStackedAssignments(trx: Trx, unitId: string): Promise<UnitAssignmentRow[]> {
  return trx
    .selectFrom('unit_assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('state', '=', 'stacked')
    .orderBy('assigned_at')
    .execute()
}

export function insertAssignment(
  db: Db,
  row: {
    unitId: string
    incidentId: string
    incidentNumber: string
    state: 'active' | 'stacked'
    at: Date
    userId: string | null
  },
): Promise<UnitAssignmentRow> {
  return db
    .insertInto('unit_assignments')
    .values({
      unit_id: row.unitId,
      incident_id: row.incidentId,
      incident_number: row.incidentNumber,
      state: row.state,
      assigned_at: row.at,
      activated_at: row.state === 'active' ? row.at : null,
      assigned_by_user_id: row.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function activateAssignment(db: Db, id: string, at: Date): Promise<UnitAssignmentRow> {
  return db
    .updateTable('unit_assignments')
    .set({ state: 'active', activated_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function clearAssignment(
  db: Db,
  id: string,
  clear: { at: Date; userId: string | null; reason: string },
): Promise<UnitAssignmentRow> {
  return db
    .updateTable('unit_assignments')
    .set({
      state: 'cleared',
      cleared_at: clear.at,
      cleared_by_user_id: clear.userId,
      clear_reason: clear.reason,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Every assignment of an incident, past and present, with the unit's code. */
export function listIncidentAssignments(db: Db, incidentId: string) {
  return listAssignmentsOfIncidents(db, [incidentId])
}

/** The same for several incidents in one query (the incident board). */
export async function listAssignmentsOfIncidents(db: Db, incidentIds: string[]) {
  if (incidentIds.length === 0) return []
  return db
    .selectFrom('unit_assignments')
    .innerJoin('units', 'units.id', 'unit_assignments.unit_id')
    .selectAll('unit_assignments')
    .select(['units.code as unit_code', 'units.unit_type', 'units.status as unit_status'])
    .where('unit_assignments.incident_id', 'in', incidentIds)
    .orderBy('unit_assignments.assigned_at')
    .orderBy('unit_assignments.id')
    .execute()
}

export function countOpenAssignments(db: Db, incidentId: string) {
  return db
    .selectFrom('unit_assignments')
    .innerJoin('units', 'units.id', 'unit_assignments.unit_id')
    .select(['units.code'])
    .where('unit_assignments.incident_id', '=', incidentId)
    .where('unit_assignments.state', '<>', 'cleared')
    .execute()
}
