import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import { listActiveContacts } from '../residents/index.ts'
import * as profiles from './safety-profiles.repository.ts'
import { COMPONENT } from './safety-profiles.service.ts'

const BATCH = 200

/**
 * E-mails each resident whose profile has gone `staleDays` without re-confirmation, once per
 * confirmation (re-confirming or saving clears `reminded_at`). Rows are taken with SKIP LOCKED,
 * so several nodes may run this at once without sending twice.
 */
export async function sendProfileReminders(ctx: Ctx): Promise<number> {
  return runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const before = new Date(now.getTime() - ctx.config.safetyProfile.staleDays * 86_400_000)
    const due = await profiles.listProfilesToRemind(trx, before, BATCH)
    const contacts = new Map(
      (
        await listActiveContacts(
          trx,
          due.map((p) => p.account_id),
        )
      ).map((c) => [c.id, c]),
    )
    for (const profile of due) {
      const contact = contacts.get(profile.account_id)
      // A closed account is not written to; marking it keeps it out of the next batches.
      if (contact) {
        await queueMessage(trx, ctx, {
          channel: 'email',
          recipient: contact.email,
          purpose: 'safety_profile_reminder',
          body:
            `Hello ${contact.display_name}, your 911 safety profile was last confirmed on ` +
            `${profile.confirmed_at.toISOString().slice(0, 10)}. Call takers now see it marked as ` +
            'out of date. Please log on to the resident portal, check it, and confirm it.',
        })
      }
      await profiles.markReminded(trx, profile.account_id, now)
      await recordAudit(trx, ctx, {
        component: COMPONENT,
        eventType: 'safety_profile.reminder_queued',
        subject: { type: 'safety_profile', id: profile.account_id },
      })
    }
    return due.length
  })
}

export function startProfileReminders(options: {
  ctx: () => Ctx
  intervalMs: number
  log: Logger
}): PeriodicJob {
  return startPeriodicJob({
    name: 'profile reminders',
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => sendProfileReminders(options.ctx()),
  })
}
