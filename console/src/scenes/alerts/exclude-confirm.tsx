import type { AlertArea, AlertPreview, CapStatus } from '@common/api/alerts.ts'
import { useEffect, useRef } from 'react'
import { areaTitle } from './area-map.ts'
import { STATUS_WORDS, countWords } from './alert-words.ts'

/**
 * The second, explicit confirmation an exclude area needs: it names what is left out and who
 * would still be alerted, and the send button says what it does. Esc or "Go back" sends nothing.
 */
export function ExcludeConfirm({
  status,
  areas,
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  status: CapStatus
  areas: AlertArea[]
  preview: AlertPreview
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    element?.showModal()
    return () => element?.close()
  }, [])
  const numbered = areas.map((area, index) => ({ area, title: areaTitle(area, index) }))
  const excluded = numbered.filter((each) => each.area.mode === 'exclude')
  const included = numbered.filter((each) => each.area.mode === 'include')
  return (
    <dialog
      ref={dialog}
      className="exclude-confirm"
      aria-labelledby="exclude-confirm-title"
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id="exclude-confirm-title">Send with {countWords(excluded.length, 'area')} left out?</h2>
      <p className={`status-marker cap-${status.toLowerCase()}`}>{STATUS_WORDS[status]}</p>
      <h3>Left out (nobody inside is alerted)</h3>
      <ul className="confirm-areas" data-testid="confirm-excluded">
        {excluded.map(({ title }) => (
          <li key={title} className="mode-exclude">
            <strong>EXCLUDE</strong> {title}
          </li>
        ))}
      </ul>
      <h3>Alerted</h3>
      <ul className="confirm-areas">
        {included.map(({ title }) => (
          <li key={title} className="mode-include">
            <strong>INCLUDE</strong> {title}
          </li>
        ))}
      </ul>
      <p data-testid="confirm-counts">
        <strong>{countWords(preview.subscribers, 'subscriber')}</strong> inside the include areas
        and outside the excluded ones: {countWords(preview.deliveries.sms, 'text message')},{' '}
        {countWords(preview.deliveries.voice, 'voice call')},{' '}
        {countWords(preview.deliveries.email, 'e-mail')},{' '}
        {countWords(preview.deliveries.tty, 'TTY call')}.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} autoFocus>
          Go back
        </button>
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          Send, leaving {excluded.length === 1 ? 'this area' : 'these areas'} out
        </button>
      </div>
    </dialog>
  )
}
