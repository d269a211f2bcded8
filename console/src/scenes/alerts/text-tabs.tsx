import {
  ALERT_LANGUAGE_CODES,
  ALERT_LANGUAGES,
  SHORT_TEXT_MAX,
  type AlertLanguage,
  type AlertText,
  type AlertTexts,
} from '@common/api/alerts.ts'
import { checkGsm7 } from '@common/domain/gsm7.ts'
import { useState } from 'react'
import type { ApiError } from '../../api/http.ts'
import { FieldError, invalid } from '../../ui/form.tsx'
import { characterWords } from './alert-words.ts'
import { EMPTY_TEXT } from './draft-form.ts'

/**
 * The text per language in tabs. English is required (every subscriber's fallback) and cannot
 * be removed; other languages are added from the city's 23.
 */
export function TextTabs({
  texts,
  onTexts,
  error,
}: {
  texts: AlertTexts
  onTexts: (texts: AlertTexts) => void
  error: ApiError | null
}) {
  const languages = ALERT_LANGUAGE_CODES.filter((code) => texts[code] !== undefined)
  const [chosen, setChosen] = useState<AlertLanguage>('en')
  const current = texts[chosen] ? chosen : 'en'
  const missing = ALERT_LANGUAGE_CODES.filter((code) => texts[code] === undefined)
  // A server error about another language's text opens that tab's name in red.
  const erring = (code: AlertLanguage) => invalid(error, `texts.${code}`)

  const setText = (code: AlertLanguage, text: AlertText) => onTexts({ ...texts, [code]: text })
  const remove = (code: AlertLanguage) => {
    const next = { ...texts }
    delete next[code]
    onTexts(next)
    setChosen('en')
  }

  return (
    <section className="panel text-tabs" aria-labelledby="alert-texts-title">
      <div className="panel-head">
        <h3 id="alert-texts-title">Text</h3>
        <label className="inline">
          Add a language
          <select
            value=""
            onChange={(event) => {
              const code = event.target.value as AlertLanguage
              if (!code) return
              setText(code, { ...EMPTY_TEXT })
              setChosen(code)
            }}
          >
            <option value="">Choose…</option>
            {missing.map((code) => (
              <option key={code} value={code}>
                {ALERT_LANGUAGES[code]} ({code})
              </option>
            ))}
          </select>
        </label>
      </div>
      <div role="tablist" aria-label="Languages" className="language-tabs">
        {languages.map((code) => (
          <button
            key={code}
            type="button"
            role="tab"
            aria-selected={code === current}
            className={erring(code) ? 'tab-error' : undefined}
            onClick={() => setChosen(code)}
          >
            {ALERT_LANGUAGES[code]}
            {code === 'en' ? ' (required)' : ''}
          </button>
        ))}
      </div>
      <TextFields
        key={current}
        code={current}
        text={texts[current] ?? EMPTY_TEXT}
        onText={(text) => setText(current, text)}
        error={error}
      />
      {current !== 'en' && (
        <button type="button" onClick={() => remove(current)}>
          Remove {ALERT_LANGUAGES[current]}
        </button>
      )}
    </section>
  )
}

function TextFields({
  code,
  text,
  onText,
  error,
}: {
  code: AlertLanguage
  text: AlertText
  onText: (text: AlertText) => void
  error: ApiError | null
}) {
  const field = (name: keyof AlertText) => `texts.${code}.${name}`
  const input = (name: keyof AlertText) => ({
    value: text[name],
    'aria-invalid': invalid(error, field(name)),
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onText({ ...text, [name]: event.target.value }),
  })
  return (
    <div role="tabpanel" className="text-fields" lang={code}>
      <label>
        Headline
        <input {...input('headline')} maxLength={160} />
      </label>
      <FieldError error={error} field={field('headline')} />
      <label>
        Description
        <textarea {...input('description')} rows={3} maxLength={4000} />
      </label>
      <FieldError error={error} field={field('description')} />
      <label>
        Instruction (what to do)
        <textarea {...input('instruction')} rows={2} maxLength={2000} />
      </label>
      <FieldError error={error} field={field('instruction')} />
      <label>
        Short text for phones
        <textarea {...input('shortText')} rows={2} className="short-text" />
      </label>
      <Gsm7Counter text={text.shortText} strict={code === 'en'} />
      <FieldError error={error} field={field('shortText')} />
    </div>
  )
}

/**
 * The short text as phones count it, with every character outside GSM-7 named as typed. English
 * must be GSM-7 (`strict`); other languages may need their own script, which is only noted.
 */
export function Gsm7Counter({ text, strict }: { text: string; strict: boolean }) {
  const { length, invalid: outside } = checkGsm7(text.trim())
  const tooLong = length > SHORT_TEXT_MAX
  const bad = tooLong || (strict && outside.length > 0)
  return (
    <p
      className={`gsm7-counter${bad ? ' gsm7-bad' : ''}`}
      aria-live="polite"
      data-testid="gsm7-counter"
    >
      <span className="tabular">
        {length} / {SHORT_TEXT_MAX}
      </span>{' '}
      GSM-7 characters
      {tooLong && <strong> · {length - SHORT_TEXT_MAX} too many</strong>}
      {outside.length > 0 &&
        (strict ? (
          <strong>
            {' '}
            · not GSM-7: {outside.map(characterWords).join(', ')} (replace them: phones would cut
            the text to 70 characters)
          </strong>
        ) : (
          <span> · in its own script (sent as UCS-2, 70 characters a message)</span>
        ))}
    </p>
  )
}
