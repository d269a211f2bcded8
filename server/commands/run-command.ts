import type { Ctx } from '../http/context.ts'
import type { Trx } from '../db/schema.ts'
import { AppError } from '../http/errors.ts'
import { beginEvents, writeEvents } from '../events/event-log.ts'
import { claimIdempotencyKey, storeIdempotentResult } from './idempotency.repository.ts'

/**
 * Runs a command in ONE transaction: its events, read-table changes and audit row commit
 * together or not at all, and the caller's reply waits for the commit. Then the live stream is
 * signalled. A request repeated with the same Idempotency-Key gets the first result back instead
 * of running twice (a phone system or console retrying after a lost reply).
 *
 * A transaction PostgreSQL rolls back to break a deadlock, or one that threw `CommandRetry`, is
 * run again, up to five times.
 *
 * The result must be plain JSON (strings for times) when an Idempotency-Key may be given.
 */
export async function runCommand<T>(ctx: Ctx, command: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(ctx, command)
    } catch (error) {
      // The transaction was rolled back (a deadlock PostgreSQL broke, a serialisation conflict,
      // a lock taken out of order): nothing of it was written, so running it again is safe.
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) {
        throw error
      }
    }
  }
}

/**
 * Thrown by a command that finds, with its locks taken, that it needs a row it should have
 * locked first (taking it now would break the lock order). Nothing is written; it runs again.
 */
export class CommandRetry extends Error {
  readonly code = 'command_retry'
}

/** Deadlock detected, serialisation failure, `CommandRetry`. */
const RETRYABLE = new Set(['40P01', '40001', 'command_retry'])
const MAX_ATTEMPTS = 5

async function runOnce<T>(ctx: Ctx, command: (trx: Trx) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    beginEvents(trx)
    const { idempotency, actor } = ctx
    if (!idempotency || !actor) {
      const value = await command(trx)
      await writeEvents(trx)
      return value
    }
    const claim = await claimIdempotencyKey(
      trx,
      actor.userId,
      idempotency.key,
      idempotency.requestHash,
    )
    if (!claim.claimed) {
      if (claim.requestHash !== idempotency.requestHash) {
        throw new AppError(
          'idempotency_key_reused',
          'Idempotency-Key: this key was used for a different request',
          'Idempotency-Key',
        )
      }
      return claim.result as T
    }
    const value = await command(trx)
    await writeEvents(trx)
    await storeIdempotentResult(trx, actor.userId, idempotency.key, value)
    return value
  })
  ctx.commits.committed()
  return result
}
