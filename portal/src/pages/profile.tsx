import type { ResidentPhone } from '@common/api/residents.ts'
import { SafetyProfileBody, type SafetyProfile } from '@common/api/safety-profiles.ts'
import { api, ApiError } from '@console/api/http.ts'
import { useEffect, useState, type FormEvent } from 'react'
import { Link, PAGES } from '../router.tsx'
import { sendFile } from '../session/resident-session.tsx'
import {
  checkForm,
  ErrorSummary,
  fieldId,
  NO_PROBLEMS,
  problemsFromFailure,
  TextArea,
  type Problems,
} from '../ui/form-kit.tsx'
import { localTime, NotAGuarantee, PageHeading, RequireAccount } from '../ui/page.tsx'
import { memberPhotoUrl } from './profile/member-photo.tsx'
import {
  attachToBoxes,
  bodyFromDraft,
  draftFromProfile,
  EMPTY_DRAFT,
  emptyContact,
  emptyMember,
  emptyPet,
  emptyVehicle,
  profileLabel,
  type ProfileDraft,
} from './profile/profile-draft.ts'
import {
  ContactFields,
  MemberFields,
  PetFields,
  RepeatedGroup,
  VehicleFields,
} from './profile/profile-sections.tsx'

export function ProfilePage() {
  return (
    <RequireAccount title="My safety profile">
      <Profile />
    </RequireAccount>
  )
}

type ListKey = 'members' | 'pets' | 'vehicles' | 'contacts'

function Profile() {
  const [saved, setSaved] = useState<SafetyProfile | null | undefined>(undefined)
  const [draft, setDraft] = useState<ProfileDraft>(EMPTY_DRAFT)
  const [confirmedPhones, setConfirmedPhones] = useState<number | null>(null)
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const [focusAfterRender, setFocusAfterRender] = useState<string | null>(null)

  useEffect(() => {
    api
      .get<SafetyProfile>('/api/portal/safety-profile')
      .then((profile) => {
        setSaved(profile)
        setDraft(draftFromProfile(profile))
      })
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) setSaved(null)
        else setProblems(problemsFromFailure(failure, () => false))
      })
    api
      .get<ResidentPhone[]>('/api/portal/phones')
      .then((phones) => setConfirmedPhones(phones.filter((phone) => phone.confirmed).length))
      .catch(() => setConfirmedPhones(null))
  }, [])

  // A new entry's first field takes the focus, so a keyboard user types straight into it.
  useEffect(() => {
    if (!focusAfterRender) return
    document.getElementById(fieldId(focusAfterRender))?.focus()
    setFocusAfterRender(null)
  }, [focusAfterRender])

  function setItem<K extends ListKey>(key: K, index: number) {
    return (patch: Partial<ProfileDraft[K][number]>) =>
      setDraft((current) => ({
        ...current,
        [key]: current[key].map((item, at) => (at === index ? { ...item, ...patch } : item)),
      }))
  }
  function add<K extends ListKey>(key: K, item: ProfileDraft[K][number], firstField: string) {
    setDraft((current) => ({ ...current, [key]: [...current[key], item] }))
    setFocusAfterRender(`${key}.${draft[key].length}.${firstField}`)
  }
  function remove(key: ListKey, index: number) {
    setDraft((current) => ({ ...current, [key]: current[key].filter((_, at) => at !== index) }))
    setProblems(NO_PROBLEMS)
    setStatus(`Removed. Save the profile to keep the change.`)
    document.getElementById(`field-${key}`)?.focus()
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    setStatus('')
    const checked = checkForm(SafetyProfileBody, bodyFromDraft(draft))
    if (checked.problems) return setProblems(attachToBoxes(checked.problems))
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      let profile = await api.put<SafetyProfile>('/api/portal/safety-profile', checked.data)
      // Photos need the member's id, which a new member gets only now; members keep their order.
      const uploads = draft.members.flatMap((member, index) =>
        member.photo && profile.members[index]
          ? [{ index, file: member.photo, id: profile.members[index].id }]
          : [],
      )
      for (const upload of uploads) {
        try {
          await sendFile(memberPhotoUrl(upload.id), upload.file)
        } catch (failure) {
          setDraft(draftFromProfile(profile))
          setSaved(profile)
          const problem = problemsFromFailure(failure, () => false)
          setProblems({
            fields: {
              [`members.${upload.index}.photo`]: problem.form ?? 'The photo was not accepted',
            },
            form: 'The profile was saved, but a photo was not.',
          })
          return
        }
      }
      if (uploads.length > 0) profile = await api.get<SafetyProfile>('/api/portal/safety-profile')
      setSaved(profile)
      setDraft(draftFromProfile(profile))
      setStatus(`Your safety profile was saved on ${localTime(profile.updatedAt)}.`)
    } catch (failure) {
      setProblems(attachToBoxes(problemsFromFailure(failure, (field) => field.includes('.'))))
    } finally {
      setBusy(false)
    }
  }

  async function reconfirm() {
    setBusy(true)
    try {
      const profile = await api.post<SafetyProfile>('/api/portal/safety-profile/confirm')
      setSaved(profile)
      setStatus(
        `Thank you: your profile is confirmed as up to date (${localTime(profile.confirmedAt)}).`,
      )
    } catch (failure) {
      setProblems(problemsFromFailure(failure, () => false))
    } finally {
      setBusy(false)
    }
  }

  if (saved === undefined && !problems.form) return <p aria-live="polite">Loading your profile…</p>

  return (
    <>
      <PageHeading title="My safety profile" />
      <NotAGuarantee what="profile" />
      <p>
        When you call 911 from one of your confirmed phone numbers, the call taker who answers sees
        this profile while the call is open. Other staff do not see it, and every time it is shown
        is recorded. Give only what would help responders.
      </p>
      {confirmedPhones === 0 && (
        <p className="notice" data-testid="no-confirmed-phone">
          You have no confirmed phone number yet, so this profile cannot be shown on any call.{' '}
          <Link to={PAGES.phones}>Add and confirm a phone number</Link>.
        </p>
      )}
      {saved && (
        <ConfirmationState profile={saved} busy={busy} onReconfirm={() => void reconfirm()} />
      )}
      <p
        className="success"
        role="status"
        aria-live="polite"
        hidden={!status}
        data-testid="profile-status"
      >
        {status}
      </p>
      <ErrorSummary problems={problems} labels={profileLabel} />
      <form onSubmit={(event) => void save(event)} noValidate aria-label="Safety profile">
        <RepeatedGroup
          group="members"
          title="Household members"
          singular="Household member"
          intro="Everyone who lives at the home, with what responders should know about them."
          items={draft.members}
          describe={(member) => member.name.trim()}
          onAdd={() => add('members', emptyMember(), 'name')}
          onRemove={(index) => remove('members', index)}
        >
          {(member, index) => (
            <MemberFields
              index={index}
              member={member}
              problems={problems}
              set={setItem('members', index)}
              onPhotoRejected={(message) =>
                setProblems({ fields: { [`members.${index}.photo`]: message }, form: null })
              }
            />
          )}
        </RepeatedGroup>
        <RepeatedGroup
          group="pets"
          title="Pets"
          singular="Pet"
          intro="Animals in the home that responders may meet or need to rescue."
          items={draft.pets}
          describe={(pet) => [pet.name.trim(), pet.kind.trim()].filter(Boolean).join(', ')}
          onAdd={() => add('pets', emptyPet(), 'kind')}
          onRemove={(index) => remove('pets', index)}
        >
          {(pet, index) => (
            <PetFields index={index} pet={pet} problems={problems} set={setItem('pets', index)} />
          )}
        </RepeatedGroup>
        <RepeatedGroup
          group="vehicles"
          title="Vehicles"
          singular="Vehicle"
          intro="Cars and other vehicles of the household."
          items={draft.vehicles}
          describe={(vehicle) =>
            [vehicle.color, vehicle.make, vehicle.model]
              .map((part) => part.trim())
              .filter(Boolean)
              .join(' ')
          }
          onAdd={() => add('vehicles', emptyVehicle(), 'make')}
          onRemove={(index) => remove('vehicles', index)}
        >
          {(vehicle, index) => (
            <VehicleFields
              index={index}
              vehicle={vehicle}
              problems={problems}
              set={setItem('vehicles', index)}
            />
          )}
        </RepeatedGroup>
        <fieldset>
          <legend>Home details</legend>
          <TextArea
            field="home.gasShutOff"
            label="Gas shut-off (optional)"
            hint="Where it is, for example: basement, left of the stairs."
            problems={problems}
            value={draft.home.gasShutOff}
            onChange={(gasShutOff) => setDraft({ ...draft, home: { ...draft.home, gasShutOff } })}
          />
          <TextArea
            field="home.keyBox"
            label="Key box (optional)"
            hint="Where a key box is, if you have one. Do not write its code here."
            problems={problems}
            value={draft.home.keyBox}
            onChange={(keyBox) => setDraft({ ...draft, home: { ...draft.home, keyBox } })}
          />
          <TextArea
            field="home.floorPlanNotes"
            label="Floor plan notes (optional)"
            hint="For example: bedrooms on the second floor; the back door sticks."
            problems={problems}
            value={draft.home.floorPlanNotes}
            onChange={(floorPlanNotes) =>
              setDraft({ ...draft, home: { ...draft.home, floorPlanNotes } })
            }
          />
        </fieldset>
        <RepeatedGroup
          group="contacts"
          title="Emergency contacts"
          singular="Emergency contact"
          intro="People the center may call about you."
          items={draft.contacts}
          describe={(contact) => contact.name.trim()}
          onAdd={() => add('contacts', emptyContact(), 'name')}
          onRemove={(index) => remove('contacts', index)}
        >
          {(contact, index) => (
            <ContactFields
              index={index}
              contact={contact}
              problems={problems}
              set={setItem('contacts', index)}
            />
          )}
        </RepeatedGroup>
        <button type="submit" disabled={busy}>
          Save profile
        </button>
      </form>
    </>
  )
}

/** When it was last confirmed, and a plain notice once it is stale. */
function ConfirmationState({
  profile,
  busy,
  onReconfirm,
}: {
  profile: SafetyProfile
  busy: boolean
  onReconfirm: () => void
}) {
  return (
    <section aria-labelledby="confirmation-title" className={profile.stale ? 'notice' : undefined}>
      <h2 id="confirmation-title">Is it still correct?</h2>
      {profile.stale ? (
        <p data-testid="stale-notice">
          <strong>Your profile may be out of date.</strong> It was last confirmed on{' '}
          {localTime(profile.confirmedAt)}. Call takers see it marked as possibly out of date until
          you check it and confirm it again.
        </p>
      ) : (
        <p>
          Last confirmed on {localTime(profile.confirmedAt)}. Please check it and confirm it again
          by {localTime(profile.staleAt)}; after that it is shown as possibly out of date.
        </p>
      )}
      <button type="button" className="secondary" disabled={busy} onClick={onReconfirm}>
        Confirm my profile is up to date
      </button>
    </section>
  )
}
