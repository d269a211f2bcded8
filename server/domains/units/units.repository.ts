import { sql } from 'kysely'
import type { ListUnitsQuery } from '@common/api/units.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { NewStationRow, NewUnitRow, StationRow, UnitRow, UnitUpdate } from './units.table.ts'

/** A unit as the status board shows it: with its agency, station and assignments. */
export type UnitBoardRow = UnitRow & {
  agency_code: string
  agency_kind: string
  station_code: string | null
  incident_number: string | null
  stacked_incident_ids: string[]
}

function boardQuery(db: Db) {
  return db
    .selectFrom('units')
    .innerJoin('agencies', 'agencies.id', 'units.agency_id')
    .leftJoin('stations', 'stations.id', 'units.station_id')
    .leftJoin('unit_assignments as active', (join) =>
      join.onRef('active.unit_id', '=', 'units.id').on('active.state', '=', 'active'),
    )
    .selectAll('units')
    .select([
      'agencies.code as agency_code',
      'agencies.kind as agency_kind',
      'stations.code as station_code',
      'active.incident_number as incident_number',
      sql<string[]>`array(
        select s.incident_id::text from unit_assignments s
        where s.unit_id = units.id and s.state = 'stacked' order by s.assigned_at, s.id)`.as(
        'stacked_incident_ids',
      ),
    ])
}

export function listUnitBoardRows(db: Db, query: ListUnitsQuery): Promise<UnitBoardRow[]> {
  let q = boardQuery(db)
  if (query.agencyId) q = q.where('units.agency_id', '=', query.agencyId)
  if (query.status) q = q.where('units.status', '=', query.status)
  if (query.unitType) q = q.where('units.unit_type', '=', query.unitType)
  return q.orderBy('units.code').execute()
}

export function findUnitBoardRow(db: Db, id: string): Promise<UnitBoardRow | undefined> {
  return boardQuery(db).where('units.id', '=', id).executeTakeFirst()
}

export function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst()
}

export function lockUnitById(trx: Trx, id: string): Promise<UnitRow | undefined> {
  return trx
    .selectFrom('units')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

/** Locks in id order, so two dispatchers sending overlapping sets of units never deadlock. */
export function lockUnitsByIds(trx: Trx, ids: string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('units')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
}

export function insertUnit(db: Db, row: NewUnitRow): Promise<UnitRow> {
  return db.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateUnit(db: Db, id: string, update: UnitUpdate): Promise<UnitRow> {
  return db
    .updateTable('units')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Writes an AVL fix unless a newer one is already stored (fixes can arrive out of order). */
export async function storeFixIfNewer(
  db: Db,
  id: string,
  fix: { lat: number; lon: number; heading: number | null; speedKmh: number | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({
      fix_lat: fix.lat,
      fix_lon: fix.lon,
      fix_heading: fix.heading,
      fix_speed_kmh: fix.speedKmh,
      fix_at: fix.at,
    })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('fix_at', 'is', null), eb('fix_at', '<', fix.at)]))
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

export function listStationRows(db: Db, agencyId?: string): Promise<StationRow[]> {
  let q = db.selectFrom('stations').selectAll()
  if (agencyId) q = q.where('agency_id', '=', agencyId)
  return q.orderBy('code').execute()
}

export function findStationById(db: Db, id: string): Promise<StationRow | undefined> {
  return db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertStation(db: Db, row: NewStationRow): Promise<StationRow> {
  return db.insertInto('stations').values(row).returningAll().executeTakeFirstOrThrow()
}

/**
 * Units free to send, of the given types: available or in quarters, on no incident. With their
 * station's town (or their agency's), for ordering by who serves the incident's town.
 */
export function listAssignableUnits(db: Db, unitTypes: string[]) {
  if (unitTypes.length === 0) return Promise.resolve([])
  return db
    .selectFrom('units')
    .innerJoin('agencies', 'agencies.id', 'units.agency_id')
    .leftJoin('stations', 'stations.id', 'units.station_id')
    .selectAll('units')
    .select(sql<string>`coalesce(stations.town, agencies.town)`.as('home_town'))
    .select(['stations.lat as station_lat', 'stations.lon as station_lon'])
    .where('units.unit_type', 'in', unitTypes as UnitRow['unit_type'][])
    .where('units.status', 'in', ['available', 'in_quarters'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('unit_assignments')
            .select('unit_assignments.id')
            .whereRef('unit_assignments.unit_id', '=', 'units.id')
            .where('unit_assignments.state', '=', 'active'),
        ),
      ),
    )
    .orderBy('units.code')
    .execute()
}
