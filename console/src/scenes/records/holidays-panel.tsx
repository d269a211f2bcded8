import { HolidayBody, type Holiday } from '@common/api/records-requests.ts'
import { useState, type FormEvent } from 'react'
import { api, ApiError, query, serverNow } from '../../api/http.ts'
import { dateOnly } from '../../ui/date-time.ts'
import { checkInput, FieldError, FormError, invalid } from '../../ui/form.tsx'
import { useRead } from '../../ui/use-read.ts'
import { asApiError, requireText } from './records-text.ts'

/**
 * The legal holidays response deadlines skip, per year: filled in from the statute, then the
 * City's own changes (a day off moved, a snow day added).
 */
export function HolidaysPanel() {
  const thisYear = Number(dateOnly(new Date(serverNow()).toISOString()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  const [open, setOpen] = useState(false)
  return (
    <section className="panel" aria-labelledby="holidays-title">
      <div className="panel-head">
        <h2 id="holidays-title">Holidays</h2>
        {open && (
          <label className="inline">
            Year
            <select value={year} onChange={(event) => setYear(Number(event.target.value))}>
              {[thisYear - 1, thisYear, thisYear + 1].map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show the holidays'}
        </button>
      </div>
      {open && <HolidayList key={year} year={year} />}
    </section>
  )
}

function HolidayList({ year }: { year: number }) {
  const read = useRead<Holiday[]>(`/api/records-holidays${query({ year })}`)
  const [error, setError] = useState<ApiError | null>(null)
  const [status, setStatus] = useState('')

  async function act(action: () => Promise<void>) {
    setError(null)
    setStatus('')
    try {
      await action()
      await read.reload()
    } catch (failure) {
      setError(asApiError(failure))
    }
  }

  return (
    <>
      <p className="muted small">
        Days no deadline counts. A changed or added day is marked “edited”.
      </p>
      <FormError error={read.error ?? error} fields={['name', 'date']} />
      {status && (
        <p className="success" role="status">
          {status}
        </p>
      )}
      {read.data === null ? (
        <p className="muted">Reading…</p>
      ) : (
        <table aria-label={`Holidays ${year}`}>
          <thead>
            <tr>
              <th>Date</th>
              <th>Name</th>
              <th>Source</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {read.data.map((holiday) => (
              <HolidayRow
                key={holiday.date}
                holiday={holiday}
                onSave={(name) =>
                  act(async () => {
                    await api.put(`/api/records-holidays/${holiday.date}`, { name })
                    setStatus(`${holiday.date} renamed.`)
                  })
                }
                onRemove={() =>
                  act(async () => {
                    await api.delete(`/api/records-holidays/${holiday.date}`)
                    setStatus(`${holiday.date} is a business day again.`)
                  })
                }
              />
            ))}
          </tbody>
        </table>
      )}
      <AddHoliday year={year} onAdded={() => read.reload()} />
    </>
  )
}

function HolidayRow({
  holiday,
  onSave,
  onRemove,
}: {
  holiday: Holiday
  onSave: (name: string) => Promise<void>
  onRemove: () => Promise<void>
}) {
  const [name, setName] = useState(holiday.name)
  const changed = name.trim() !== holiday.name
  return (
    <tr>
      <td className="tabular">{holiday.date}</td>
      <td>
        <input
          value={name}
          aria-label={`Name of the holiday on ${holiday.date}`}
          onChange={(event) => setName(event.target.value)}
        />
      </td>
      <td>{holiday.source === 'edited' ? 'edited' : 'statute'}</td>
      <td className="actions">
        <button type="button" disabled={!changed} onClick={() => void onSave(name)}>
          Save
        </button>
        <button
          type="button"
          onClick={() => void onRemove()}
          aria-label={`Remove the holiday on ${holiday.date}`}
        >
          Remove
        </button>
      </td>
    </tr>
  )
}

function AddHoliday({ year, onAdded }: { year: number; onAdded: () => Promise<void> }) {
  const [date, setDate] = useState('')
  const [name, setName] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      if (!date.startsWith(`${year}-`)) {
        throw new ApiError(400, 'invalid_input', `Choose a day in ${year}.`, 'date')
      }
      requireText(name, 'name', 'Give the holiday a name.')
      const body = checkInput(HolidayBody, { name })
      await api.put(`/api/records-holidays/${date}`, body)
      setDate('')
      setName('')
      await onAdded()
    } catch (failure) {
      setError(asApiError(failure))
    }
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} noValidate>
      <label>
        Date
        <input
          type="date"
          value={date}
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          onChange={(event) => setDate(event.target.value)}
          aria-invalid={invalid(error, 'date')}
        />
      </label>
      <label>
        Name
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={invalid(error, 'name')}
        />
      </label>
      <button type="submit">Add a holiday</button>
      <FieldError error={error} field="date" />
      <FieldError error={error} field="name" />
      <FormError error={error} fields={['date', 'name']} />
    </form>
  )
}
