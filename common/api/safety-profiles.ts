import { z } from 'zod'
import { PhoneNumber } from './residents.ts'

/**
 * The resident's safety profile: supplemental facts a call taker may read while a 911 call from one
 * of the resident's confirmed phones is on their position. Limits keep one profile small enough to
 * read at a glance and cheap to store for a million residents.
 */
export const SAFETY_PROFILE_LIMITS = {
  members: 12,
  pets: 10,
  vehicles: 6,
  contacts: 6,
  listItems: 20,
  languages: 6,
  shortText: 120,
  longText: 1000,
} as const

/** The photo types the server accepts, recognised by their first bytes rather than the header. */
export const PROFILE_PHOTO_TYPES = ['image/jpeg', 'image/png'] as const
export type ProfilePhotoType = (typeof PROFILE_PHOTO_TYPES)[number]

/**
 * Shown with the profile on both sides: the resident when editing, the call taker when reading.
 * Smart911 and Cal OES both warn that registries give false confidence.
 */
export const SUPPLEMENTAL_NOTICE =
  'This profile is supplemental information given by the resident. It is not a guarantee of a faster ' +
  'or different response, it may be out of date, and it never replaces the location or callback ' +
  'number delivered with the call.'

const ShortText = z.string().trim().min(1).max(SAFETY_PROFILE_LIMITS.shortText)
const OptionalShortText = z.string().trim().max(SAFETY_PROFILE_LIMITS.shortText).optional()
const LongText = z.string().trim().max(SAFETY_PROFILE_LIMITS.longText).optional()
const TextList = z.array(ShortText).max(SAFETY_PROFILE_LIMITS.listItems).default([])

/**
 * A person who lives at the home. Send back the `id` the server gave on later saves, so the
 * member's photo stays attached; a member sent without one is new (its photo comes after).
 */
export const HouseholdMemberInput = z.object({
  id: z.uuid().optional(),
  name: ShortText,
  age: z.number().int().min(0).max(130).optional(),
  medicalConditions: TextList,
  medications: TextList,
  mobilityNeeds: LongText,
  communicationNeeds: LongText,
  languages: z.array(ShortText).max(SAFETY_PROFILE_LIMITS.languages).default([]),
})
export type HouseholdMemberInput = z.infer<typeof HouseholdMemberInput>

export const HouseholdMember = HouseholdMemberInput.extend({ id: z.uuid() })
export type HouseholdMember = z.infer<typeof HouseholdMember>

export const Pet = z.object({
  name: OptionalShortText,
  kind: ShortText,
  notes: LongText,
})
export type Pet = z.infer<typeof Pet>

export const Vehicle = z.object({
  make: OptionalShortText,
  model: OptionalShortText,
  color: OptionalShortText,
  plate: z.string().trim().max(16).optional(),
  state: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'a two-letter state code')
    .optional(),
})
export type Vehicle = z.infer<typeof Vehicle>

export const HomeDetails = z.object({
  gasShutOff: LongText,
  keyBox: LongText,
  floorPlanNotes: LongText,
})
export type HomeDetails = z.infer<typeof HomeDetails>

export const EmergencyContact = z.object({
  name: ShortText,
  relationship: OptionalShortText,
  phone: PhoneNumber,
})
export type EmergencyContact = z.infer<typeof EmergencyContact>

/** PUT /api/portal/safety-profile: the whole profile, replaced. */
export const SafetyProfileBody = z
  .object({
    members: z.array(HouseholdMemberInput).max(SAFETY_PROFILE_LIMITS.members).default([]),
    pets: z.array(Pet).max(SAFETY_PROFILE_LIMITS.pets).default([]),
    vehicles: z.array(Vehicle).max(SAFETY_PROFILE_LIMITS.vehicles).default([]),
    home: HomeDetails.default({}),
    contacts: z.array(EmergencyContact).max(SAFETY_PROFILE_LIMITS.contacts).default([]),
  })
  .superRefine((profile, context) => {
    const seen = new Set<string>()
    profile.members.forEach((member, index) => {
      if (!member.id) return
      if (seen.has(member.id)) {
        context.addIssue({
          code: 'custom',
          path: ['members', index, 'id'],
          message: 'two members have the same id',
        })
      }
      seen.add(member.id)
    })
  })
export type SafetyProfileBody = z.infer<typeof SafetyProfileBody>
export type SafetyProfileInput = z.input<typeof SafetyProfileBody>

/** A member as the API answers: with whether a photo is on file (fetched from its own URL). */
export const HouseholdMemberView = HouseholdMember.extend({
  hasPhoto: z.boolean(),
})
export type HouseholdMemberView = z.infer<typeof HouseholdMemberView>

/** The profile's content as both sides see it. */
export const SafetyProfileContent = z.object({
  members: z.array(HouseholdMemberView),
  pets: z.array(Pet),
  vehicles: z.array(Vehicle),
  home: HomeDetails,
  contacts: z.array(EmergencyContact),
})
export type SafetyProfileContent = z.infer<typeof SafetyProfileContent>

/** GET and PUT /api/portal/safety-profile, POST /api/portal/safety-profile/confirm */
export const SafetyProfile = SafetyProfileContent.extend({
  updatedAt: z.string(),
  /** When the resident last re-confirmed it (saving counts as confirming). */
  confirmedAt: z.string(),
  /** From this moment the profile is shown as stale until re-confirmed (a setting, 183 days). */
  staleAt: z.string(),
  stale: z.boolean(),
  notice: z.string(),
})
export type SafetyProfile = z.infer<typeof SafetyProfile>

/** GET /api/calls/:id/safety-profile: the call-time answer. */
export const CallSafetyProfile = z.object({
  /** A confirmed number of a resident with a profile called 911. Other positions learn only this. */
  available: z.boolean(),
  /** Only at the position that answered, while the call is active or within the grace after close. */
  profile: SafetyProfileContent.nullable(),
  stale: z.boolean().optional(),
  confirmedAt: z.string().optional(),
  notice: z.string().optional(),
  /** Why the profile is withheld when it is available. */
  reason: z.string().optional(),
})
export type CallSafetyProfile = z.infer<typeof CallSafetyProfile>

/** Params of the photo routes. */
export const MemberPhotoParams = z.object({ memberId: z.uuid() })
export type MemberPhotoParams = z.infer<typeof MemberPhotoParams>
export const CallMemberPhotoParams = z.object({ id: z.uuid(), memberId: z.uuid() })
export type CallMemberPhotoParams = z.infer<typeof CallMemberPhotoParams>
