import { forwardRef, useState } from 'react'
import { useFloorStore } from '../../live/floor-context.tsx'
import { clockTime } from '../../ui/time.ts'
import { COMMAND_HELP, parseCommand, resolveCommand } from './command-line.ts'
import { runCommand } from './run-command.ts'

export interface LogLine {
  id: number
  at: string
  text: string
  ok: boolean
}

let nextLine = 0
export function logLine(text: string, ok: boolean): LogLine {
  return { id: ++nextLine, at: new Date().toISOString(), text, ok }
}

/**
 * The command line (F2 or /): each command's result or refusal goes to the log under it, newest
 * first, naming the token that was wrong. Up and Down recall earlier commands.
 */
export const CommandPanel = forwardRef<
  HTMLInputElement,
  { log: LogLine[]; onLog: (line: LogLine) => void }
>(function CommandPanel({ log, onLog }, inputRef) {
  const store = useFloorStore()
  const [text, setText] = useState('')
  const [history, setHistory] = useState<string[]>([])
  const [recall, setRecall] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit() {
    const line = text.trim()
    if (!line) return
    setHistory((previous) => [line, ...previous.filter((entry) => entry !== line)].slice(0, 50))
    setRecall(null)
    const parsed = parseCommand(line)
    if (!parsed.ok) return onLog(logLine(`${line}: ${parsed.error.message}`, false))
    const state = store.getState()
    const resolved = resolveCommand(parsed.value, {
      units: [...state.units.values()],
      incidents: [...state.incidents.values()],
    })
    if (!resolved.ok) return onLog(logLine(`${line}: ${resolved.error.message}`, false))
    setBusy(true)
    try {
      onLog(logLine(await runCommand(store, resolved.value), true))
      setText('')
    } catch (error) {
      onLog(logLine(`${line}: ${(error as Error).message}`, false))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel command-panel" aria-label="Command line">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <label htmlFor="dispatch-command">Command (F2 or /)</label>
        <input
          id="dispatch-command"
          ref={inputRef}
          className="command-input"
          value={text}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="command-help"
          aria-busy={busy}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return
            event.preventDefault()
            const index =
              event.key === 'ArrowUp'
                ? Math.min(history.length - 1, (recall ?? -1) + 1)
                : (recall ?? 0) - 1
            setRecall(index < 0 ? null : index)
            setText(index < 0 ? '' : (history[index] ?? ''))
          }}
        />
        <button type="submit" disabled={busy}>
          Run
        </button>
      </form>
      <p id="command-help" className="command-help muted">
        {COMMAND_HELP.map((entry) => (
          <span key={entry.usage}>
            <code>{entry.usage}</code> {entry.meaning}
          </span>
        ))}
      </p>
      <p className="command-help muted">
        Keys: <kbd>F2</kbd>/<kbd>/</kbd> command · <kbd>F6</kbd> queue, <kbd>↑</kbd>
        <kbd>↓</kbd> select · <kbd>F3</kbd> or <kbd>Ctrl+Enter</kbd> dispatch top recommended ·{' '}
        <kbd>Shift+F3</kbd> dispatch all recommended · <kbd>F7</kbd> narrative
      </p>
      <ol className="command-log" aria-label="Command log" aria-live="polite">
        {log.map((line) => (
          <li key={line.id} className={line.ok ? 'log-ok' : 'log-error'}>
            <time className="tabular muted">{clockTime(line.at)}</time> {line.ok ? '✓' : '✗'}{' '}
            {line.text}
          </li>
        ))}
      </ol>
    </section>
  )
})
