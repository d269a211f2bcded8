import { useId, useState, type ReactNode } from 'react'
import './combobox.css'

export interface ComboboxProps<T> {
  label: string
  /** The text in the box. */
  text: string
  onText: (text: string) => void
  /** What the list offers for the text, best first. */
  options: readonly T[]
  optionKey: (option: T) => string
  renderOption: (option: T) => ReactNode
  onPick: (option: T) => void
  invalid?: boolean
  placeholder?: string
  /** Said under the box while nothing matches a non-empty text (e.g. "no match"). */
  emptyText?: string | null
  /** The field's hint line (shortcuts), kept visible so nobody has to guess the keys. */
  hint?: string
  name?: string
}

/**
 * A text box with a list of choices under it (the ARIA combobox pattern): typing filters, the
 * arrow keys move through the list, Enter picks, Escape closes. Every choice is reachable without
 * the mouse and the active one is announced.
 */
export function Combobox<T>(props: ComboboxProps<T>) {
  const id = useId()
  const listId = `${id}-list`
  const [active, setActive] = useState(0)
  const [open, setOpen] = useState(false)
  const shown = open && props.options.length > 0
  const activeIndex = Math.min(active, props.options.length - 1)

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) {
        setOpen(true)
        return
      }
      const step = event.key === 'ArrowDown' ? 1 : -1
      const count = props.options.length
      if (count > 0) setActive((activeIndex + step + count) % count)
    } else if (event.key === 'Enter' && shown) {
      event.preventDefault()
      const option = props.options[activeIndex]
      if (option !== undefined) {
        props.onPick(option)
        setOpen(false)
      }
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault()
      setOpen(false)
    }
  }

  return (
    <div className="combobox">
      <label htmlFor={id}>{props.label}</label>
      <div className="combobox-field">
        <input
          id={id}
          name={props.name}
          role="combobox"
          autoComplete="off"
          aria-expanded={shown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown ? `${id}-option-${activeIndex}` : undefined}
          aria-invalid={props.invalid ?? false}
          placeholder={props.placeholder}
          value={props.text}
          onChange={(event) => {
            props.onText(event.target.value)
            setActive(0)
            setOpen(true)
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={props.label} hidden={!shown}>
          {props.options.map((option, index) => (
            <li
              key={props.optionKey(option)}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(event) => {
                event.preventDefault()
                props.onPick(option)
                setOpen(false)
              }}
              onMouseEnter={() => setActive(index)}
            >
              {props.renderOption(option)}
            </li>
          ))}
        </ul>
      </div>
      {props.hint && <span className="combobox-hint muted">{props.hint}</span>}
      {props.options.length === 0 && props.text.trim() && props.emptyText && (
        <p className="combobox-empty muted">{props.emptyText}</p>
      )}
    </div>
  )
}
