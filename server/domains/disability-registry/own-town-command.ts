import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import type { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { coordinatorTown, isOwnTown, requireStaff } from './disability-registry.policy.ts'

export const COMPONENT = 'disability_registry'

/**
 * Runs `command` on a registry record of the coordinator's own town and audits it as
 * `eventType`. A record of another town, or none, is refused with the same not-found error, and
 * the refusal is audited in a transaction that commits, so the denial stays on record.
 */
export async function ownTownCommand<R extends { town: string; town_key: string }, T>(
  ctx: Ctx,
  record: {
    id: string
    subjectType: string
    lock: (trx: Trx, id: string) => Promise<R | undefined>
    notFound: () => AppError
  },
  eventType: string,
  command: (trx: Trx, row: R) => Promise<T>,
): Promise<T> {
  const actor = requireStaff(ctx)
  const subject = { type: record.subjectType, id: record.id }
  const outcome = await runCommand(ctx, async (trx) => {
    const town = await coordinatorTown(trx, actor)
    const row = await record.lock(trx, record.id)
    if (!row || !isOwnTown(town, row.town_key)) {
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType,
        outcome: 'denied',
        subject,
        details: {
          reason: !row ? 'not_found' : town ? 'other_town' : 'no_town',
          town: town?.town ?? null,
        },
      })
      return { refused: true as const }
    }
    const value = await command(trx, row)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType,
      subject,
      details: { town: row.town },
    })
    return { refused: false as const, value }
  })
  if (outcome.refused) throw record.notFound()
  return outcome.value
}
