import {
  ALERT_LANGUAGE_CODES,
  ALERT_LANGUAGES,
  NOTICE_CATEGORY_LABELS,
  type AlertView,
} from '@common/api/alerts.ts'
import { useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { dateTime } from '../../ui/date-time.ts'
import { FormError } from '../../ui/form.tsx'
import { useRead } from '../../ui/use-read.ts'
import { AreaList } from './area-editor.tsx'
import { AreaMapView } from './area-map-view.tsx'
import { ApprovalActions } from './approval-actions.tsx'
import { channelWords, countWords, estimateWords, stateWords } from './alert-words.ts'
import { StatusMarker } from './cap-fields.tsx'
import { DeliveryReport } from './delivery-report.tsx'
import { useAlertEvents } from './use-alert-events.ts'
import { useTowns } from './use-towns.ts'

/**
 * One alert: what it says, where, its state and who did what; the approval step; and once
 * sending, the live delivery report.
 */
export function AlertDetail({
  alertId,
  operator,
  onEdit,
  onChanged,
}: {
  alertId: string
  /** Only alert operators edit, approve, update and cancel; others follow. */
  operator: boolean
  onEdit: (draft: AlertView) => void
  onChanged: () => void
}) {
  const read = useRead<AlertView>(`/api/alerts/${alertId}`)
  const alert = read.data
  const delivering = alert?.state === 'sending' || alert?.state === 'sent'
  const { towns } = useTowns()
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)

  useAlertEvents((event) => {
    if (!event || (event.type === 'alert.changed' && event.alertId === alertId)) {
      void read.reload()
    }
  })

  const act = async (path: 'update' | 'cancel' | 'discard') => {
    setBusy(true)
    setError(null)
    try {
      const answer = await api.post<AlertView>(`/api/alerts/${alertId}/${path}`)
      onChanged()
      if (path === 'discard') await read.reload()
      else onEdit(answer)
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

  if (!alert) {
    return (
      <section className="panel" aria-label="Alert">
        <FormError error={read.error} />
        {!read.error && <p className="muted">Reading the alert…</p>}
      </section>
    )
  }
  const english = alert.texts.en
  const others = ALERT_LANGUAGE_CODES.filter((code) => code !== 'en' && alert.texts[code])
  return (
    <section className="alert-detail" aria-labelledby="alert-detail-title">
      <div
        className={`status-banner cap-${alert.status.toLowerCase()}`}
        data-testid="status-banner"
      >
        <StatusMarker status={alert.status} />
      </div>
      <div className="panel">
        <div className="panel-head">
          <h2 id="alert-detail-title">
            {alert.msgType !== 'Alert' && (
              <span className="msg-type">{alert.msgType.toUpperCase()} </span>
            )}
            {alert.identifier} · {alert.event}
          </h2>
          <span className={`alert-state state-${alert.state}`} data-testid="alert-state">
            {stateWords(alert)}
          </span>
          {operator && alert.state === 'draft' && (
            <>
              <button type="button" className="primary" onClick={() => onEdit(alert)}>
                Edit draft
              </button>
              <button type="button" disabled={busy} onClick={() => void act('discard')}>
                Discard
              </button>
            </>
          )}
          {operator && delivering && alert.msgType !== 'Cancel' && (
            <>
              <button type="button" disabled={busy} onClick={() => void act('update')}>
                Update…
              </button>
              <button type="button" disabled={busy} onClick={() => void act('cancel')}>
                Cancel alert…
              </button>
            </>
          )}
          <a href={`/api/alerts/${alert.id}/cap.xml`} target="_blank" rel="noreferrer">
            CAP 1.2 document
          </a>
        </div>
        <FormError error={error} />
        {alert.state === 'awaiting_approval' && (
          <div className="waiting" role="status">
            <strong>Waiting for a second operator to approve.</strong> An emergency to a whole town
            needs two operators; it is sent the moment another one approves it.
            {operator && (
              <ApprovalActions
                alert={alert}
                onChanged={() => {
                  onChanged()
                  void read.reload()
                }}
              />
            )}
          </div>
        )}
        {alert.state === 'rejected' && (
          <p className="check-blocking">Rejected: {alert.rejectedReason}</p>
        )}
        <div className="detail-grid">
          <dl className="facts">
            <dt>Headline</dt>
            <dd>{english?.headline}</dd>
            <dt>Description</dt>
            <dd className="note">{english?.description}</dd>
            {english?.instruction && (
              <>
                <dt>Instruction</dt>
                <dd className="note">{english.instruction}</dd>
              </>
            )}
            <dt>Short text</dt>
            <dd>{english?.shortText}</dd>
            <dt>Languages</dt>
            <dd>English{others.map((code) => `, ${ALERT_LANGUAGES[code]}`).join('')}</dd>
            <dt>CAP</dt>
            <dd>
              {alert.capCategory} · {alert.urgency} · {alert.severity} · {alert.certainty}
            </dd>
            <dt>Notice</dt>
            <dd>{NOTICE_CATEGORY_LABELS[alert.noticeCategory]}</dd>
            <dt>Channels</dt>
            <dd>{alert.channels.map(channelWords).join(', ')}</dd>
          </dl>
          <dl className="facts">
            {alert.referencesIdentifier && (
              <>
                <dt>References</dt>
                <dd>{alert.referencesIdentifier}</dd>
              </>
            )}
            <dt>Recipients</dt>
            <dd className="tabular">
              {alert.recipientCount === null
                ? 'counted when sent'
                : countWords(alert.recipientCount, 'subscriber')}
            </dd>
            {alert.estimateSeconds !== null && (
              <>
                <dt>Estimate</dt>
                <dd>{estimateWords(alert.estimateSeconds)}</dd>
              </>
            )}
            <dt>Composed</dt>
            <dd>
              {alert.createdBy}, <span className="tabular">{dateTime(alert.createdAt)}</span>
            </dd>
            {alert.submittedBy && (
              <>
                <dt>Sent for release</dt>
                <dd>
                  {alert.submittedBy},{' '}
                  <span className="tabular">{dateTime(alert.submittedAt)}</span>
                </dd>
              </>
            )}
            {alert.approvedBy && (
              <>
                <dt>Approved</dt>
                <dd>
                  {alert.approvedBy}, <span className="tabular">{dateTime(alert.approvedAt)}</span>
                </dd>
              </>
            )}
            {alert.sentAt && (
              <>
                <dt>Released</dt>
                <dd className="tabular">{dateTime(alert.sentAt)}</dd>
              </>
            )}
            {alert.expiresAt && (
              <>
                <dt>Expires</dt>
                <dd className="tabular">{dateTime(alert.expiresAt)}</dd>
              </>
            )}
          </dl>
        </div>
      </div>
      {delivering && <DeliveryReport alertId={alert.id} />}
      <section className="panel" aria-label="Areas">
        <AreaMapView towns={towns} areas={alert.areas} label="The alert's areas" />
        <AreaList areas={alert.areas} />
      </section>
    </section>
  )
}
