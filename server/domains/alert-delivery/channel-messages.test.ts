import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isBaudotCharacter } from '../../audio/tty-baudot.ts'
import { emailMessage, phoneMessage, ttyText, type AlertContent } from './channel-messages.ts'
import { ENGLISH_AND_SPANISH } from './delivery-fixtures.ts'

const alert: AlertContent = {
  id: '00000000-0000-4000-8000-000000000001',
  identifier: 'WOR-ALERT-2026-0001',
  status: 'Actual',
  msgType: 'Alert',
  noticeCategory: 'emergency',
  texts: ENGLISH_AND_SPANISH,
}
const unsubscribe = { publicUrl: 'https://alerts.example.gov', token: 'tok en' }

describe('alert messages per channel', () => {
  it('writes the e-mail in the language with the unsubscribe link', () => {
    const email = emailMessage(alert, 'es', unsubscribe)
    assert.equal(email.subject, 'Orden de hervir el agua en Greendale')
    assert.equal(
      email.unsubscribeUrl,
      'https://alerts.example.gov/api/alerts/unsubscribe?token=tok%20en',
    )
    assert.match(email.text, /^Se rompió una tubería/)
    assert.match(email.text, /Hierva el agua un minuto/)
    assert.ok(email.text.includes(email.unsubscribeUrl))
  })

  it('falls back to English, and marks Test and Exercise alerts as such', () => {
    assert.equal(
      emailMessage({ ...alert, status: 'Test' }, 'vi', unsubscribe).subject,
      'TEST: Boil water order for Greendale',
    )
    assert.equal(
      phoneMessage({ ...alert, status: 'Exercise' }, 'sms', 'km'),
      'EXERCISE: Boil water order in Greendale until further notice. Reply STOP to end.',
    )
  })

  it('leaves the link out when the list has no sign-up to end', () => {
    const email = emailMessage({ ...alert, unsubscribe: false }, 'en', unsubscribe)
    assert.equal(email.unsubscribeUrl, null)
    assert.doesNotMatch(email.text, /unsubscribe/)
  })

  it('speaks the headline, description and instruction on a voice call', () => {
    assert.equal(
      phoneMessage(alert, 'voice', 'en'),
      'Boil water order for Greendale. A water main broke on Main St; tap water may be unsafe. Boil water for one minute before drinking.',
    )
  })

  it('sends a TTY only what Baudot can print, in capitals', () => {
    const text = phoneMessage(alert, 'tty', 'es')
    assert.equal(text, text.toUpperCase())
    for (const char of text) assert.ok(isBaudotCharacter(char), `"${char}" is not Baudot`)
    assert.match(text, /^ORDEN DE HERVIR EL AGUA EN GREENDALE\. SE ROMPIO UNA TUBERIA/)
    assert.equal(ttyText('Évacuez — now! 50% [zone] “A”'), 'EVACUEZ - NOW! 50 ZONE "A"')
  })
})
