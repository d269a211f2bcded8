import { sql, type Insertable } from 'kysely'
import type { Db, Trx } from '../../db/schema.ts'
import type { StatutoryHoliday } from './business-days.ts'
import type {
  NewRecordsRequestRow,
  RecordsPaymentRow,
  RecordsReleaseFileRow,
  RecordsReleaseFilesTable,
  RecordsRequestRow,
  RecordsRequestUpdate,
} from './records-requests.table.ts'

// ---- The holiday calendar --------------------------------------------------------------------

export interface HolidayRow {
  date: string
  name: string
  source: 'statute' | 'edited'
}

const holidayDate = sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date')

/** Fills a year's statutory holidays once; later edits and removals are never overwritten. */
export async function fillHolidayYear(
  db: Db,
  year: number,
  holidays: StatutoryHoliday[],
  now: Date,
): Promise<void> {
  const claimed = await db
    .insertInto('records_holiday_years')
    .values({ year, filled_at: now })
    .onConflict((oc) => oc.column('year').doNothing())
    .returning('year')
    .executeTakeFirst()
  if (!claimed || holidays.length === 0) return
  await db
    .insertInto('records_holidays')
    .values(holidays.map((h) => ({ date: h.date, name: h.name, source: 'statute' as const })))
    .onConflict((oc) => oc.column('date').doNothing())
    .execute()
}

export async function listFilledYears(db: Db, years: number[]): Promise<number[]> {
  if (years.length === 0) return []
  const rows = await db
    .selectFrom('records_holiday_years')
    .select('year')
    .where('year', 'in', years)
    .execute()
  return rows.map((row) => row.year)
}

/** The holidays in force (not removed) from `from` to `to`, local dates inclusive. */
export async function listHolidays(db: Db, from: string, to: string): Promise<HolidayRow[]> {
  return db
    .selectFrom('records_holidays')
    .select([holidayDate, 'name', 'source'])
    .where('deleted', '=', false)
    .where(sql<boolean>`date between ${from}::date and ${to}::date`)
    .orderBy('records_holidays.date')
    .execute()
}

export async function upsertHoliday(db: Db, date: string, name: string): Promise<HolidayRow> {
  return db
    .insertInto('records_holidays')
    .values({ date, name, source: 'edited', deleted: false })
    .onConflict((oc) => oc.column('date').doUpdateSet({ name, source: 'edited', deleted: false }))
    .returning([holidayDate, 'name', 'source'])
    .executeTakeFirstOrThrow()
}

/** Marks a holiday removed; null when there is none in force on that date. */
export async function removeHoliday(db: Db, date: string): Promise<HolidayRow | null> {
  const row = await db
    .updateTable('records_holidays')
    .set({ deleted: true, source: 'edited' })
    .where(sql<boolean>`date = ${date}::date`)
    .where('deleted', '=', false)
    .returning([holidayDate, 'name', 'source'])
    .executeTakeFirst()
  return row ?? null
}

// ---- Requests --------------------------------------------------------------------------------

/** The next RR-<year>-<000001> number of a year (the counter row is locked until commit). */
export async function nextRequestNumber(trx: Trx, year: number): Promise<string> {
  const row = await trx
    .insertInto('records_request_counters')
    .values({ year, last_value: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ last_value: sql`records_request_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow()
  return `RR-${year}-${String(row.last_value).padStart(6, '0')}`
}

export async function insertRequest(
  trx: Trx,
  values: NewRecordsRequestRow,
): Promise<RecordsRequestRow> {
  return trx.insertInto('records_requests').values(values).returningAll().executeTakeFirstOrThrow()
}

export async function findRequest(db: Db, id: string): Promise<RecordsRequestRow | undefined> {
  return db.selectFrom('records_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockRequest(trx: Trx, id: string): Promise<RecordsRequestRow | undefined> {
  return trx
    .selectFrom('records_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateRequest(
  trx: Trx,
  id: string,
  update: RecordsRequestUpdate,
): Promise<RecordsRequestRow> {
  return trx
    .updateTable('records_requests')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function listRequestsOfAccount(
  db: Db,
  accountId: string,
): Promise<RecordsRequestRow[]> {
  return db
    .selectFrom('records_requests')
    .selectAll()
    .where('resident_account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .execute()
}

export async function listRequestsByState(
  db: Db,
  state: 'open' | 'closed' | 'all',
): Promise<RecordsRequestRow[]> {
  let query = db.selectFrom('records_requests').selectAll()
  if (state === 'open') {
    query = query.where('released_at', 'is', null).where('eligibility', '<>', 'refused')
  } else if (state === 'closed') {
    query = query.where((eb) =>
      eb.or([eb('released_at', 'is not', null), eb('eligibility', '=', 'refused')]),
    )
  }
  return query.orderBy('received_at').execute()
}

/**
 * Another request, not refused, by the same requester (portal account, or paper requester
 * e-mail) for the same call.
 */
export async function findOpenRequestForCall(
  db: Db,
  callId: string,
  requester: { accountId: string | null; email: string | null },
  exceptId: string,
): Promise<RecordsRequestRow | undefined> {
  const { accountId, email } = requester
  if (!accountId && !email) return undefined
  return db
    .selectFrom('records_requests')
    .selectAll()
    .where('call_id', '=', callId)
    .where('id', '<>', exceptId)
    .where('eligibility', '<>', 'refused')
    .where((eb) =>
      accountId
        ? eb('resident_account_id', '=', accountId)
        : eb.and([
            eb('source', '=', 'paper'),
            eb(sql<string>`lower(requester_email)`, '=', email!.toLowerCase()),
          ]),
    )
    .executeTakeFirst()
}

// ---- Calls in the CAD record ------------------------------------------------------------------

export interface CallSummaryRow {
  id: string
  arrived_at: Date
  ani: string | null
  line: string
  location_text: string | null
  town: string | null
  incident_number: string | null
  nature_code: string | null
}

/**
 * Calls that arrived in [from, to), each with its primary location (else its first) and its
 * incident. Reads the CAD tables directly (read-only): the search must be one indexed query
 * (calls_by_arrival, then call_locations_by_call per call).
 */
export function callsArrivedBetweenQuery(from: Date, to: Date, limit: number) {
  return sql<CallSummaryRow>`
    select c.id, c.arrived_at, c.ani, c.line, loc.location_text, loc.town,
           i.number as incident_number, i.nature_code
      from calls c
      left join lateral (
        select cl.location_text, cl.town from call_locations cl
         where cl.call_id = c.id
         order by cl.is_primary desc, cl.received_at
         limit 1
      ) loc on true
      left join incidents i on i.id = c.incident_id
     where c.arrived_at >= ${from} and c.arrived_at < ${to}
     order by c.arrived_at
     limit ${limit}`
}

export async function listCallsArrivedBetween(
  db: Db,
  from: Date,
  to: Date,
  limit: number,
): Promise<CallSummaryRow[]> {
  return (await callsArrivedBetweenQuery(from, to, limit).execute(db)).rows
}

export async function findCallSummary(db: Db, callId: string): Promise<CallSummaryRow | undefined> {
  const result = await sql<CallSummaryRow>`
    select c.id, c.arrived_at, c.ani, c.line, null::text as location_text, null::text as town,
           i.number as incident_number, i.nature_code
      from calls c
      left join incidents i on i.id = c.incident_id
     where c.id = ${callId}`.execute(db)
  return result.rows[0]
}

// ---- Payments ------------------------------------------------------------------------------

export type PaymentWithRecorder = RecordsPaymentRow & { recorded_by: string | null }

export async function listPayments(db: Db, requestIds: string[]): Promise<PaymentWithRecorder[]> {
  if (requestIds.length === 0) return []
  return db
    .selectFrom('records_request_payments as p')
    .leftJoin('users as u', 'u.id', 'p.recorded_by_user_id')
    .selectAll('p')
    .select('u.username as recorded_by')
    .where('p.request_id', 'in', requestIds)
    .orderBy('p.recorded_at')
    .execute()
}

export async function insertPayment(
  trx: Trx,
  values: Omit<RecordsPaymentRow, 'id'>,
): Promise<RecordsPaymentRow> {
  return trx
    .insertInto('records_request_payments')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()
}

// ---- Released files and their downloads -------------------------------------------------------

export type ReleaseFileWithCount = RecordsReleaseFileRow & { downloads: number }

export async function listReleaseFiles(
  db: Db,
  requestIds: string[],
): Promise<ReleaseFileWithCount[]> {
  if (requestIds.length === 0) return []
  return db
    .selectFrom('records_release_files as f')
    .selectAll('f')
    .select((eb) =>
      eb
        .selectFrom('records_downloads as d')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('d.file_id', '=', 'f.id')
        .as('downloads'),
    )
    .where('f.request_id', 'in', requestIds)
    .orderBy('f.created_at')
    .orderBy('f.file_name')
    .execute() as Promise<ReleaseFileWithCount[]>
}

export async function insertReleaseFile(
  trx: Trx,
  values: Insertable<RecordsReleaseFilesTable>,
): Promise<RecordsReleaseFileRow> {
  return trx
    .insertInto('records_release_files')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findReleaseFileByToken(
  db: Db,
  tokenSha256: string,
): Promise<RecordsReleaseFileRow | undefined> {
  return db
    .selectFrom('records_release_files')
    .selectAll()
    .where('token_sha256', '=', tokenSha256)
    .executeTakeFirst()
}

export async function findReleaseFile(
  db: Db,
  requestId: string,
  recordingId: string,
): Promise<RecordsReleaseFileRow | undefined> {
  return db
    .selectFrom('records_release_files')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('recording_id', '=', recordingId)
    .executeTakeFirst()
}

export async function insertDownload(
  trx: Trx,
  values: { file_id: string; at: Date; by: string; resident_account_id: string | null },
): Promise<void> {
  await trx.insertInto('records_downloads').values(values).execute()
}
