import type {
  AlertDraftBody,
  AlertPreview,
  AlertView,
  ListAlertsQuery,
} from '@common/api/alerts.ts'
import type { z } from 'zod'
import { runCommand } from '../../commands/run-command.ts'
import type { Db, Trx } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import {
  EMERGENCY_PRIORITY,
  estimateDrainSeconds,
  NOTICE_PRIORITY,
  queueAlertDeliveries,
  queuedBacklog,
} from '../alert-delivery/index.ts'
import { recordAudit } from '../audit/index.ts'
import { unknownTowns } from './alert-areas.ts'
import { presentAlert } from './alerts.presenter.ts'
import * as repo from './alerts.repository.ts'
import type { AlertRow } from './alerts.table.ts'
import { selectRecipients, thinPoints, type Selection } from './recipients.ts'
import { blockedSend, needsApproval, sendChecks } from './send-checks.ts'

const COMPONENT = 'alerts'
/** Points drawn on the preview map at most. */
const SAMPLE_LIMIT = 2000
const READERS = ['alert_operator', 'supervisor', 'administrator'] as const

function actorOf(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('not_authenticated', 'log on first')
  return ctx.actor
}

export async function listAlertViews(
  ctx: Ctx,
  query: z.infer<typeof ListAlertsQuery>,
): Promise<AlertView[]> {
  return (await repo.listAlerts(ctx.db, query)).map(presentAlert)
}

export async function getAlert(ctx: Ctx, id: string): Promise<AlertView> {
  return presentAlert(await found(ctx.db, id))
}

async function found(db: Db, id: string) {
  const row = await repo.findAlert(db, id)
  if (!row) throw new AppError('alert_not_found', 'no such alert')
  return row
}

export async function createDraft(ctx: Ctx, body: AlertDraftBody): Promise<AlertView> {
  const actor = actorOf(ctx)
  const id = await runCommand(ctx, async (trx) => {
    await checkDraft(trx, body)
    const now = ctx.now()
    const id = await repo.insertAlert(trx, {
      ...repo.draftColumns(body),
      identifier: await newIdentifier(trx, now),
      msg_type: 'Alert',
      references_alert_id: null,
      created_by: actor.userId,
      created_at: now,
    })
    await changed(trx, ctx, id, 'drafted', {})
    return id
  })
  return getAlert(ctx, id)
}

export async function editDraft(ctx: Ctx, id: string, body: AlertDraftBody): Promise<AlertView> {
  await runCommand(ctx, async (trx) => {
    const alert = await lockedDraft(trx, id)
    await checkDraft(trx, body)
    await repo.updateAlert(trx, id, {
      ...repo.draftColumns(body),
      // A Cancel keeps its original's kind; an edited exclusion must be confirmed again.
      status: alert.msg_type === 'Alert' ? body.status : alert.status,
      exclude_confirmed: false,
      updated_at: ctx.now(),
    })
    await changed(trx, ctx, id, 'edited', {})
  })
  return getAlert(ctx, id)
}

export async function discardDraft(ctx: Ctx, id: string): Promise<AlertView> {
  await runCommand(ctx, async (trx) => {
    await lockedDraft(trx, id)
    await repo.updateAlert(trx, id, { state: 'discarded', updated_at: ctx.now() })
    await changed(trx, ctx, id, 'discarded', {})
  })
  return getAlert(ctx, id)
}

/** What sending would do now: recipients per channel, where they are, and how long it takes. */
export async function previewAlert(ctx: Ctx, id: string): Promise<AlertPreview> {
  return ctx.db.transaction().execute(async (trx) => {
    const alert = await found(trx, id)
    const selection = await select(trx, alert)
    const estimate = estimateDrainSeconds(ctx.config.alerts, {
      byChannel: selection.byChannel,
      byExchange: selection.byExchange,
      backlog: await queuedBacklog(trx),
    })
    return {
      subscribers: selection.subscribers,
      deliveries: selection.byChannel,
      points: thinPoints(selection.places, SAMPLE_LIMIT),
      sampleLimit: SAMPLE_LIMIT,
      estimateSeconds: estimate.seconds,
      estimateByChannel: estimate.byChannel,
      // The exclusion is confirmed only by the send itself: the preview always asks for it.
      checks: sendChecks(
        { ...alert, exclude_confirmed: false },
        ctx.config.alerts,
        selection.contacts.length,
      ),
      selectionMs: Math.round(selection.selectionMs * 10) / 10,
    }
  })
}

/**
 * Sends a draft: refused while a check stands (no include area, an unconfirmed exclusion, a
 * short text phones cannot show, nobody inside); an emergency to a whole town waits for a
 * second operator. Otherwise every delivery is queued in this transaction, durably.
 */
export async function sendAlert(
  ctx: Ctx,
  id: string,
  body: { confirmExclude: boolean },
): Promise<AlertView> {
  const actor = actorOf(ctx)
  await runCommand(ctx, async (trx) => {
    const alert = await lockedDraft(trx, id)
    const now = ctx.now()
    const submitted: AlertRow = {
      ...alert,
      exclude_confirmed: hasExclude(alert) && body.confirmExclude,
      submitted_by: actor.userId,
      submitted_at: now,
    }
    const approval = needsApproval(submitted, ctx.config.alerts)
    const selection = await select(trx, submitted)
    refuseWhileBlocked(submitted, ctx, selection)
    await repo.updateAlert(trx, id, {
      exclude_confirmed: submitted.exclude_confirmed,
      submitted_by: actor.userId,
      submitted_at: now,
      approval_required: approval,
      ...(approval ? { state: 'awaiting_approval' as const } : {}),
      updated_at: now,
    })
    if (approval) {
      await changed(trx, ctx, id, 'submitted_for_approval', {
        recipients: selection.contacts.length,
      })
      return
    }
    await release(trx, ctx, submitted, selection)
  })
  return getAlert(ctx, id)
}

/** A second operator approves an alert waiting for it: it is sent at once. */
export async function approveAlert(ctx: Ctx, id: string): Promise<AlertView> {
  const actor = actorOf(ctx)
  await runCommand(ctx, async (trx) => {
    const alert = await awaitingApproval(trx, id)
    if (alert.submitted_by === actor.userId || alert.created_by === actor.userId) {
      throw new AppError(
        'alert_self_approval',
        'a second operator must approve: you drafted or submitted this alert',
      )
    }
    const now = ctx.now()
    const approved = { ...alert, approved_by: actor.userId, approved_at: now }
    const selection = await select(trx, approved)
    refuseWhileBlocked(approved, ctx, selection)
    await repo.updateAlert(trx, id, { approved_by: actor.userId, approved_at: now })
    await release(trx, ctx, approved, selection)
  })
  return getAlert(ctx, id)
}

export async function rejectAlert(ctx: Ctx, id: string, reason: string): Promise<AlertView> {
  await runCommand(ctx, async (trx) => {
    await awaitingApproval(trx, id)
    await repo.updateAlert(trx, id, {
      state: 'rejected',
      rejected_reason: reason,
      updated_at: ctx.now(),
    })
    await changed(trx, ctx, id, 'rejected', { reason })
  })
  return getAlert(ctx, id)
}

/**
 * A new draft that updates or cancels a sent alert: it references it, starts from its content
 * and reaches everyone the original reached (an Update also reaches its own area).
 */
export async function deriveAlert(
  ctx: Ctx,
  id: string,
  msgType: 'Update' | 'Cancel',
): Promise<AlertView> {
  const actor = actorOf(ctx)
  const newId = await runCommand(ctx, async (trx) => {
    const original = await repo.lockAlert(trx, id)
    if (!original) throw new AppError('alert_not_found', 'no such alert')
    if (original.state !== 'sending' && original.state !== 'sent') {
      throw new AppError(
        'alert_not_editable',
        `only a sent alert can be ${msgType === 'Update' ? 'updated' : 'cancelled'}`,
      )
    }
    const now = ctx.now()
    const newId = await repo.insertAlert(trx, {
      template_id: original.template_id,
      status: original.status,
      notice_category: original.notice_category,
      cap_category: original.cap_category,
      event: original.event,
      urgency: msgType === 'Cancel' ? 'Past' : original.urgency,
      severity: msgType === 'Cancel' ? 'Minor' : original.severity,
      certainty: original.certainty,
      texts: JSON.stringify(original.texts),
      areas: JSON.stringify(original.areas),
      channels: original.channels,
      expires_at: original.expires_at,
      identifier: await newIdentifier(trx, now),
      msg_type: msgType,
      references_alert_id: original.id,
      created_by: actor.userId,
      created_at: now,
    })
    await changed(trx, ctx, newId, msgType === 'Update' ? 'update_drafted' : 'cancel_drafted', {
      references: original.identifier,
    })
    return newId
  })
  return getAlert(ctx, newId)
}

/** Called by the delivery side when an alert's last delivery is done. */
export async function markAlertSent(ctx: Ctx, alertId: string): Promise<void> {
  await runCommand(ctx, async (trx) => {
    const alert = await repo.lockAlert(trx, alertId)
    if (!alert || alert.state !== 'sending') return
    await repo.updateAlert(trx, alertId, { state: 'sent', updated_at: ctx.now() })
    await changed(trx, ctx, alertId, 'delivered', {})
  })
}

async function release(trx: Trx, ctx: Ctx, alert: AlertRow, selection: Selection): Promise<void> {
  const now = ctx.now()
  const priority = alert.notice_category === 'emergency' ? EMERGENCY_PRIORITY : NOTICE_PRIORITY
  // What waits ahead of this alert, counted before its own deliveries join the queue.
  const backlog = await queuedBacklog(trx)
  const { queued } = await queueAlertDeliveries(
    trx,
    { id: alert.id, priority },
    selection.contacts.map((contact) => ({
      subscriberId: contact.subscriberId,
      contactId: contact.contactId,
      channel: contact.channel,
      address: contact.address,
      language: contact.language,
    })),
  )
  const estimate = estimateDrainSeconds(ctx.config.alerts, {
    byChannel: selection.byChannel,
    byExchange: selection.byExchange,
    backlog,
  })
  await repo.updateAlert(trx, alert.id, {
    state: 'sending',
    sent_at: now,
    recipient_count: selection.subscribers,
    estimate_seconds: estimate.seconds,
    updated_at: now,
  })
  await changed(trx, ctx, alert.id, 'sent', {
    subscribers: selection.subscribers,
    deliveries: queued,
    byChannel: selection.byChannel,
    estimateSeconds: estimate.seconds,
    approvedBy: alert.approved_by,
  })
}

function refuseWhileBlocked(alert: AlertRow, ctx: Ctx, selection: Selection): void {
  const blocking = sendChecks(alert, ctx.config.alerts, selection.contacts.length).filter(
    (check) => check !== 'needs_approval',
  )
  if (blocking.length > 0) throw blockedSend(alert, blocking[0]!)
}

async function select(db: Db, alert: AlertRow): Promise<Selection> {
  const referenced = await repo.referenceChain(db, alert)
  return selectRecipients(db, alert, await repo.townBoundaries(db), referenced)
}

function hasExclude(alert: Pick<AlertRow, 'areas'>): boolean {
  return alert.areas.some((area) => area.mode === 'exclude')
}

async function lockedDraft(trx: Trx, id: string): Promise<AlertRow> {
  const alert = await repo.lockAlert(trx, id)
  if (!alert) throw new AppError('alert_not_found', 'no such alert')
  if (alert.state !== 'draft') {
    throw new AppError(
      'alert_not_editable',
      `the alert is ${alert.state.replace('_', ' ')}, not a draft`,
    )
  }
  return alert
}

async function awaitingApproval(trx: Trx, id: string): Promise<AlertRow> {
  const alert = await repo.lockAlert(trx, id)
  if (!alert) throw new AppError('alert_not_found', 'no such alert')
  if (alert.state !== 'awaiting_approval') {
    throw new AppError('alert_not_editable', 'the alert is not waiting for approval')
  }
  return alert
}

async function checkDraft(db: Db, body: AlertDraftBody): Promise<void> {
  const unknown = unknownTowns(body.areas, await repo.townBoundaries(db))
  if (unknown.length > 0) {
    throw new AppError('invalid_input', `areas: no town named ${unknown.join(', ')}`, 'areas')
  }
  if (body.templateId && !(await repo.findTemplate(db, body.templateId))) {
    throw new AppError('invalid_input', 'templateId: no such template', 'templateId')
  }
}

async function newIdentifier(db: Db, now: Date): Promise<string> {
  const year = now.getUTCFullYear()
  const number = await repo.nextIdentifierNumber(db, year)
  return `ECC-${year}-${String(number).padStart(6, '0')}`
}

/** The alert's event for the consoles and its audit row, in the command's transaction. */
async function changed(
  trx: Trx,
  ctx: Ctx,
  alertId: string,
  act: string,
  details: Record<string, unknown>,
): Promise<void> {
  const alert = await repo.lockAlert(trx, alertId)
  if (!alert) return
  appendEvent(trx, ctx, {
    type: 'alert.changed',
    stream: `alert:${alertId}`,
    payload: {
      alertId,
      identifier: alert.identifier,
      state: alert.state,
      status: alert.status,
      msgType: alert.msg_type,
    },
    audience: { roles: [...READERS] },
  })
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: `alert.${act}`,
    subject: { type: 'alert', id: alertId },
    details: { identifier: alert.identifier, status: alert.status, ...details },
  })
}
