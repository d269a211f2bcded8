import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import type { Ctx } from '../../http/context.ts'
import type { OutboxMessageRow } from './messaging.table.ts'
import { claimPending, recordAttempt } from './outbox.repository.ts'

const BATCH = 20
/** A message the provider refused this many times is left failed for a person to look at. */
const MAX_ATTEMPTS = 5

export interface MessageProvider {
  url: string
  token: string | null
}

/**
 * Sends pending outbox messages through the HTTP provider (a text and voice gateway): one POST
 * per message with its id, so a provider that deduplicates never sends one twice. Each batch is
 * claimed with SKIP LOCKED inside a transaction, so several nodes share the work.
 */
export function startOutboxDelivery(options: {
  ctx: () => Ctx
  provider: MessageProvider
  intervalMs: number
  log: Logger
}): PeriodicJob {
  return startPeriodicJob({
    name: 'outbox delivery',
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => deliverBatch(options.ctx(), options.provider),
  })
}

export async function deliverBatch(ctx: Ctx, provider: MessageProvider): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const messages = await claimPending(trx, BATCH)
    for (const message of messages) {
      const outcome = await send(provider, message)
      const failed = outcome.error !== null
      await recordAttempt(trx, message.id, {
        status: !failed ? 'sent' : message.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending',
        error: outcome.error,
        providerId: outcome.providerId,
        at: ctx.now(),
      })
    }
    return messages.length
  })
}

async function send(
  provider: MessageProvider,
  message: OutboxMessageRow,
): Promise<{ error: string | null; providerId: string | null }> {
  try {
    const response = await fetch(provider.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(provider.token ? { authorization: `Bearer ${provider.token}` } : {}),
      },
      body: JSON.stringify({
        id: message.id,
        channel: message.channel,
        to: message.recipient,
        body: message.body,
      }),
      signal: AbortSignal.timeout(10_000),
    })
    if (!response.ok) return { error: `provider answered ${response.status}`, providerId: null }
    const answer = (await response.json().catch(() => ({}))) as { id?: unknown }
    return { error: null, providerId: typeof answer.id === 'string' ? answer.id : null }
  } catch (error) {
    return { error: (error as Error).message, providerId: null }
  }
}
