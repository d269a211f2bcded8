import { SendTextBody, type CallText, type CallView } from '@common/api/calls.ts'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useFloor } from '../../live/floor-context.tsx'
import { clockTime } from '../../ui/time.ts'
import { cameOverSip } from './ng911-data.ts'
import './ng911.css'

type Channel = CallText['channel']

const CHANNEL_LABELS: Record<Channel, string> = { sip_message: 'Text', tty: 'TTY' }

/**
 * The call's texts, oldest first: read on opening and again whenever a `call.text` event about
 * the call arrives (the store counts them). Answers are numbered so a slow one never replaces a
 * newer list; a sent reply is shown at once.
 */
function useCallTexts(callId: string, overSip: boolean) {
  const heard = useFloor((state) => state.callSignals.textCounts.get(callId) ?? 0)
  const [texts, setTexts] = useState<CallText[]>([])
  const [failure, setFailure] = useState<string | null>(null)
  const latest = useRef(0)
  useEffect(() => {
    // Texts come only over SIP: another call is asked only once an event says it has some.
    if (!overSip && heard === 0) return
    const ticket = ++latest.current
    api
      .get<CallText[]>(`/api/calls/${callId}/texts`)
      .then((list) => {
        if (ticket !== latest.current) return
        setTexts(list)
        setFailure(null)
      })
      .catch((error: unknown) => {
        if (ticket === latest.current) setFailure((error as Error).message)
      })
  }, [callId, overSip, heard])
  const add = (text: CallText) =>
    setTexts((list) => (list.some((t) => t.id === text.id) ? list : [...list, text]))
  return { texts, failure, add }
}

/**
 * The text conversation of an NG911 call (SIP MESSAGE or TTY) as a chat: the caller on the left,
 * the center on the right. Shown on a call that came over SIP or has texts. The reply goes on
 * the channel of the caller's last message unless the call taker picks the other one.
 */
export function TextConversation({ call }: { call: CallView }) {
  const overSip = cameOverSip(call)
  const { texts, failure, add } = useCallTexts(call.id, overSip)
  const [draft, setDraft] = useState('')
  const [picked, setPicked] = useState<Channel | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const log = useRef<HTMLOListElement>(null)

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight })
  }, [texts.length])

  if (!overSip && texts.length === 0) return null
  const lastFromCaller = texts.findLast((text) => text.direction === 'from_caller')
  const channel: Channel = picked ?? lastFromCaller?.channel ?? 'sip_message'
  const gone = call.status === 'released' || call.closedAt !== null

  const send = () => {
    if (sending) return
    const body = SendTextBody.safeParse({ body: draft, channel })
    if (!body.success) {
      setError(body.error.issues[0]?.message ?? 'the reply cannot be sent')
      return
    }
    setSending(true)
    setError(null)
    api
      .post<CallText>(`/api/calls/${call.id}/texts`, body.data)
      .then((sent) => {
        add(sent)
        setDraft('')
      })
      .catch((failure: unknown) =>
        setError(failure instanceof ApiError ? failure.message : String(failure)),
      )
      .finally(() => setSending(false))
  }

  return (
    <section className="panel conversation" aria-labelledby="conversation-heading">
      <h2 id="conversation-heading">
        Text conversation <span className="muted tabular">({texts.length})</span>
      </h2>
      {failure && <p className="stale">May be out of date: {failure}</p>}
      {texts.length === 0 ? (
        <p className="muted">No texts yet. A reply goes to the caller on the channel chosen.</p>
      ) : (
        <ol className="text-log" ref={log} aria-label="Texts" aria-live="polite">
          {texts.map((text) => (
            <li
              key={text.id}
              className={`text-line ${text.direction === 'from_caller' ? 'from-caller' : 'to-caller'}`}
              data-testid="call-text"
            >
              <span className="text-meta">
                {text.direction === 'from_caller' ? 'Caller' : 'Center'}{' '}
                <span className={`channel channel-${text.channel}`}>
                  {CHANNEL_LABELS[text.channel]}
                </span>{' '}
                <time className="tabular">{clockTime(text.at)}</time>
              </span>
              <span className="text-body">{text.body}</span>
            </li>
          ))}
        </ol>
      )}
      <form
        className="reply"
        onSubmit={(event) => {
          event.preventDefault()
          send()
        }}
      >
        <div className="channel-choice" role="group" aria-label="Reply channel">
          {(['sip_message', 'tty'] as const).map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={channel === option}
              onClick={() => setPicked(option)}
            >
              {CHANNEL_LABELS[option]}
            </button>
          ))}
        </div>
        <textarea
          aria-label="Reply to the caller"
          aria-invalid={error !== null}
          aria-describedby={error ? 'reply-error' : undefined}
          rows={2}
          value={draft}
          disabled={gone}
          placeholder={
            gone ? 'The caller is no longer on the line' : 'Enter sends, Shift+Enter: new line'
          }
          onChange={(event) => {
            setDraft(event.target.value)
            setError(null)
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault()
              send()
            }
          }}
        />
        <button type="submit" className="primary" disabled={sending || gone}>
          Send {CHANNEL_LABELS[channel]}
        </button>
      </form>
      {error && (
        <p className="form-error" id="reply-error" role="alert">
          Not sent: {error}
        </p>
      )}
    </section>
  )
}
