import { PROFILE_PHOTO_TYPES } from '@common/api/safety-profiles.ts'
import { useId } from 'react'
import type { Problems } from '../../ui/form-kit.tsx'
import { fieldId } from '../../ui/form-kit.tsx'
import type { MemberDraft } from './profile-draft.ts'

export const memberPhotoUrl = (memberId: string) =>
  `/api/portal/safety-profile/members/${memberId}/photo`

/**
 * A member's photo: the one on file, and a file input for a new one. The type is checked here
 * (JPEG or PNG, like the server); the size limit is the server's setting, and its answer names
 * the field if the file is too large.
 */
export function MemberPhoto({
  index,
  member,
  problems,
  onChange,
  onRejected,
}: {
  index: number
  member: MemberDraft
  problems: Problems
  onChange: (photo: File | null) => void
  onRejected: (message: string) => void
}) {
  const field = `members.${index}.photo`
  const id = fieldId(field)
  const hintId = useId()
  const message = problems.fields[field]
  const who = member.name.trim() || `household member ${index + 1}`
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>Photo (optional)</label>
      <span className="hint" id={hintId}>
        A recent photo helps responders recognise {who}. JPEG or PNG, up to 2 MB.
        {member.id ? '' : ' It is uploaded when you save the profile.'}
      </span>
      {message && (
        <span className="field-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {message}
        </span>
      )}
      {member.id && member.hasPhoto && !member.photo && (
        <img
          className="photo-preview"
          src={memberPhotoUrl(member.id)}
          alt={`Photo of ${who} on file`}
        />
      )}
      <input
        // A saved member gets an id: the new key clears the file already sent.
        key={member.id ?? 'new'}
        id={id}
        type="file"
        accept={PROFILE_PHOTO_TYPES.join(',')}
        aria-describedby={[hintId, message ? `${id}-error` : ''].join(' ').trim()}
        aria-invalid={Boolean(message)}
        onChange={(event) => {
          const file = event.target.files?.[0] ?? null
          if (file && !(PROFILE_PHOTO_TYPES as readonly string[]).includes(file.type)) {
            event.target.value = ''
            onRejected('Choose a JPEG or PNG image')
            return
          }
          onChange(file)
        }}
      />
      {member.photo && <p>Chosen: {member.photo.name} (saved with the profile)</p>}
    </div>
  )
}
