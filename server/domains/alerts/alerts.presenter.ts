import type { AlertTemplateView, AlertView } from '@common/api/alerts.ts'
import type { AlertWithNames } from './alerts.repository.ts'
import type { AlertTemplateRow } from './alerts.table.ts'

const iso = (date: Date | null) => (date ? date.toISOString() : null)

export function presentAlert(row: AlertWithNames): AlertView {
  return {
    id: row.id,
    identifier: row.identifier,
    status: row.status,
    msgType: row.msg_type,
    referencesAlertId: row.references_alert_id,
    referencesIdentifier: row.references_identifier,
    templateId: row.template_id,
    noticeCategory: row.notice_category as AlertView['noticeCategory'],
    capCategory: row.cap_category as AlertView['capCategory'],
    event: row.event,
    urgency: row.urgency as AlertView['urgency'],
    severity: row.severity as AlertView['severity'],
    certainty: row.certainty as AlertView['certainty'],
    texts: row.texts,
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
    noticeCategory: row.notice_category as AlertTemplateView['noticeCategory'],
    capCategory: row.cap_category as AlertTemplateView['capCategory'],
    event: row.event,
    urgency: row.urgency as AlertTemplateView['urgency'],
    severity: row.severity as AlertTemplateView['severity'],
    certainty: row.certainty as AlertTemplateView['certainty'],
    texts: row.texts,
    updatedAt: row.updated_at.toISOString(),
  }
}
