import { sql } from 'kysely'
import type { Trx } from '../db/schema.ts'

/**
 * Claims a key for this transaction. A concurrent holder of the same key makes this wait until
 * it commits or rolls back; returns the stored result when the key was used before.
 */
export async function claimIdempotencyKey(
  trx: Trx,
  userId: string,
  key: string,
  requestHash: string,
): Promise<{ claimed: true } | { claimed: false; requestHash: string; result: unknown }> {
  const inserted = await sql<{ key: string }>`
    insert into idempotency_keys (user_id, key, request_hash, result)
    values (${userId}, ${key}, ${requestHash}, 'null'::jsonb)
    on conflict do nothing
    returning key`.execute(trx)
  if (inserted.rows.length > 0) return { claimed: true }
  const prior = await trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'result'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow()
  return { claimed: false, requestHash: prior.request_hash, result: prior.result }
}

export async function storeIdempotentResult(
  trx: Trx,
  userId: string,
  key: string,
  result: unknown,
): Promise<void> {
  await sql`
    update idempotency_keys set result = ${JSON.stringify(result ?? null)}::jsonb
    where user_id = ${userId} and key = ${key}`.execute(trx)
}
