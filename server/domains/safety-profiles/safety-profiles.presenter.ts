import {
  SUPPLEMENTAL_NOTICE,
  type SafetyProfile,
  type SafetyProfileContent,
} from '@common/api/safety-profiles.ts'
import type { SafetyProfileRow, StoredProfileContent } from './safety-profiles.table.ts'

const DAY_MS = 86_400_000

/** When a profile confirmed at `confirmedAt` goes stale. */
export function staleAt(confirmedAt: Date, staleDays: number): Date {
  return new Date(confirmedAt.getTime() + staleDays * DAY_MS)
}

/** The profile's parts, field by field, with whether each member has a photo. */
export function presentContent(
  content: StoredProfileContent,
  photoMemberIds: Set<string>,
): SafetyProfileContent {
  return {
    members: content.members.map((member) => ({
      id: member.id,
      name: member.name,
      age: member.age,
      medicalConditions: member.medicalConditions,
      medications: member.medications,
      mobilityNeeds: member.mobilityNeeds,
      communicationNeeds: member.communicationNeeds,
      languages: member.languages,
      hasPhoto: photoMemberIds.has(member.id),
    })),
    pets: content.pets.map((pet) => ({ name: pet.name, kind: pet.kind, notes: pet.notes })),
    vehicles: content.vehicles.map((vehicle) => ({
      make: vehicle.make,
      model: vehicle.model,
      color: vehicle.color,
      plate: vehicle.plate,
      state: vehicle.state,
    })),
    home: {
      gasShutOff: content.home.gasShutOff,
      keyBox: content.home.keyBox,
      floorPlanNotes: content.home.floorPlanNotes,
    },
    contacts: content.contacts.map((contact) => ({
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
    })),
  }
}

export function presentProfile(
  row: SafetyProfileRow,
  photoMemberIds: Set<string>,
  now: Date,
  staleDays: number,
): SafetyProfile {
  const stale = staleAt(row.confirmed_at, staleDays)
  return {
    ...presentContent(row.content, photoMemberIds),
    updatedAt: row.updated_at.toISOString(),
    confirmedAt: row.confirmed_at.toISOString(),
    staleAt: stale.toISOString(),
    stale: now >= stale,
    notice: SUPPLEMENTAL_NOTICE,
  }
}
