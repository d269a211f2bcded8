import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatEasternTime, toWinAnsi, wrapText } from './pdf-text.ts'

/** A monospaced stand-in for a font: every character is one unit wide. */
const monospace = (s: string) => s.length

describe(wrapText.name, () => {
  it('wraps at spaces, keeps line breaks and breaks only a word wider than the line', () => {
    const text = 'smoke from the eaves\n\nkey at the side door 1234567890123456'
    const lines = wrapText(text, 10, monospace)
    assert.ok(lines.every((line) => line.length <= 10))
    assert.equal(lines[2], '')
    assert.equal(lines.join('').replace(/\s/g, ''), text.replace(/\s/g, ''))
    assert.ok(lines.includes('1234567890'))
  })
})

describe(toWinAnsi.name, () => {
  it('keeps Latin-1 and typographic marks, and writes other characters readably', () => {
    assert.equal(toWinAnsi('Café — “quoted”'), 'Café — “quoted”')
    assert.equal(toWinAnsi('Priority 2 → 1'), 'Priority 2 -> 1')
    assert.equal(toWinAnsi('Łódź'), '[U+0141]ódz')
    assert.equal(toWinAnsi('fire 🔥\tnow'), 'fire [U+1F525]    now')
  })
})

describe(formatEasternTime.name, () => {
  it('shows Eastern time with the zone in force on each side of the spring change', () => {
    assert.equal(formatEasternTime('2026-03-08T06:59:59Z'), '03/08/2026 01:59:59 EST')
    assert.equal(formatEasternTime('2026-03-08T07:00:00Z'), '03/08/2026 03:00:00 EDT')
  })
})
