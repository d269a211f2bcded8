import { ApiError } from '@console/api/http.ts'
import { useEffect, useRef, type ReactNode } from 'react'
import type { z } from 'zod'

/**
 * What is wrong with a form: a message per field (by the API's field path, `members.0.name`),
 * plus one for the form as a whole. Shown twice, as accessible forms do: a summary at the top
 * that takes the focus and links to each field, and the message beside the field.
 */
export interface Problems {
  fields: Record<string, string>
  form: string | null
}

export const NO_PROBLEMS: Problems = { fields: {}, form: null }

export function hasProblems(problems: Problems): boolean {
  return problems.form !== null || Object.keys(problems.fields).length > 0
}

/** The id of a field's input, from its API path: `members.0.name` → `field-members-0-name`. */
export function fieldId(field: string): string {
  return `field-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`
}

function plainMessage(issue: z.core.$ZodIssue): string {
  // Zod leaves the input out of its issues: a number that is not one is a bad entry, not a gap.
  if (issue.code === 'invalid_type') {
    return issue.expected === 'number' ? 'Enter a number, in figures' : 'This is required'
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && issue.minimum === 1) {
    return 'This is required'
  }
  return sentence(issue.message)
}

/**
 * The API's messages name what is expected ("a 5-digit ZIP code", "the 6-digit code"); beside a
 * field a resident reads an instruction: "Enter a 5-digit ZIP code".
 */
function sentence(text: string): string {
  if (/^(a|an|the) /.test(text)) return `Enter ${text}`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * Checks a form against the API's own schema and returns every problem at once (the server
 * names only the first): a resident fixes them all in one pass. `undefined` when it is fine.
 */
export function checkForm<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { data: z.output<S>; problems: null } | { data: null; problems: Problems } {
  const result = schema.safeParse(value)
  if (result.success) return { data: result.data, problems: null }
  const fields: Record<string, string> = {}
  let form: string | null = null
  for (const issue of result.error.issues) {
    const field = issue.path.join('.')
    if (!field) form ??= plainMessage(issue)
    else fields[field] ??= plainMessage(issue)
  }
  return { data: null, problems: { fields, form } }
}

/** A failed request as problems: the server's field (if the form has it) or the form. */
export function problemsFromFailure(
  failure: unknown,
  knownFields: (field: string) => boolean,
): Problems {
  if (failure instanceof ApiError) {
    // The server says "password: at least 12 characters"; beside the field, the field name is noise.
    const message = failure.field
      ? failure.message.replace(new RegExp(`^${escapeRegExp(failure.field)}: `), '')
      : failure.message
    if (failure.field && knownFields(failure.field)) {
      return { fields: { [failure.field]: sentence(message) }, form: null }
    }
    if (failure.status === 0) {
      return {
        fields: {},
        form: 'The service cannot be reached right now; nothing was sent. Try again.',
      }
    }
    return { fields: {}, form: sentence(message) }
  }
  return { fields: {}, form: 'Something went wrong; nothing was saved. Try again.' }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The summary at the top of a failed form. It takes the focus when it appears (a screen reader
 * reads it, a keyboard user starts from it) and links to each field it names.
 */
export function ErrorSummary({
  problems,
  labels,
}: {
  problems: Problems
  /** The field's visible label, for the link text. */
  labels: (field: string) => string
}) {
  const box = useRef<HTMLDivElement>(null)
  const shown = hasProblems(problems)
  useEffect(() => {
    if (shown) box.current?.focus()
  }, [problems, shown])
  if (!shown) return null
  return (
    <div
      className="error-summary"
      ref={box}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
    >
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {problems.form && <li>{problems.form}</li>}
        {inPageOrder(Object.entries(problems.fields)).map(([field, message]) => (
          <li key={field}>
            <a
              href={`#${fieldId(field)}`}
              onClick={(event) => {
                event.preventDefault()
                const input = document.getElementById(fieldId(field))
                input?.focus()
                input?.scrollIntoView({ block: 'center' })
              }}
            >
              {labels(field)}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The summary lists problems in the order the fields come on the page, not the schema's. */
function inPageOrder(entries: [string, string][]): [string, string][] {
  const at = (field: string) => document.getElementById(fieldId(field))
  return [...entries].sort(([a], [b]) => {
    const first = at(a)
    const second = at(b)
    if (!first || !second) return 0
    return first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1
  })
}

interface FieldProps {
  field: string
  label: string
  problems: Problems
  hint?: string
  children: (aria: {
    id: string
    'aria-invalid': boolean
    'aria-describedby': string | undefined
  }) => ReactNode
}

/**
 * One labelled field with its hint and its message. The input gets the id the summary links to,
 * aria-invalid, and aria-describedby naming the hint and the message, so both are read with it.
 */
export function Field({ field, label, problems, hint, children }: FieldProps) {
  const id = fieldId(field)
  const message = problems.fields[field]
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className={message ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {message && (
        <span className="field-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {message}
        </span>
      )}
      {children({
        id,
        'aria-invalid': Boolean(message),
        'aria-describedby': describedBy || undefined,
      })}
    </div>
  )
}

/** A plain text input bound to a string. */
export function TextField({
  field,
  label,
  problems,
  hint,
  value,
  onChange,
  type = 'text',
  autoComplete,
  className,
  inputMode,
}: Omit<FieldProps, 'children'> & {
  value: string
  onChange: (value: string) => void
  type?: 'text' | 'email' | 'password' | 'tel' | 'number'
  autoComplete?: string
  className?: string
  inputMode?: 'numeric' | 'tel' | 'email' | 'text'
}) {
  return (
    <Field field={field} label={label} problems={problems} hint={hint}>
      {(aria) => (
        <input
          {...aria}
          name={field}
          type={type}
          value={value}
          autoComplete={autoComplete ?? 'off'}
          inputMode={inputMode}
          className={className}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}

/** A multi-line text bound to a string. */
export function TextArea({
  field,
  label,
  problems,
  hint,
  value,
  onChange,
}: Omit<FieldProps, 'children'> & { value: string; onChange: (value: string) => void }) {
  return (
    <Field field={field} label={label} problems={problems} hint={hint}>
      {(aria) => (
        <textarea
          {...aria}
          name={field}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
