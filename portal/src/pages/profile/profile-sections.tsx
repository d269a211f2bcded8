import type { ReactNode } from 'react'
import { TextArea, TextField, type Problems } from '../../ui/form-kit.tsx'
import { MemberPhoto } from './member-photo.tsx'
import type { ContactDraft, MemberDraft, PetDraft, VehicleDraft } from './profile-draft.ts'

type Setter<T> = (patch: Partial<T>) => void

/**
 * A group of repeated entries (members, pets…): a fieldset per entry with its own legend, so a
 * screen reader says "Pet 2" before each field, and a remove button that names what it removes.
 */
export function RepeatedGroup<T>({
  group,
  title,
  singular,
  intro,
  items,
  onAdd,
  onRemove,
  describe,
  children,
}: {
  group: string
  title: string
  singular: string
  intro: string
  items: T[]
  onAdd: () => void
  onRemove: (index: number) => void
  describe: (item: T) => string
  children: (item: T, index: number) => ReactNode
}) {
  return (
    <fieldset id={`field-${group}`} tabIndex={-1}>
      <legend>{title}</legend>
      <p className="hint">{intro}</p>
      {items.length === 0 && <p>None added.</p>}
      {items.map((item, index) => {
        const name = describe(item)
        const label = `${singular} ${index + 1}${name ? `: ${name}` : ''}`
        return (
          <fieldset key={index} data-testid={`${group}-entry`}>
            <legend>{label}</legend>
            {children(item, index)}
            <button type="button" className="warning" onClick={() => onRemove(index)}>
              Remove {label}
            </button>
          </fieldset>
        )
      })}
      <button type="button" className="secondary" onClick={onAdd}>
        Add {items.length > 0 ? 'another' : /^[aeiou]/i.test(singular) ? 'an' : 'a'}{' '}
        {singular.toLowerCase()}
      </button>
    </fieldset>
  )
}

export function MemberFields({
  index,
  member,
  problems,
  set,
  onPhotoRejected,
}: {
  index: number
  member: MemberDraft
  problems: Problems
  set: Setter<MemberDraft>
  onPhotoRejected: (message: string) => void
}) {
  const path = (name: string) => `members.${index}.${name}`
  return (
    <>
      <TextField
        field={path('name')}
        label="Name"
        problems={problems}
        value={member.name}
        onChange={(name) => set({ name })}
      />
      <TextField
        field={path('age')}
        label="Age (optional)"
        inputMode="numeric"
        className="short"
        problems={problems}
        value={member.age}
        onChange={(age) => set({ age })}
      />
      <TextArea
        field={path('medicalConditions')}
        label="Medical conditions (optional)"
        hint="One per line, for example: diabetes, epilepsy, heart condition."
        problems={problems}
        value={member.medicalConditions}
        onChange={(medicalConditions) => set({ medicalConditions })}
      />
      <TextArea
        field={path('medications')}
        label="Medications (optional)"
        hint="One per line."
        problems={problems}
        value={member.medications}
        onChange={(medications) => set({ medications })}
      />
      <TextArea
        field={path('mobilityNeeds')}
        label="Mobility needs (optional)"
        hint="For example: uses a wheelchair; cannot use stairs."
        problems={problems}
        value={member.mobilityNeeds}
        onChange={(mobilityNeeds) => set({ mobilityNeeds })}
      />
      <TextArea
        field={path('communicationNeeds')}
        label="Communication needs (optional)"
        hint="For example: deaf, uses sign language; non-verbal; autism."
        problems={problems}
        value={member.communicationNeeds}
        onChange={(communicationNeeds) => set({ communicationNeeds })}
      />
      <TextArea
        field={path('languages')}
        label="Languages spoken (optional)"
        hint="One per line."
        problems={problems}
        value={member.languages}
        onChange={(languages) => set({ languages })}
      />
      <MemberPhoto
        index={index}
        member={member}
        problems={problems}
        onChange={(photo) => set({ photo })}
        onRejected={onPhotoRejected}
      />
    </>
  )
}

export function PetFields({
  index,
  pet,
  problems,
  set,
}: {
  index: number
  pet: PetDraft
  problems: Problems
  set: Setter<PetDraft>
}) {
  const path = (name: string) => `pets.${index}.${name}`
  return (
    <>
      <TextField
        field={path('kind')}
        label="Kind of animal"
        hint="For example: dog, cat, snake."
        problems={problems}
        value={pet.kind}
        onChange={(kind) => set({ kind })}
      />
      <TextField
        field={path('name')}
        label="Name (optional)"
        problems={problems}
        value={pet.name}
        onChange={(name) => set({ name })}
      />
      <TextArea
        field={path('notes')}
        label="Notes (optional)"
        hint="For example: may bite strangers; hides under the bed."
        problems={problems}
        value={pet.notes}
        onChange={(notes) => set({ notes })}
      />
    </>
  )
}

export function VehicleFields({
  index,
  vehicle,
  problems,
  set,
}: {
  index: number
  vehicle: VehicleDraft
  problems: Problems
  set: Setter<VehicleDraft>
}) {
  const path = (name: string) => `vehicles.${index}.${name}`
  return (
    <>
      <TextField
        field={path('make')}
        label="Make (optional)"
        problems={problems}
        value={vehicle.make}
        onChange={(make) => set({ make })}
      />
      <TextField
        field={path('model')}
        label="Model (optional)"
        problems={problems}
        value={vehicle.model}
        onChange={(model) => set({ model })}
      />
      <TextField
        field={path('color')}
        label="Color (optional)"
        problems={problems}
        value={vehicle.color}
        onChange={(color) => set({ color })}
      />
      <TextField
        field={path('plate')}
        label="Plate (optional)"
        className="short"
        problems={problems}
        value={vehicle.plate}
        onChange={(plate) => set({ plate })}
      />
      <TextField
        field={path('state')}
        label="State of the plate (optional)"
        hint="Two letters, for example MA."
        className="short"
        problems={problems}
        value={vehicle.state}
        onChange={(state) => set({ state })}
      />
    </>
  )
}

export function ContactFields({
  index,
  contact,
  problems,
  set,
}: {
  index: number
  contact: ContactDraft
  problems: Problems
  set: Setter<ContactDraft>
}) {
  const path = (name: string) => `contacts.${index}.${name}`
  return (
    <>
      <TextField
        field={path('name')}
        label="Name"
        autoComplete="off"
        problems={problems}
        value={contact.name}
        onChange={(name) => set({ name })}
      />
      <TextField
        field={path('relationship')}
        label="Relationship (optional)"
        hint="For example: daughter, neighbour, doctor."
        problems={problems}
        value={contact.relationship}
        onChange={(relationship) => set({ relationship })}
      />
      <TextField
        field={path('phone')}
        type="tel"
        label="Phone number"
        hint="With its area code."
        problems={problems}
        value={contact.phone}
        onChange={(phone) => set({ phone })}
      />
    </>
  )
}
