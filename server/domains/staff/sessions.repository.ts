import type { Db } from '../../db/schema.ts'
import type { NewSessionRow } from './sessions.table.ts'

export interface SessionWithUser {
  id: string
  csrf_token: string
  last_seen_at: Date
  ended_at: Date | null
  user_id: string
  username: string
  display_name: string
  roles: string[]
  agency_id: string | null
  is_active: boolean
  position_id: string | null
  position_code: string | null
  position_name: string | null
}

export function findSessionWithUser(db: Db, id: string): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('positions as p', 'p.id', 's.position_id')
    .select([
      's.id',
      's.csrf_token',
      's.last_seen_at',
      's.ended_at',
      's.user_id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.agency_id',
      'u.is_active',
      's.position_id',
      'p.code as position_code',
      'p.name as position_name',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
}

export async function insertSession(db: Db, row: NewSessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute()
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute()
}

export async function endSession(db: Db, id: string, at: Date, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute()
}

/** Ends a user's open sessions; returns the ids ended. */
export async function endSessionsOfUser(
  db: Db,
  userId: string,
  at: Date,
  reason: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: at, end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

/** Of the given sessions, those still open and not idle past `idleSince`. */
export async function listOpenSessionIds(
  db: Db,
  ids: string[],
  idleSince: Date,
): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', 'in', ids)
    .where('ended_at', 'is', null)
    .where('last_seen_at', '>', idleSince)
    .execute()
  return rows.map((row) => row.id)
}
