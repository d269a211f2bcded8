import type { AlertView } from '@common/api/alerts.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { useSession } from '../../session/session-context.tsx'
import { FieldError, FormError } from '../../ui/form.tsx'

/** Whether the signed-on operator is the one who sent the alert for approval. */
export function isOwnAlert(
  alert: AlertView,
  user: { id: string; username: string; displayName: string },
): boolean {
  const who = alert.submittedBy ?? alert.createdBy
  return who === user.id || who === user.username || who === user.displayName
}

/**
 * Approve or reject an alert that waits for a second operator. The one who sent it cannot
 * approve it: the button stays, disabled, and says why.
 */
export function ApprovalActions({
  alert,
  onChanged,
}: {
  alert: AlertView
  onChanged: (alert: AlertView) => void
}) {
  const session = useSession()
  const own = isOwnAlert(alert, session.view.user)
  const [reason, setReason] = useState('')
  const [rejecting, setRejecting] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  const act = async (path: 'approve' | 'reject', body: unknown = {}) => {
    setBusy(true)
    setError(null)
    try {
      onChanged(await api.post<AlertView>(`/api/alerts/${alert.id}/${path}`, body))
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? failure
          : new ApiError(0, 'unexpected', String(failure), null),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="approval-actions" data-testid="approval-actions">
      <button
        type="button"
        className="primary"
        disabled={own || busy}
        onClick={() => void act('approve')}
        aria-describedby={own ? `own-${alert.id}` : undefined}
      >
        Approve and send
      </button>
      <button type="button" disabled={busy} onClick={() => setRejecting(!rejecting)}>
        Reject…
      </button>
      {own && (
        <p className="muted" id={`own-${alert.id}`}>
          You sent this alert for approval: a second operator must approve it.
        </p>
      )}
      {rejecting && (
        <form
          className="reject-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (!reason.trim()) {
              setError(
                new ApiError(400, 'invalid_input', 'reason: say why it is rejected', 'reason'),
              )
              return
            }
            void act('reject', { reason: reason.trim() })
          }}
        >
          <label>
            Reason for rejecting
            <input
              value={reason}
              maxLength={500}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
          <FieldError error={error} field="reason" />
          <button type="submit" disabled={busy}>
            Reject
          </button>
        </form>
      )}
      <FormError error={error} fields={['reason']} />
    </div>
  )
}
