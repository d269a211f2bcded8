import type { SafetyProfile, SafetyProfileInput } from '@common/api/safety-profiles.ts'
import type { Problems } from '../../ui/form-kit.tsx'

/**
 * The profile as the form holds it: every input is a string (a list is one item per line), and a
 * photo chosen for a member waits here until the member has an id to upload it to.
 */
export interface MemberDraft {
  id?: string
  hasPhoto: boolean
  photo: File | null
  name: string
  age: string
  medicalConditions: string
  medications: string
  mobilityNeeds: string
  communicationNeeds: string
  languages: string
}
export interface PetDraft {
  name: string
  kind: string
  notes: string
}
export interface VehicleDraft {
  make: string
  model: string
  color: string
  plate: string
  state: string
}
export interface ContactDraft {
  name: string
  relationship: string
  phone: string
}
export interface ProfileDraft {
  members: MemberDraft[]
  pets: PetDraft[]
  vehicles: VehicleDraft[]
  home: { gasShutOff: string; keyBox: string; floorPlanNotes: string }
  contacts: ContactDraft[]
}

export const emptyMember = (): MemberDraft => ({
  hasPhoto: false,
  photo: null,
  name: '',
  age: '',
  medicalConditions: '',
  medications: '',
  mobilityNeeds: '',
  communicationNeeds: '',
  languages: '',
})
export const emptyPet = (): PetDraft => ({ name: '', kind: '', notes: '' })
export const emptyVehicle = (): VehicleDraft => ({
  make: '',
  model: '',
  color: '',
  plate: '',
  state: '',
})
export const emptyContact = (): ContactDraft => ({ name: '', relationship: '', phone: '' })

export const EMPTY_DRAFT: ProfileDraft = {
  members: [],
  pets: [],
  vehicles: [],
  home: { gasShutOff: '', keyBox: '', floorPlanNotes: '' },
  contacts: [],
}

const lines = (list: string[]) => list.join('\n')
const text = (value: string | undefined) => value ?? ''

export function draftFromProfile(profile: SafetyProfile): ProfileDraft {
  return {
    members: profile.members.map((member) => ({
      id: member.id,
      hasPhoto: member.hasPhoto,
      photo: null,
      name: member.name,
      age: member.age === undefined ? '' : String(member.age),
      medicalConditions: lines(member.medicalConditions),
      medications: lines(member.medications),
      mobilityNeeds: text(member.mobilityNeeds),
      communicationNeeds: text(member.communicationNeeds),
      languages: lines(member.languages),
    })),
    pets: profile.pets.map((pet) => ({
      name: text(pet.name),
      kind: pet.kind,
      notes: text(pet.notes),
    })),
    vehicles: profile.vehicles.map((vehicle) => ({
      make: text(vehicle.make),
      model: text(vehicle.model),
      color: text(vehicle.color),
      plate: text(vehicle.plate),
      state: text(vehicle.state),
    })),
    home: {
      gasShutOff: text(profile.home.gasShutOff),
      keyBox: text(profile.home.keyBox),
      floorPlanNotes: text(profile.home.floorPlanNotes),
    },
    contacts: profile.contacts.map((contact) => ({
      name: contact.name,
      relationship: text(contact.relationship),
      phone: contact.phone,
    })),
  }
}

/** An empty optional box is "not given", not an empty string the schema would judge. */
const optional = (value: string) => (value.trim() === '' ? undefined : value)
const list = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')

function age(value: string): number | undefined {
  if (value.trim() === '') return undefined
  // A non-number goes through as NaN so the schema names the field rather than dropping it.
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN
}

/** The request body as the API's schema reads it. */
export function bodyFromDraft(draft: ProfileDraft): SafetyProfileInput {
  return {
    members: draft.members.map((member) => ({
      ...(member.id ? { id: member.id } : {}),
      name: member.name,
      age: age(member.age),
      medicalConditions: list(member.medicalConditions),
      medications: list(member.medications),
      mobilityNeeds: optional(member.mobilityNeeds),
      communicationNeeds: optional(member.communicationNeeds),
      languages: list(member.languages),
    })),
    pets: draft.pets.map((pet) => ({
      name: optional(pet.name),
      kind: pet.kind,
      notes: optional(pet.notes),
    })),
    vehicles: draft.vehicles.map((vehicle) => ({
      make: optional(vehicle.make),
      model: optional(vehicle.model),
      color: optional(vehicle.color),
      plate: optional(vehicle.plate),
      state: optional(vehicle.state.toUpperCase()),
    })),
    home: {
      gasShutOff: optional(draft.home.gasShutOff),
      keyBox: optional(draft.home.keyBox),
      floorPlanNotes: optional(draft.home.floorPlanNotes),
    },
    contacts: draft.contacts.map((contact) => ({
      name: contact.name,
      relationship: optional(contact.relationship),
      phone: contact.phone,
    })),
  }
}

const LIST_FIELDS = /^(members\.\d+\.(?:medicalConditions|medications|languages))\.\d+$/

/** A problem with one line of a list belongs to the list's box. */
export function attachToBoxes(problems: Problems): Problems {
  const fields: Record<string, string> = {}
  for (const [field, message] of Object.entries(problems.fields)) {
    const box = LIST_FIELDS.exec(field)?.[1] ?? field
    fields[box] ??= message
  }
  return { ...problems, fields }
}

const WORDS: Record<string, string> = {
  name: 'name',
  age: 'age',
  medicalConditions: 'medical conditions',
  medications: 'medications',
  mobilityNeeds: 'mobility needs',
  communicationNeeds: 'communication needs',
  languages: 'languages',
  kind: 'kind of animal',
  notes: 'notes',
  make: 'make',
  model: 'model',
  color: 'color',
  plate: 'plate',
  state: 'state',
  relationship: 'relationship',
  phone: 'phone number',
  gasShutOff: 'gas shut-off',
  keyBox: 'key box',
  floorPlanNotes: 'floor plan notes',
  photo: 'photo',
}
const GROUPS: Record<string, string> = {
  members: 'Household member',
  pets: 'Pet',
  vehicles: 'Vehicle',
  contacts: 'Emergency contact',
}

/** The words the error summary uses for a field path: `members.0.age` → "Household member 1: age". */
export function profileLabel(field: string): string {
  const [group, index, name] = field.split('.')
  if (group === 'home' && index) return `Home: ${WORDS[index] ?? index}`
  if (group && GROUPS[group] && index !== undefined && name) {
    return `${GROUPS[group]} ${Number(index) + 1}: ${WORDS[name] ?? name}`
  }
  return group && GROUPS[group] ? `${GROUPS[group]}s` : field
}
