import { useSyncExternalStore } from 'react'
import { formatDuration, secondsSince } from './time.ts'

/**
 * One clock for every ticking timer on a board. Each timer re-renders alone when its second
 * changes, so a board of 500 units does not re-render its rows, nor run 500 intervals.
 */
const listeners = new Set<() => void>()
let now = Date.now()
let timer: number | null = null

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (timer === null) {
    now = Date.now()
    timer = window.setInterval(() => {
      now = Date.now()
      for (const each of listeners) each()
    }, 1000)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer)
      timer = null
    }
  }
}

/** Whole seconds since `iso`, ticking. */
export function useSecondsSince(iso: string): number {
  return useSyncExternalStore(subscribe, () => secondsSince(iso, now))
}

/** "4:05" since `iso`, ticking; `tone` picks a class from the seconds (age colours). */
export function Elapsed({
  since,
  tone,
  label,
}: {
  since: string
  tone?: (seconds: number) => string
  /** Spoken before the figure, e.g. "age", "in status". */
  label?: string
}) {
  const seconds = useSecondsSince(since)
  return (
    <span
      className={`tabular ${tone ? tone(seconds) : ''}`}
      aria-label={label ? `${label} ${formatDuration(seconds)}` : undefined}
    >
      {formatDuration(seconds)}
    </span>
  )
}
