import { AddNoteBody, type Incident, type IncidentNote } from '@common/api/incidents.ts'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../api/http.ts'
import { useFloorStore } from '../live/floor-context.tsx'
import { checkInput, FieldError, FormError, invalid } from '../ui/form.tsx'
import { clockTime } from '../ui/time.ts'

/**
 * The incident's notes. Lists of incidents come without notes, so the whole record is read
 * whenever the incident changes on the floor (a note's event brings a new record).
 */
function useNotes(incident: Incident): {
  notes: readonly IncidentNote[] | null
  show: (record: Incident) => void
} {
  const [full, setFull] = useState<{ id: string; notes: IncidentNote[] } | null>(null)
  useEffect(() => {
    let current = true
    void api.get<Incident>(`/api/incidents/${incident.id}`).then(
      (record) => current && setFull({ id: record.id, notes: record.notes }),
      () => undefined, // the floor's own record is shown; the next change asks again
    )
    return () => {
      current = false
    }
  }, [incident])
  const fetched = full?.id === incident.id ? full.notes : null
  const notes =
    fetched && fetched.length >= incident.notes.length
      ? fetched
      : incident.notes.length
        ? incident.notes
        : fetched
  return { notes, show: (record) => setFull({ id: record.id, notes: record.notes }) }
}

/** The incident's notes, oldest first, and the entry for a new one (Enter adds it). */
export function Narrative({ incident }: { incident: Incident }) {
  const store = useFloorStore()
  const { notes, show } = useNotes(incident)
  const [text, setText] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [sending, setSending] = useState(false)

  async function add() {
    setError(null)
    try {
      const body = checkInput(AddNoteBody, { text })
      setSending(true)
      const updated = await api.post<Incident>(`/api/incidents/${incident.id}/notes`, body)
      store.put('incidents', updated)
      show(updated)
      setText('')
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure
      setError(failure)
    } finally {
      setSending(false)
    }
  }

  return (
    <section className="narrative" aria-label="Narrative">
      <h3>Narrative</h3>
      <ol className="notes">
        {notes === null && <li className="muted">Loading notes…</li>}
        {notes?.map((note) => (
          <li key={note.id} className={note.supersededByNoteId ? 'superseded' : undefined}>
            <time className="tabular muted">{clockTime(note.createdAt)}</time> {note.text}
            {note.supersededByNoteId ? <span className="muted"> (corrected below)</span> : null}
          </li>
        ))}
        {notes?.length === 0 && <li className="muted">No notes yet.</li>}
      </ol>
      <form
        className="note-entry"
        onSubmit={(event) => {
          event.preventDefault()
          void add()
        }}
      >
        <label htmlFor={`note-${incident.id}`}>New note (Enter adds, Shift+Enter new line)</label>
        <textarea
          id={`note-${incident.id}`}
          data-role="narrative-entry"
          rows={2}
          value={text}
          aria-invalid={invalid(error, 'text')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault()
              void add()
            }
          }}
        />
        <FieldError error={error} field="text" />
        <FormError error={error} fields={['text']} />
        <button type="submit" disabled={sending}>
          Add note
        </button>
      </form>
    </section>
  )
}
