import type { AlertPreview, AlertTemplateView, AlertView } from '@common/api/alerts.ts'
import { useEffect, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { FieldError, FormError } from '../../ui/form.tsx'
import { useDebounced } from '../../ui/use-debounced.ts'
import { AreaEditor } from './area-editor.tsx'
import { CapFields } from './cap-fields.tsx'
import {
  applyTemplate,
  blankDraft,
  draftBody,
  draftOf,
  sameDraft,
  type DraftForm,
} from './draft-form.ts'
import { ExcludeConfirm } from './exclude-confirm.tsx'
import { PreviewPanel } from './preview-panel.tsx'
import { TextTabs } from './text-tabs.tsx'
import { useTowns } from './use-towns.ts'

/**
 * Fields shown beside their own input. A text's problem is also said at the top: it may be in a
 * language tab that is not open.
 */
const FORM_FIELDS = [
  'status',
  'noticeCategory',
  'capCategory',
  'event',
  'urgency',
  'severity',
  'certainty',
  'areas',
  'channels',
  'confirmExclude',
]
const NO_POINTS: [number, number][] = []
/** How long the form must stay unchanged before an earlier preview is brought up to date. */
const AUTO_PREVIEW_MS = 1200

const asApiError = (failure: unknown) =>
  failure instanceof ApiError ? failure : new ApiError(0, 'unexpected', String(failure), null)

/**
 * Composing an alert: from a template or blank, the areas on the map, then a preview of who it
 * reaches, then send. Every preview saves the draft first, and a send is allowed only on a
 * preview of exactly what is on screen: what the operator saw is what goes out.
 */
export function AlertCompose({
  draft,
  templates,
  onSent,
  onSaved,
  onClose,
}: {
  /** A saved draft (or a prefilled Update / Cancel), or null for a new alert. */
  draft: AlertView | null
  templates: AlertTemplateView[]
  onSent: (alert: AlertView) => void
  onSaved: (alert: AlertView) => void
  onClose: () => void
}) {
  const { towns, failure: townsFailure } = useTowns()
  const [form, setForm] = useState<DraftForm>(() => (draft ? draftOf(draft) : blankDraft()))
  const [saved, setSaved] = useState<AlertView | null>(draft)
  const [preview, setPreview] = useState<{ form: DraftForm; data: AlertPreview } | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  const patch = (change: Partial<DraftForm>) => setForm((previous) => ({ ...previous, ...change }))
  const stale = preview !== null && !sameDraft(preview.form, form)
  // A Cancel goes to everyone who had the original: it needs no area of its own.
  const hasInclude =
    saved?.msgType === 'Cancel' || form.areas.some((area) => area.mode === 'include')
  const hasExclude = form.areas.some((area) => area.mode === 'exclude')

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setMessage(null)
    try {
      await action()
    } catch (failure) {
      setError(asApiError(failure))
    } finally {
      setBusy(false)
    }
  }

  const save = async (): Promise<AlertView> => {
    const body = draftBody(form)
    const result = saved
      ? await api.put<AlertView>(`/api/alerts/${saved.id}`, body)
      : await api.post<AlertView>('/api/alerts', body)
    setSaved(result)
    onSaved(result)
    return result
  }

  const previewNow = () =>
    run(async () => {
      const shown = form
      const alert = await save()
      const data = await api.post<AlertPreview>(`/api/alerts/${alert.id}/preview`)
      setPreview({ form: shown, data })
    })

  // Once previewed, the preview follows the form: a change (an area switched to exclude, a
  // channel dropped) shows its new counts when typing pauses. A form that does not check yet
  // waits for the Preview button, which names the field.
  const settled = useDebounced(form, AUTO_PREVIEW_MS)
  useEffect(() => {
    if (!preview || busy || settled !== form || sameDraft(preview.form, settled)) return
    try {
      draftBody(settled)
    } catch {
      return
    }
    void previewNow()
    // Only a settled change starts it; previewNow and the rest are read fresh at that moment.
  }, [settled])

  const send = (confirmExclude: boolean) =>
    run(async () => {
      try {
        onSent(await api.post<AlertView>(`/api/alerts/${saved!.id}/send`, { confirmExclude }))
      } finally {
        // A refusal is shown on the form, not behind the dialog.
        setConfirming(false)
      }
    })

  const askToSend = () => {
    if (!hasInclude) {
      setError(
        new ApiError(
          409,
          'no_include_area',
          'areas: there is no include area, so nobody would be alerted; nothing was sent',
          'areas',
        ),
      )
      return
    }
    if (hasExclude) setConfirming(true)
    else void send(false)
  }

  const discard = () =>
    run(async () => {
      if (saved) await api.post<AlertView>(`/api/alerts/${saved.id}/discard`)
      onClose()
    })

  const title = !saved
    ? 'New alert'
    : saved.msgType === 'Alert'
      ? `Draft ${saved.identifier}`
      : `${saved.msgType} of ${saved.referencesIdentifier ?? 'an alert'} (draft ${saved.identifier})`

  return (
    <section className="alert-compose" aria-labelledby="alert-compose-title">
      <div className={`panel compose-head cap-frame-${form.status.toLowerCase() || 'none'}`}>
        <h2 id="alert-compose-title">{title}</h2>
        {saved?.msgType === 'Alert' || !saved ? (
          <label className="inline">
            Start from
            <select
              value=""
              onChange={(event) => {
                const template = templates.find((each) => each.id === event.target.value)
                if (template) setForm((previous) => applyTemplate(previous, template))
                else if (event.target.value === 'blank') setForm(blankDraft())
              }}
              aria-label="Start from a template"
            >
              <option value="">a template…</option>
              {templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
              <option value="blank">blank (clear the form)</option>
            </select>
          </label>
        ) : (
          <span className="muted">References {saved.referencesIdentifier}</span>
        )}
        <span className="spacer" />
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await save()
              setMessage('Draft saved.')
            })
          }
        >
          Save draft
        </button>
        <button type="button" disabled={busy} onClick={() => void discard()}>
          {saved ? 'Discard draft' : 'Close'}
        </button>
      </div>
      <FormError error={error} fields={FORM_FIELDS} />
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
      <div className="compose-grid">
        <div className="compose-column">
          <CapFields form={form} onPatch={patch} error={error} />
          <TextTabs texts={form.texts} onTexts={(texts) => patch({ texts })} error={error} />
        </div>
        <div className="compose-column">
          {townsFailure && <p className="form-error">Towns could not be loaded: {townsFailure}</p>}
          <AreaEditor
            towns={towns}
            areas={form.areas}
            onAreas={(areas) => patch({ areas })}
            points={preview && !stale ? preview.data.points : NO_POINTS}
          />
          <FieldError error={error} field="areas" />
          <section className="panel send-panel" aria-labelledby="alert-send-title">
            <div className="panel-head">
              <h3 id="alert-send-title">Preview and send</h3>
              <button type="button" disabled={busy} onClick={() => void previewNow()}>
                {preview ? 'Preview again' : 'Preview'}
              </button>
              <button
                type="button"
                className="danger"
                disabled={busy || !preview || stale}
                title={
                  !preview || stale ? 'Preview first: a send goes out as last previewed' : undefined
                }
                onClick={askToSend}
              >
                Send…
              </button>
            </div>
            {!hasInclude && (
              <p className="check-blocking" role="note">
                No include area yet: sending is blocked until one is added.
              </p>
            )}
            <FieldError error={error} field="confirmExclude" />
            <PreviewPanel preview={preview?.data ?? null} stale={stale} channels={form.channels} />
          </section>
        </div>
      </div>
      {confirming && preview && form.status !== '' && (
        <ExcludeConfirm
          status={form.status}
          areas={form.areas}
          preview={preview.data}
          busy={busy}
          onConfirm={() => void send(true)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  )
}
