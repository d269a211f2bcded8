import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type {
  CustodyRow,
  NewCustodyRow,
  NewRecordingRow,
  RecordingRow,
  RecordingUpdate,
} from './recordings.table.ts'

/** A recording with the username of whoever placed its legal hold. */
export type RecordingView = RecordingRow & { legal_hold_by_username: string | null }

function selectRecordings(db: Db) {
  return db
    .selectFrom('recordings')
    .leftJoin('users as hold_user', 'hold_user.id', 'recordings.legal_hold_by_user_id')
    .selectAll('recordings')
    .select('hold_user.username as legal_hold_by_username')
}

export function findRecording(db: Db, id: string): Promise<RecordingView | undefined> {
  return selectRecordings(db).where('recordings.id', '=', id).executeTakeFirst()
}

/** Takes the row's lock, so holds, redactions and expiry of one recording run one at a time. */
export async function lockRecording(db: Db, id: string): Promise<RecordingView | undefined> {
  const locked = await db
    .selectFrom('recordings')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  return locked ? findRecording(db, id) : undefined
}

export function listRecordingsOfCall(db: Db, callId: string): Promise<RecordingView[]> {
  return selectRecordings(db)
    .where('recordings.call_id', '=', callId)
    .orderBy('recordings.started_at')
    .orderBy('recordings.created_at')
    .orderBy('recordings.id')
    .execute()
}

export function listRecordingsByIds(db: Db, ids: string[]): Promise<RecordingView[]> {
  if (ids.length === 0) return Promise.resolve([])
  return selectRecordings(db).where('recordings.id', 'in', ids).execute()
}

/** Audio originals per call (redacted copies and transcripts are not counted). */
export async function countAudioOriginals(db: Db, callIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (callIds.length === 0) return counts
  const rows = await db
    .selectFrom('recordings')
    .select(['call_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('call_id', 'in', callIds)
    .where('kind', '=', 'audio')
    .where('derived_from_id', 'is', null)
    .groupBy('call_id')
    .execute()
  for (const row of rows) counts.set(row.call_id, Number(row.count))
  return counts
}

export function insertRecording(db: Db, row: NewRecordingRow): Promise<RecordingRow> {
  return db.insertInto('recordings').values(row).returningAll().executeTakeFirstOrThrow()
}

export function updateRecording(
  db: Db,
  id: string,
  update: RecordingUpdate,
): Promise<RecordingRow> {
  return db
    .updateTable('recordings')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Rows whose media is due for deletion: retention over, media still there, no legal hold on
 * them nor on the original they were derived from.
 */
export function listExpiredRecordings(db: Db, now: Date, limit: number): Promise<RecordingRow[]> {
  return db
    .selectFrom('recordings')
    .selectAll('recordings')
    .where('recordings.retain_until', '<=', now)
    .where('recordings.media_deleted_at', 'is', null)
    .where('recordings.legal_hold_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('recordings.derived_from_id', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('recordings as original')
              .select(sql.lit(1).as('one'))
              .whereRef('original.id', '=', 'recordings.derived_from_id')
              .where('original.legal_hold_at', 'is not', null),
          ),
        ),
      ]),
    )
    .orderBy('recordings.retain_until')
    .limit(limit)
    .execute()
}

export function insertCustody(db: Db, row: NewCustodyRow): Promise<CustodyRow> {
  return db.insertInto('recording_custody').values(row).returningAll().executeTakeFirstOrThrow()
}

export function listCustody(db: Db, recordingId: string): Promise<CustodyRow[]> {
  return db
    .selectFrom('recording_custody')
    .selectAll()
    .where('recording_id', '=', recordingId)
    .orderBy('at')
    .orderBy('id')
    .execute()
}

/** Calls released or closed since `since` that have no recording yet (the demo recorder's work). */
export function listCallsWithoutRecording(db: Db, since: Date, limit: number) {
  return db
    .selectFrom('calls')
    .selectAll('calls')
    .where((eb) =>
      eb.or([eb('calls.released_at', '>=', since), eb('calls.closed_at', '>=', since)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('recordings')
            .select(sql.lit(1).as('one'))
            .whereRef('recordings.call_id', '=', 'calls.id'),
        ),
      ),
    )
    .orderBy('calls.arrived_at')
    .limit(limit)
    .execute()
}
