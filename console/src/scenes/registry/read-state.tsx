import type { Read } from '../../ui/use-read.ts'
import { clockTime } from '../../ui/time.ts'

/** "Read at 21:31:02" and a Reload button: the list says how old it is, and is read on request. */
export function ReadState({ read, what }: { read: Read<unknown>; what: string }) {
  return (
    <span className="read-state">
      <span className="muted small" aria-live="polite">
        {read.busy ? 'Reading…' : read.readAt ? `Read at ${clockTime(read.readAt)}` : 'Not read'}
      </span>
      <button type="button" onClick={() => void read.reload()} aria-label={`Reload ${what}`}>
        Reload
      </button>
    </span>
  )
}
