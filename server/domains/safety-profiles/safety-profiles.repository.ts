import type { Db } from '../../db/schema.ts'
import type {
  NewSafetyProfileRow,
  SafetyProfilePhotoRow,
  SafetyProfileRow,
} from './safety-profiles.table.ts'

export function findProfile(db: Db, accountId: string): Promise<SafetyProfileRow | undefined> {
  return db
    .selectFrom('safety_profiles')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst()
}

export function lockProfile(db: Db, accountId: string): Promise<SafetyProfileRow | undefined> {
  return db
    .selectFrom('safety_profiles')
    .selectAll()
    .where('account_id', '=', accountId)
    .forUpdate()
    .executeTakeFirst()
}

/** Inserts the profile or replaces its content; either way it counts as confirmed now. */
export function upsertProfile(db: Db, row: NewSafetyProfileRow): Promise<SafetyProfileRow> {
  return db
    .insertInto('safety_profiles')
    .values(row)
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        content: row.content,
        confirmed_at: row.confirmed_at,
        updated_at: row.updated_at,
        reminded_at: null,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function markConfirmed(db: Db, accountId: string, at: Date): Promise<SafetyProfileRow> {
  return db
    .updateTable('safety_profiles')
    .set({ confirmed_at: at, reminded_at: null })
    .where('account_id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** The members that have a photo on file (ids only: the bytes stay where they are). */
export async function listPhotoMemberIds(db: Db, accountId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('safety_profile_photos')
    .select('member_id')
    .where('account_id', '=', accountId)
    .execute()
  return new Set(rows.map((row) => row.member_id))
}

/** Drops the photos of members no longer in the profile. */
export async function deletePhotosExcept(
  db: Db,
  accountId: string,
  keepMemberIds: string[],
): Promise<number> {
  let query = db.deleteFrom('safety_profile_photos').where('account_id', '=', accountId)
  if (keepMemberIds.length > 0) query = query.where('member_id', 'not in', keepMemberIds)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function upsertPhoto(db: Db, row: SafetyProfilePhotoRow): Promise<void> {
  await db
    .insertInto('safety_profile_photos')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['account_id', 'member_id']).doUpdateSet({
        content_type: row.content_type,
        byte_size: row.byte_size,
        bytes: row.bytes,
        uploaded_at: row.uploaded_at,
      }),
    )
    .execute()
}

export function findPhoto(
  db: Db,
  accountId: string,
  memberId: string,
): Promise<SafetyProfilePhotoRow | undefined> {
  return db
    .selectFrom('safety_profile_photos')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('member_id', '=', memberId)
    .executeTakeFirst()
}

/** Profiles confirmed before `before` whose reminder has not gone yet, oldest first. */
export function listProfilesToRemind(db: Db, before: Date, limit: number) {
  return db
    .selectFrom('safety_profiles')
    .select(['account_id', 'confirmed_at'])
    .where('reminded_at', 'is', null)
    .where('confirmed_at', '<=', before)
    .orderBy('confirmed_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

export async function markReminded(db: Db, accountId: string, at: Date): Promise<void> {
  await db
    .updateTable('safety_profiles')
    .set({ reminded_at: at })
    .where('account_id', '=', accountId)
    .execute()
}
