import type { Db, Trx } from '../../db/schema.ts'
import type { UnitEmergencyRow } from './units.table.ts'

/** An emergency with its unit's code and agency. */
export type UnitEmergencyView = UnitEmergencyRow & { unit_code: string; agency_id: string }

function emergencyViews(db: Db) {
  return db
    .selectFrom('unit_emergencies as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .selectAll('e')
    .select(['u.code as unit_code', 'u.agency_id'])
}

export function listUnitEmergencyViews(
  db: Db,
  filter: { open: boolean; limit: number; agencyId: string | null },
): Promise<UnitEmergencyView[]> {
  let q = emergencyViews(db)
  if (filter.agencyId) q = q.where('u.agency_id', '=', filter.agencyId)
  q = filter.open
    ? q.where('e.stopped_at', 'is', null).orderBy('e.started_at').orderBy('e.id')
    : q.orderBy('e.started_at', 'desc').orderBy('e.id')
  return q.limit(filter.limit).execute()
}

export function findUnitEmergencyView(db: Db, id: string): Promise<UnitEmergencyView | undefined> {
  return emergencyViews(db).where('e.id', '=', id).executeTakeFirst()
}

export function findOpenEmergencyOfUnit(
  db: Db,
  unitId: string,
): Promise<UnitEmergencyRow | undefined> {
  return db
    .selectFrom('unit_emergencies')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('stopped_at', 'is', null)
    .executeTakeFirst()
}

/**
 * Opens an emergency unless the unit has one open: the partial unique index decides, so two
 * presses arriving together open one. Returns undefined when one was already open.
 */
export function insertUnitEmergencyUnlessOpen(
  db: Db,
  row: {
    unit_id: string
    incident_id: string | null
    lat: number | null
    lon: number | null
    started_at: Date
    started_by_user_id: string | null
  },
): Promise<UnitEmergencyRow | undefined> {
  return db
    .insertInto('unit_emergencies')
    .values(row)
    .onConflict((oc) => oc.column('unit_id').where('stopped_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst()
}

export function lockUnitEmergencyById(trx: Trx, id: string): Promise<UnitEmergencyRow | undefined> {
  return trx
    .selectFrom('unit_emergencies')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function acknowledgeUnitEmergency(
  db: Db,
  id: string,
  ack: { userId: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('unit_emergencies')
    .set({ acknowledged_at: ack.at, acknowledged_by_user_id: ack.userId })
    .where('id', '=', id)
    .execute()
}

export async function stopUnitEmergency(
  db: Db,
  id: string,
  stop: { userId: string | null; at: Date; reason: string },
): Promise<void> {
  await db
    .updateTable('unit_emergencies')
    .set({ stopped_at: stop.at, stopped_by_user_id: stop.userId, stop_reason: stop.reason })
    .where('id', '=', id)
    .execute()
}

/** What pressing the button records from the unit: its incident and last AVL fix. */
export function findUnitForEmergency(db: Db, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'agency_id', 'incident_id', 'fix_lat', 'fix_lon'])
    .where('id', '=', id)
    .executeTakeFirst()
}
