import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AlertTemplateView } from '@common/api/alerts.ts'
import { ApiError } from '../../api/http.ts'
import { applyTemplate, blankDraft, draftBody } from './draft-form.ts'

const TEMPLATE: AlertTemplateView = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Boil water',
  noticeCategory: 'utilities',
  capCategory: 'Health',
  event: 'Boil Water Order',
  urgency: 'Expected',
  severity: 'Moderate',
  certainty: 'Likely',
  texts: {
    en: { headline: 'Boil water', description: 'Boil it.', instruction: '', shortText: 'Boil it.' },
  },
  updatedAt: '2026-11-30T10:00:00.000Z',
}

const failure = (run: () => unknown): ApiError => {
  try {
    run()
  } catch (error) {
    if (error instanceof ApiError) return error
    throw error
  }
  assert.fail('expected a refusal')
}

describe(applyTemplate.name, () => {
  it('fills the CAP fields and texts, and leaves status, areas and channels as they were', () => {
    const areas = [
      { mode: 'include' as const, shape: { kind: 'town' as const, town: 'X' }, label: '' },
    ]
    const form = applyTemplate(
      { ...blankDraft(), status: 'Test', areas, channels: ['sms'] },
      TEMPLATE,
    )
    assert.equal(form.templateId, TEMPLATE.id)
    assert.equal(form.event, 'Boil Water Order')
    assert.equal(form.capCategory, 'Health')
    assert.equal(form.texts.en?.headline, 'Boil water')
    assert.equal(form.status, 'Test')
    assert.deepEqual(form.areas, areas)
    assert.deepEqual(form.channels, ['sms'])
  })
})

describe(draftBody.name, () => {
  it('refuses a form whose status was never chosen, naming status', () => {
    const form = applyTemplate(blankDraft(), TEMPLATE)
    const error = failure(() => draftBody(form))
    assert.equal(error.field, 'status')
  })

  it('names the empty field of a language added but not written', () => {
    const form = { ...applyTemplate(blankDraft(), TEMPLATE), status: 'Exercise' as const }
    form.texts = {
      ...form.texts,
      es: { headline: '', description: '', instruction: '', shortText: '' },
    }
    const error = failure(() => draftBody(form))
    assert.equal(error.field, 'texts.es.headline')
  })

  it('answers the body the API takes', () => {
    const body = draftBody({ ...applyTemplate(blankDraft(), TEMPLATE), status: 'Actual' })
    assert.equal(body.status, 'Actual')
    assert.deepEqual(body.areas, [])
  })
})
