import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { linearToMulaw, MULAW_TABLE } from './g711.ts'
import { encodeTty, TtyDecoder } from './tty-baudot.ts'

function decodeInFrames(samples: ArrayLike<number>, frame = 160): string {
  const decoder = new TtyDecoder()
  let text = ''
  for (let i = 0; i < samples.length; i += frame) {
    text += decoder.push(Array.prototype.slice.call(samples, i, i + frame) as number[])
  }
  return text
}

describe('TTY (Baudot 45.45)', () => {
  it('decodes what it encodes, letters and figures, fed in RTP-sized frames', () => {
    assert.equal(
      decodeInFrames(encodeTty('HELLO 911 HELP AT 455 MAIN ST GA')),
      'HELLO 911 HELP AT 455 MAIN ST GA',
    )
  })

  it('survives the G.711 line and background noise', () => {
    let seed = 3
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 1200
    const line = Array.from(
      encodeTty('FIRE 2ND FLOOR'),
      (s) => MULAW_TABLE[linearToMulaw(s + noise())] as number,
    )
    const silence = Array.from({ length: 4000 }, () => Math.round(noise() / 4))
    assert.equal(decodeInFrames([...silence, ...line, ...silence]), 'FIRE 2ND FLOOR')
  })

  it('finds no text in speech-like audio or silence', () => {
    const voice = Array.from({ length: 16000 }, (_, i) =>
      Math.round(
        3000 * Math.sin((2 * Math.PI * 220 * i) / 8000) +
          2000 * Math.sin((2 * Math.PI * 660 * i) / 8000),
      ),
    )
    assert.equal(decodeInFrames(voice), '')
    assert.equal(decodeInFrames(new Int16Array(8000)), '')
  })

  it('lasts as long as 45.45 baud says: 7.5 bits a character', () => {
    const samples = encodeTty('AB')
    const characters = 3 // LTRS, A, B
    const expected = (characters * 7.5 * 8000) / 45.45 + 1200
    assert.ok(Math.abs(samples.length - expected) < 10, `${samples.length} vs ${expected}`)
  })
})
