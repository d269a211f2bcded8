import {
  AlertDraftBody,
  type AlertLanguage,
  type AlertTemplateView,
  type AlertText,
  type AlertView,
  type CapStatus,
} from '@common/api/alerts.ts'
import { ApiError } from '../../api/http.ts'
import { checkInput } from '../../ui/form.tsx'

/**
 * The compose form. `status` starts empty on purpose: Actual, Exercise and Test are chosen by
 * hand every time, never defaulted, so a test is never sent to the public by a slip.
 */
export type DraftForm = Omit<AlertDraftBody, 'status'> & { status: CapStatus | '' }

export const EMPTY_TEXT: AlertText = {
  headline: '',
  description: '',
  instruction: '',
  shortText: '',
}

export function blankDraft(): DraftForm {
  return {
    templateId: null,
    status: '',
    noticeCategory: 'emergency',
    capCategory: 'Safety',
    event: '',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    texts: { en: { ...EMPTY_TEXT } },
    areas: [],
    channels: ['sms', 'voice', 'email', 'tty'],
    expiresAt: null,
  }
}

/** One click fills the CAP fields and every language's text; areas, channels and status stay. */
export function applyTemplate(form: DraftForm, template: AlertTemplateView): DraftForm {
  const texts: DraftForm['texts'] = {}
  for (const [language, text] of Object.entries(template.texts)) {
    texts[language as AlertLanguage] = { ...EMPTY_TEXT, ...text }
  }
  return {
    ...form,
    templateId: template.id,
    noticeCategory: template.noticeCategory,
    capCategory: template.capCategory,
    event: template.event,
    urgency: template.urgency,
    severity: template.severity,
    certainty: template.certainty,
    texts,
  }
}

/** A saved draft (or the prefilled Update / Cancel draft) back into the form. */
export function draftOf(alert: AlertView): DraftForm {
  return {
    templateId: alert.templateId,
    status: alert.status,
    noticeCategory: alert.noticeCategory,
    capCategory: alert.capCategory,
    event: alert.event,
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    texts: alert.texts,
    areas: alert.areas,
    channels: alert.channels,
    expiresAt: alert.expiresAt,
  }
}

/** The request body, checked with the API's own schema: a bad form sends nothing. */
export function draftBody(form: DraftForm): AlertDraftBody {
  if (form.status === '') {
    throw new ApiError(400, 'invalid_input', 'status: choose Actual, Exercise or Test', 'status')
  }
  return checkInput(AlertDraftBody, form)
}

/** The same form, compared by value: a change since the last preview makes it stale. */
export function sameDraft(a: DraftForm, b: DraftForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
