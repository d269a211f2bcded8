import type { NatureCode } from '@common/api/incidents.ts'
import { Combobox } from '../../ui/combobox.tsx'

const SHOWN = 12

/** Codes whose code or description holds every typed word; codes starting with it first. */
export function matchNatureCodes(codes: readonly NatureCode[], text: string): NatureCode[] {
  const words = text.trim().toUpperCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return codes.slice(0, SHOWN)
  const hits = codes.filter((c) => {
    const hay = `${c.code} ${c.description}`.toUpperCase()
    return words.every((w) => hay.includes(w))
  })
  const first = words[0]!
  return hits
    .sort((a, b) => Number(!a.code.startsWith(first)) - Number(!b.code.startsWith(first)))
    .slice(0, SHOWN)
}

/**
 * The nature code by typing: part of the code or the description filters the list, arrows and
 * Enter pick. What is typed is what is sent, so an unknown code reaches the server's check.
 */
export function NatureCodePicker({
  codes,
  text,
  onText,
  invalid,
}: {
  codes: readonly NatureCode[]
  text: string
  onText: (text: string) => void
  invalid: boolean
}) {
  const known = codes.find((c) => c.code === text.trim().toUpperCase())
  return (
    <div className="nature-picker">
      <Combobox
        label="Nature code"
        name="natureCode"
        text={text}
        onText={onText}
        options={matchNatureCodes(codes, text)}
        optionKey={(c) => c.code}
        onPick={(c) => onText(c.code)}
        invalid={invalid}
        placeholder="type code or words: chest, fire…"
        hint="↑↓ Enter to pick"
        emptyText="No nature code matches"
        renderOption={(c) => (
          <span className="nature-option">
            <span className={`priority priority-${c.defaultPriority}`}>P{c.defaultPriority}</span>
            <strong>{c.code}</strong> <span>{c.description}</span>
            <span className="muted"> {c.discipline}</span>
          </span>
        )}
      />
      {known && (
        <p className="nature-known">
          <span className={`priority priority-${known.defaultPriority}`}>
            P{known.defaultPriority}
          </span>{' '}
          {known.description} · default priority {known.defaultPriority} · {known.discipline}
        </p>
      )}
    </div>
  )
}
