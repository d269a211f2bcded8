import type { CallView } from '@common/api/calls.ts'
import {
  DISABILITY_KIND_LABELS,
  type CallDisabilityIndicators,
} from '@common/api/disability-registry.ts'
import type { CallSafetyProfile, SafetyProfileContent } from '@common/api/safety-profiles.ts'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import './resident-data.css'

interface ResidentData {
  profile: CallSafetyProfile
  indicators: CallDisabilityIndicators['indicators']
}

/**
 * What the call changes that decides who may see its resident data: who answered it, whether it
 * is still open, and where it is. Every fetch is an audited display, so it is not repeated for
 * events that change none of these.
 */
function accessKey(call: CallView): string {
  const primary = call.locations.find((location) => location.isPrimary)
  return [call.id, call.status, call.answeredByPositionId, call.closedAt, primary?.id].join('|')
}

/**
 * The caller's safety profile and the address's disability indicator, read through their own
 * gates: the platform shows them only at the position that answered the 911 call, while it is
 * active, and audits each display. Elsewhere a profile shows only as "available".
 */
export function ResidentDataSlot({ call }: { call: CallView }) {
  const key = accessKey(call)
  const [data, setData] = useState<ResidentData | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    const [callId] = key.split('|')
    Promise.all([
      api.get<CallSafetyProfile>(`/api/calls/${callId}/safety-profile`),
      api.get<CallDisabilityIndicators>(`/api/calls/${callId}/disability-indicators`),
    ])
      .then(([profile, { indicators }]) => {
        if (!current) return
        setData({ profile, indicators })
        setFailure(null)
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError)) throw error
        if (current) setFailure(error.message)
      })
    return () => {
      current = false
    }
  }, [key])

  return (
    <section
      className="panel resident-data"
      aria-labelledby="resident-data-heading"
      data-slot="resident-data"
    >
      <h2 id="resident-data-heading">Safety profile / disability indicator</h2>
      {failure && <p className="form-error">Could not load: {failure}</p>}
      {!data && !failure && <p className="muted">Loading…</p>}
      {data && (
        <>
          {data.indicators.map((indicator) => (
            <div
              key={indicator.id}
              className="disability-indicator"
              data-testid="disability-indicator"
            >
              <strong>Disability indicator</strong>{' '}
              {indicator.kinds.map((kind) => DISABILITY_KIND_LABELS[kind]).join(', ')}
              <div>
                {indicator.personName} · {indicator.locationText} · contact {indicator.contactPhone}
              </div>
              {indicator.note && <div className="muted">{indicator.note}</div>}
            </div>
          ))}
          <ProfileView profile={data.profile} callId={call.id} />
        </>
      )}
    </section>
  )
}

function ProfileView({ profile, callId }: { profile: CallSafetyProfile; callId: string }) {
  if (!profile.available) return <p className="muted">No safety profile for this number.</p>
  if (!profile.profile) {
    return (
      <p className="profile-available" data-testid="profile-available">
        Profile available{profile.reason ? `: ${profile.reason}` : ''}.
      </p>
    )
  }
  return (
    <div className="safety-profile" data-testid="safety-profile">
      <p className="notice">{profile.notice}</p>
      <p className={profile.stale ? 'stale' : 'muted'}>
        {profile.stale ? 'STALE: not re-confirmed for over 6 months. ' : ''}
        {profile.confirmedAt
          ? `Confirmed ${new Date(profile.confirmedAt).toLocaleDateString('en-US')}`
          : ''}
      </p>
      <Content content={profile.profile} callId={callId} />
    </div>
  )
}

function Content({ content, callId }: { content: SafetyProfileContent; callId: string }) {
  const { home } = content
  return (
    <>
      {content.members.map((member) => (
        <article key={member.id} className="member" aria-label={`Household member ${member.name}`}>
          {member.hasPhoto && (
            <img
              src={`/api/calls/${callId}/safety-profile/members/${member.id}/photo`}
              alt={`Photo of ${member.name}`}
            />
          )}
          <div>
            <strong>{member.name}</strong>
            {member.age !== undefined ? `, ${member.age}` : ''}
            <Facts
              facts={[
                ['Conditions', member.medicalConditions.join(', ')],
                ['Medications', member.medications.join(', ')],
                ['Mobility', member.mobilityNeeds],
                ['Communication', member.communicationNeeds],
                ['Languages', member.languages.join(', ')],
              ]}
            />
          </div>
        </article>
      ))}
      <Facts
        facts={[
          [
            'Pets',
            content.pets
              .map((pet) => [pet.kind, pet.name, pet.notes].filter(Boolean).join(' '))
              .join('; '),
          ],
          [
            'Vehicles',
            content.vehicles
              .map((v) =>
                [v.color, v.make, v.model, v.plate && `${v.plate} ${v.state ?? ''}`]
                  .filter(Boolean)
                  .join(' '),
              )
              .join('; '),
          ],
          ['Gas shut-off', home.gasShutOff],
          ['Key box', home.keyBox],
          ['Floor plan', home.floorPlanNotes],
          [
            'Contacts',
            content.contacts
              .map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ''} ${c.phone}`)
              .join('; '),
          ],
        ]}
      />
    </>
  )
}

/** Label and value pairs; empty values are left out rather than shown blank. */
function Facts({ facts }: { facts: [string, string | undefined][] }) {
  const shown = facts.filter(([, value]) => value)
  if (shown.length === 0) return null
  return (
    <dl className="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
