import type { AlertTemplateView, AlertView } from '@common/api/alerts.ts'
import type { AlertWithNames } from './alerts.repository.ts'
import type { AlertTemplateRow } from './alerts.table.ts'

const iso = (date: Date | null) => (date ? date.toISOString() : null)

type Content = Pick<
  AlertTemplateView,
  'noticeCategory' | 'capCategory' | 'event' | 'urgency' | 'severity' | 'certainty' | 'texts'
>

/** What an alert and a template both say; stored as CAP spells it, checked on the way in. */
function presentContent(row: AlertTemplateRow | AlertWithNames): Content {
  return {
    noticeCategory: row.notice_category as Content['noticeCategory'],
    capCategory: row.cap_category as Content['capCategory'],
    event: row.event,
    urgency: row.urgency as Content['urgency'],
    severity: row.severity as Content['severity'],
    certainty: row.certainty as Content['certainty'],
    texts: row.texts,
  }
}

export function presentAlert(row: AlertWithNames): AlertView {
  return {
    id: row.id,
    identifier: row.identifier,
    status: row.status,
    msgType: row.msg_type,
    referencesAlertId: row.references_alert_id,
    referencesIdentifier: row.references_identifier,
    templateId: row.template_id,
    ...presentContent(row),
    areas: row.areas,
    channels: row.channels,
    expiresAt: iso(row.expires_at),
    state: row.state,
    approvalRequired: row.approval_required,
    excludeConfirmed: row.exclude_confirmed,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    submittedBy: row.submitted_by_name,
    submittedAt: iso(row.submitted_at),
    approvedBy: row.approved_by_name,
    approvedAt: iso(row.approved_at),
    rejectedReason: row.rejected_reason,
    sentAt: iso(row.sent_at),
    recipientCount: row.recipient_count,
    estimateSeconds: row.estimate_seconds,
  }
}

export function presentTemplate(row: AlertTemplateRow): AlertTemplateView {
  return {
    id: row.id,
    name: row.name,
    ...presentContent(row),
    updatedAt: row.updated_at.toISOString(),
  }
}
