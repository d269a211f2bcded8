import { normalizePhone } from '@common/domain/phone.ts'
import { SUPPLEMENTAL_NOTICE, type CallSafetyProfile } from '@common/api/safety-profiles.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Actor, Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { findCall, type CallRow } from '../calls/index.ts'
import { findAccountByConfirmedPhone } from '../residents/index.ts'
import { canViewCallProfile, type CallProfileAccess } from './safety-profiles.policy.ts'
import { presentContent, staleAt } from './safety-profiles.presenter.ts'
import * as profiles from './safety-profiles.repository.ts'
import type { SafetyProfilePhotoRow, SafetyProfileRow } from './safety-profiles.table.ts'
import { COMPONENT } from './safety-profiles.service.ts'

/** Why the profile is withheld, the same words for every case; the audit row has the exact one. */
const WITHHELD = 'shown only at the position that answered'

/**
 * The safety profile behind a 911 call, read through the one gate: the policy decides and the
 * display or the refusal is audited in the same transaction as the read, with the call, the
 * position and the user. The profile is supplemental: nothing here touches the call, its
 * location or its callback number, and nothing goes to the live stream.
 */
export async function showCallProfile(ctx: Ctx, callId: string): Promise<CallSafetyProfile> {
  const actor = requireActor(ctx)
  return runCommand(ctx, async (trx) => {
    const found = await profileBehindCall(trx, callId)
    if (!found) return { available: false, profile: null }
    const { call, profile } = found
    const now = ctx.now()
    const access = canViewCallProfile(actor, call, now, ctx.config.safetyProfile.graceMinutes)
    await auditRead(trx, ctx, call, profile, access, { part: 'profile' })
    if (!access.allowed) return { available: true, profile: null, reason: WITHHELD }
    const photos = await profiles.listPhotoMemberIds(trx, profile.account_id)
    const stale = staleAt(profile.confirmed_at, ctx.config.safetyProfile.staleDays)
    return {
      available: true,
      profile: presentContent(profile.content, photos),
      stale: now >= stale,
      confirmedAt: profile.confirmed_at.toISOString(),
      notice: SUPPLEMENTAL_NOTICE,
    }
  })
}

/** A household member's photo on the call, under the same rule; a refusal looks like no photo. */
export async function showCallMemberPhoto(
  ctx: Ctx,
  callId: string,
  memberId: string,
): Promise<SafetyProfilePhotoRow> {
  const actor = requireActor(ctx)
  const photo = await runCommand(ctx, async (trx) => {
    const found = await profileBehindCall(trx, callId)
    if (!found) return null
    const { call, profile } = found
    const access = canViewCallProfile(actor, call, ctx.now(), ctx.config.safetyProfile.graceMinutes)
    const row = access.allowed
      ? await profiles.findPhoto(trx, profile.account_id, memberId)
      : undefined
    if (access.allowed && !row) return null
    await auditRead(trx, ctx, call, profile, access, { part: 'photo', memberId })
    return row ?? null
  })
  if (!photo) throw new AppError('photo_not_found', `no photo of member ${memberId} on this call`)
  return photo
}

/** The call and the profile of the account whose confirmed phone made it: 911 calls only. */
async function profileBehindCall(
  trx: Trx,
  callId: string,
): Promise<{ call: CallRow; profile: SafetyProfileRow } | null> {
  const call = await findCall(trx, callId)
  if (!call) throw new AppError('call_not_found', `call ${callId} not found`)
  if (call.line !== '911' || !call.ani) return null
  const number = normalizePhone(call.ani)
  if (!number) return null
  const accountId = await findAccountByConfirmedPhone(trx, number)
  if (!accountId) return null
  const profile = await profiles.findProfile(trx, accountId)
  return profile ? { call, profile } : null
}

async function auditRead(
  trx: Trx,
  ctx: Ctx,
  call: CallRow,
  profile: SafetyProfileRow,
  access: CallProfileAccess,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(trx, ctx, {
    component: COMPONENT,
    eventType: access.allowed ? 'safety_profile.displayed' : 'safety_profile.denied',
    outcome: access.allowed ? 'success' : 'denied',
    subject: { type: 'call', id: call.id },
    details: {
      ...details,
      callId: call.id,
      profileAccountId: profile.account_id,
      answeredByPositionId: call.answered_by_position_id,
      ...(access.allowed ? {} : { reason: access.reason }),
    },
  })
}

function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('not_authenticated', 'log on first')
  return ctx.actor
}
