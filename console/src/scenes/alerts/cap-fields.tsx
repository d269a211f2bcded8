import {
  ALERT_CHANNEL_LABELS,
  ALERT_CHANNELS,
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  NOTICE_CATEGORIES,
  NOTICE_CATEGORY_LABELS,
  type AlertChannel,
} from '@common/api/alerts.ts'
import { useId } from 'react'
import type { ApiError } from '../../api/http.ts'
import { FieldError, invalid } from '../../ui/form.tsx'
import { STATUS_WORDS } from './alert-words.ts'
import type { DraftForm } from './draft-form.ts'

type Patch = (patch: Partial<DraftForm>) => void

function Choice<T extends string>({
  label,
  field,
  value,
  options,
  onChange,
  error,
  words,
}: {
  label: string
  field: keyof DraftForm
  value: T | ''
  options: readonly T[]
  onChange: (value: T) => void
  error: ApiError | null
  words?: Record<T, string>
}) {
  const id = useId()
  return (
    <div className="cap-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={invalid(error, field)}
        onChange={(event) => onChange(event.target.value as T)}
      >
        {value === '' && <option value="">Choose…</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {words?.[option] ?? option}
          </option>
        ))}
      </select>
      <FieldError error={error} field={field} />
    </div>
  )
}

/** Status (chosen by hand every time), the notice category, CAP's fields and the channels. */
export function CapFields({
  form,
  onPatch,
  error,
}: {
  form: DraftForm
  onPatch: Patch
  error: ApiError | null
}) {
  const toggleChannel = (channel: AlertChannel, on: boolean) =>
    onPatch({
      channels: on
        ? ALERT_CHANNELS.filter((each) => each === channel || form.channels.includes(each))
        : form.channels.filter((each) => each !== channel),
    })
  return (
    <section className="panel cap-fields" aria-label="Alert fields">
      <div className="status-row">
        <Choice
          label="Status"
          field="status"
          value={form.status}
          options={CAP_STATUSES}
          onChange={(status) => onPatch({ status })}
          error={error}
        />
        <StatusMarker status={form.status} />
      </div>
      <div className="cap-grid">
        <Choice
          label="Notice category"
          field="noticeCategory"
          value={form.noticeCategory}
          options={NOTICE_CATEGORIES}
          words={NOTICE_CATEGORY_LABELS}
          onChange={(noticeCategory) => onPatch({ noticeCategory })}
          error={error}
        />
        <Choice
          label="CAP category"
          field="capCategory"
          value={form.capCategory}
          options={CAP_CATEGORIES}
          onChange={(capCategory) => onPatch({ capCategory })}
          error={error}
        />
        <div className="cap-field">
          <label className="cap-field">
            Event
            <input
              value={form.event}
              maxLength={200}
              aria-invalid={invalid(error, 'event')}
              onChange={(event) => onPatch({ event: event.target.value })}
              placeholder="e.g. Boil Water Order"
            />
          </label>
          <FieldError error={error} field="event" />
        </div>
        <Choice
          label="Urgency"
          field="urgency"
          value={form.urgency}
          options={CAP_URGENCIES}
          onChange={(urgency) => onPatch({ urgency })}
          error={error}
        />
        <Choice
          label="Severity"
          field="severity"
          value={form.severity}
          options={CAP_SEVERITIES}
          onChange={(severity) => onPatch({ severity })}
          error={error}
        />
        <Choice
          label="Certainty"
          field="certainty"
          value={form.certainty}
          options={CAP_CERTAINTIES}
          onChange={(certainty) => onPatch({ certainty })}
          error={error}
        />
      </div>
      <fieldset className="channels" aria-invalid={invalid(error, 'channels')}>
        <legend>Channels</legend>
        {ALERT_CHANNELS.map((channel) => (
          <label key={channel} className="inline">
            <input
              type="checkbox"
              checked={form.channels.includes(channel)}
              onChange={(event) => toggleChannel(channel, event.target.checked)}
            />
            {ALERT_CHANNEL_LABELS[channel]}
          </label>
        ))}
      </fieldset>
      <FieldError error={error} field="channels" />
    </section>
  )
}

/** Actual in red, Exercise and Test in their own colours, always with the words. */
export function StatusMarker({ status }: { status: DraftForm['status'] }) {
  if (status === '') {
    return <span className="status-marker cap-none">Choose Actual, Exercise or Test</span>
  }
  return (
    <span className={`status-marker cap-${status.toLowerCase()}`} data-testid="status-marker">
      {STATUS_WORDS[status]}
    </span>
  )
}
