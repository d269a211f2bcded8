import { sql } from 'kysely'
import type { RunCardLine } from '@common/api/cad-events.ts'
import type { ListIncidentsQuery } from '@common/api/incidents.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type {
  DispositionRow,
  IncidentNoteRow,
  IncidentRow,
  IncidentUpdate,
  NatureCodeRow,
  NewIncidentRow,
  ResponsePlanRow,
} from './incidents.table.ts'

export type IncidentWithAgency = IncidentRow & {
  agency_code: string
  nature_description: string
  discipline: NatureCodeRow['discipline']
}

function withAgency(db: Db) {
  return db
    .selectFrom('incidents')
    .innerJoin('agencies', 'agencies.id', 'incidents.agency_id')
    .innerJoin('nature_codes', 'nature_codes.code', 'incidents.nature_code')
    .selectAll('incidents')
    .select([
      'agencies.code as agency_code',
      'nature_codes.description as nature_description',
      'nature_codes.discipline as discipline',
    ])
}

export function findIncident(db: Db, id: string): Promise<IncidentWithAgency | undefined> {
  return withAgency(db).where('incidents.id', '=', id).executeTakeFirst()
}

/**
 * Row locks are FOR NO KEY UPDATE: they keep other commands out but let rows that refer to the
 * incident (assignments, calls) be written, whose foreign-key checks take only a key-share lock.
 */
export function lockIncident(trx: Trx, id: string): Promise<IncidentRow | undefined> {
  return trx
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst()
}

/** Locks in id order, the first step of the lock order of dispatch (see `lockUnitChange`). */
export function lockIncidentsByIds(trx: Trx, ids: string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute()
}

export function listIncidentRows(db: Db, query: ListIncidentsQuery): Promise<IncidentWithAgency[]> {
  let q = withAgency(db)
  if (query.status) q = q.where('incidents.status', '=', query.status)
  if (query.open === true) q = q.where('incidents.status', '<>', 'closed')
  if (query.open === false) q = q.where('incidents.status', '=', 'closed')
  if (query.agencyId) q = q.where('incidents.agency_id', '=', query.agencyId)
  return q
    .orderBy('incidents.priority')
    .orderBy('incidents.created_at', 'desc')
    .limit(query.limit)
    .execute()
}

/** Locations used without verification and not yet followed up: the coordinator's list. */
export function listUnverifiedIncidents(db: Db): Promise<IncidentWithAgency[]> {
  return withAgency(db)
    .where('incidents.is_location_verified', '=', false)
    .where('incidents.location_followed_up_at', 'is', null)
    .orderBy('incidents.created_at')
    .execute()
}

/**
 * Not-closed incidents created since `since` within `radiusM` of a point: a bounding box the
 * index can use, then the great-circle distance.
 */
export async function listOpenIncidentsNear(
  db: Db,
  point: { lat: number; lon: number },
  radiusM: number,
  since: Date,
): Promise<(IncidentRow & { distance_m: number })[]> {
  const dLat = radiusM / 111_320
  const dLon = radiusM / (111_320 * Math.cos((point.lat * Math.PI) / 180))
  const result = await sql<IncidentRow & { distance_m: number }>`
    select * from (
      select incidents.*, 2 * 6371008.8 * asin(sqrt(
        power(sin(radians(lat - ${point.lat}) / 2), 2) +
        cos(radians(${point.lat})) * cos(radians(lat)) * power(sin(radians(lon - ${point.lon}) / 2), 2)
      )) as distance_m
      from incidents
      where status <> 'closed' and created_at >= ${since}
        and lat between ${point.lat - dLat} and ${point.lat + dLat}
        and lon between ${point.lon - dLon} and ${point.lon + dLon}
    ) near
    where distance_m <= ${radiusM}
    order by distance_m`.execute(db)
  return result.rows
}

export function listOpenIncidentsByIds(db: Db, ids: string[]): Promise<IncidentRow[]> {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('id', 'in', ids)
    .where('status', '<>', 'closed')
    .execute()
}

export function insertIncident(db: Db, row: NewIncidentRow): Promise<IncidentRow> {
  return db.insertInto('incidents').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateIncident(db: Db, id: string, update: IncidentUpdate): Promise<IncidentRow> {
  return db
    .updateTable('incidents')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * The next number of an agency's year. The counter row's lock serialises writers of the same
 * agency only; a rolled-back transaction leaves a gap, never a reused number.
 */
export async function takeIncidentNumber(
  trx: Trx,
  agencyId: string,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('incident_number_counters')
    .values({ agency_id: agencyId, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet((eb) => ({
        last_value: eb('incident_number_counters.last_value', '+', 1),
      })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return row.last_value
}

export function findNatureCode(db: Db, code: string): Promise<NatureCodeRow | undefined> {
  return db.selectFrom('nature_codes').selectAll().where('code', '=', code).executeTakeFirst()
}

export function listNatureCodes(db: Db): Promise<NatureCodeRow[]> {
  return db
    .selectFrom('nature_codes')
    .selectAll()
    .where('is_active', '=', true)
    .orderBy('code')
    .execute()
}

export function findDisposition(db: Db, code: string): Promise<DispositionRow | undefined> {
  return db
    .selectFrom('dispositions')
    .selectAll()
    .where('code', '=', code)
    .where('is_active', '=', true)
    .executeTakeFirst()
}

export function listDispositions(db: Db): Promise<DispositionRow[]> {
  return db
    .selectFrom('dispositions')
    .selectAll()
    .where('is_active', '=', true)
    .orderBy('code')
    .execute()
}

/** The run card for a nature code in a town: the town's own lines, or else the center-wide ones. */
export async function listResponsePlan(
  db: Db,
  natureCode: string,
  town: string | null,
): Promise<ResponsePlanRow[]> {
  const rows = await db
    .selectFrom('response_plans')
    .selectAll()
    .where('nature_code', '=', natureCode)
    .where((eb) =>
      eb.or([
        eb('town', 'is', null),
        ...(town ? [eb(eb.fn('lower', ['town']), '=', town.toLowerCase())] : []),
      ]),
    )
    .orderBy('alarm_level')
    .orderBy('unit_type')
    .execute()
  const own = rows.filter((row) => row.town !== null)
  return own.length > 0 ? own : rows
}

/** Holds the nature code's row until the transaction ends: one run-card change at a time. */
export function lockNatureCode(trx: Trx, code: string): Promise<NatureCodeRow | undefined> {
  return trx
    .selectFrom('nature_codes')
    .selectAll()
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst()
}

/** One card: a town's own lines, or the center-wide ones (town null). */
export function listRunCardLines(
  db: Db,
  natureCode: string,
  town: string | null,
): Promise<ResponsePlanRow[]> {
  return db
    .selectFrom('response_plans')
    .selectAll()
    .where('nature_code', '=', natureCode)
    .where('town', town === null ? 'is' : '=', town)
    .orderBy('alarm_level')
    .orderBy('unit_type')
    .execute()
}

export async function replaceRunCardLines(
  trx: Trx,
  natureCode: string,
  town: string | null,
  lines: RunCardLine[],
): Promise<void> {
  await trx
    .deleteFrom('response_plans')
    .where('nature_code', '=', natureCode)
    .where('town', town === null ? 'is' : '=', town)
    .execute()
  if (lines.length === 0) return
  await trx
    .insertInto('response_plans')
    .values(
      lines.map((line) => ({
        nature_code: natureCode,
        town,
        alarm_level: line.alarmLevel,
        unit_type: line.unitType,
        unit_count: line.unitCount,
      })),
    )
    .execute()
}

export function listResponsePlans(db: Db): Promise<ResponsePlanRow[]> {
  return db
    .selectFrom('response_plans')
    .selectAll()
    .orderBy('nature_code')
    .orderBy('town')
    .orderBy('alarm_level')
    .orderBy('unit_type')
    .execute()
}

export function listNotes(db: Db, incidentId: string): Promise<IncidentNoteRow[]> {
  return db
    .selectFrom('incident_notes')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findNote(db: Db, id: string): Promise<IncidentNoteRow | undefined> {
  return db.selectFrom('incident_notes').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertNote(
  db: Db,
  row: {
    incidentId: string
    text: string
    supersedesNoteId: string | null
    userId: string | null
    positionId: string | null
    at: Date
  },
): Promise<IncidentNoteRow> {
  return db
    .insertInto('incident_notes')
    .values({
      incident_id: row.incidentId,
      text: row.text,
      supersedes_note_id: row.supersedesNoteId,
      author_user_id: row.userId,
      author_position_id: row.positionId,
      created_at: row.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}
