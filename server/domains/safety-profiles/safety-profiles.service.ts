import { randomUUID } from 'node:crypto'
import type { SafetyProfile, SafetyProfileBody } from '@common/api/safety-profiles.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { requireResident } from '../residents/index.ts'
import { checkPhoto } from './profile-photo.ts'
import * as profiles from './safety-profiles.repository.ts'
import { presentProfile } from './safety-profiles.presenter.ts'
import type { SafetyProfilePhotoRow, StoredProfileContent } from './safety-profiles.table.ts'

export const COMPONENT = 'safety_profiles'

/**
 * The resident's own safety profile: one per account, saved whole, re-confirmed every
 * `safetyProfile.staleDays` (saving counts as confirming: the resident has just read it all).
 * Audit rows say what was done and how many members; never the profile's content.
 */
export async function getMyProfile(ctx: Ctx): Promise<SafetyProfile> {
  const resident = requireResident(ctx)
  const row = await profiles.findProfile(ctx.db, resident.accountId)
  if (!row) throw noProfile()
  const photos = await profiles.listPhotoMemberIds(ctx.db, resident.accountId)
  return presentProfile(row, photos, ctx.now(), ctx.config.safetyProfile.staleDays)
}

export async function saveMyProfile(ctx: Ctx, body: SafetyProfileBody): Promise<SafetyProfile> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const content: StoredProfileContent = {
      ...body,
      members: body.members.map((member) => ({ ...member, id: member.id ?? randomUUID() })),
    }
    const existing = await profiles.lockProfile(trx, resident.accountId)
    const row = await profiles.upsertProfile(trx, {
      account_id: resident.accountId,
      content: JSON.stringify(content),
      confirmed_at: now,
      updated_at: now,
    })
    // A member taken out of the profile takes their photo along.
    const photosRemoved = await profiles.deletePhotosExcept(
      trx,
      resident.accountId,
      content.members.map((member) => member.id),
    )
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: existing ? 'safety_profile.replaced' : 'safety_profile.created',
      subject: { type: 'safety_profile', id: resident.accountId },
      details: {
        members: content.members.length,
        pets: content.pets.length,
        vehicles: content.vehicles.length,
        contacts: content.contacts.length,
        photosRemoved,
      },
    })
    const photos = await profiles.listPhotoMemberIds(trx, resident.accountId)
    return presentProfile(row, photos, now, ctx.config.safetyProfile.staleDays)
  })
}

/** The resident says the profile is still right: the staleness clock starts again. */
export async function confirmMyProfile(ctx: Ctx): Promise<SafetyProfile> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const now = ctx.now()
    if (!(await profiles.lockProfile(trx, resident.accountId))) throw noProfile()
    const row = await profiles.markConfirmed(trx, resident.accountId, now)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'safety_profile.confirmed',
      subject: { type: 'safety_profile', id: resident.accountId },
    })
    const photos = await profiles.listPhotoMemberIds(trx, resident.accountId)
    return presentProfile(row, photos, now, ctx.config.safetyProfile.staleDays)
  })
}

/** Stores (or replaces) a member's photo, once its first bytes show a JPEG or PNG in the limit. */
export async function uploadMemberPhoto(
  ctx: Ctx,
  memberId: string,
  body: unknown,
): Promise<{ memberId: string; contentType: string; byteSize: number }> {
  const resident = requireResident(ctx)
  const { bytes, contentType } = checkPhoto(body, ctx.config.safetyProfile.photoMaxBytes)
  return runCommand(ctx, async (trx) => {
    const profile = await profiles.lockProfile(trx, resident.accountId)
    if (!profile) throw noProfile()
    if (!profile.content.members.some((member) => member.id === memberId)) {
      throw new AppError(
        'safety_profile_not_found',
        `memberId: no member ${memberId} in your profile`,
        'memberId',
      )
    }
    await profiles.upsertPhoto(trx, {
      account_id: resident.accountId,
      member_id: memberId,
      content_type: contentType,
      byte_size: bytes.length,
      bytes,
      uploaded_at: ctx.now(),
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'safety_profile.photo_uploaded',
      subject: { type: 'safety_profile', id: resident.accountId },
      details: { memberId, contentType, byteSize: bytes.length },
    })
    return { memberId, contentType, byteSize: bytes.length }
  })
}

export async function getMyMemberPhoto(ctx: Ctx, memberId: string): Promise<SafetyProfilePhotoRow> {
  const resident = requireResident(ctx)
  const photo = await profiles.findPhoto(ctx.db, resident.accountId, memberId)
  if (!photo) throw new AppError('photo_not_found', `no photo of member ${memberId}`)
  return photo
}

function noProfile(): AppError {
  return new AppError('safety_profile_not_found', 'you have no safety profile yet')
}
