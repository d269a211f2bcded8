import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError } from '../../http/errors.ts'
import { ALAW_TABLE, MULAW_TABLE, linearToAlaw, linearToMulaw } from '../../audio/g711.ts'
import { makeToneWav } from './wav-fixture.ts'
import { parseWav, SILENCE_BYTE } from './wav.ts'

/** Asserts `parseWav` refuses the bytes with a 'body' error whose message matches. */
function refuses(bytes: Buffer, message: RegExp) {
  assert.throws(
    () => parseWav(bytes),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === 'invalid_input' &&
      error.field === 'body' &&
      message.test(error.message),
  )
}

/** The same tone with a WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) carrying `subformat`. */
function extensible(wav: Buffer, subformat: number): Buffer {
  const info = parseWav(wav)
  const fmt = Buffer.alloc(48)
  fmt.write('fmt ', 0, 'latin1')
  fmt.writeUInt32LE(40, 4)
  wav.copy(fmt, 8, 20, 36)
  fmt.writeUInt16LE(0xfffe, 8)
  fmt.writeUInt16LE(22, 24)
  fmt.writeUInt16LE(info.bitsPerSample, 26)
  fmt.writeUInt32LE(info.channels === 1 ? 4 : 3, 28)
  fmt.writeUInt16LE(subformat, 32)
  Buffer.from('000000001000800000aa00389b71', 'hex').copy(fmt, 34)
  const data = wav.subarray(36)
  const head = Buffer.from('RIFF\0\0\0\0WAVE', 'latin1')
  const out = Buffer.concat([head, fmt, data])
  out.writeUInt32LE(out.length - 8, 4)
  return out
}

function withChunkBefore(wav: Buffer, id: string, body: Buffer): Buffer {
  const chunk = Buffer.alloc(8 + body.length + (body.length % 2))
  chunk.write(id, 0, 'latin1')
  chunk.writeUInt32LE(body.length, 4)
  body.copy(chunk, 8)
  // After the fmt chunk and before data, where recorders put LIST and fact chunks.
  const out = Buffer.concat([wav.subarray(0, 36), chunk, wav.subarray(36)])
  out.writeUInt32LE(out.length - 8, 4)
  return out
}

describe('parseWav', () => {
  it('reads 16-bit PCM, mu-law and A-law: encoding, rate, channels, duration from the data length', () => {
    const pcm = parseWav(makeToneWav({ seconds: 2, hz: 440, encoding: 'pcm16', sampleRate: 16000 }))
    assert.deepEqual(
      [pcm.encoding, pcm.sampleRate, pcm.channels, pcm.bitsPerSample, pcm.durationMs],
      ['pcm16', 16000, 1, 16, 2000],
    )
    assert.equal(pcm.dataOffset, 44)
    assert.equal(pcm.dataLength, 64000)
    const mu = parseWav(makeToneWav({ seconds: 1.5, hz: 440, encoding: 'pcmu' }))
    assert.deepEqual(
      [mu.encoding, mu.sampleRate, mu.durationMs, mu.dataLength],
      ['pcmu', 8000, 1500, 12000],
    )
    const a = parseWav(makeToneWav({ seconds: 0.25, hz: 440, encoding: 'pcma', sampleRate: 48000 }))
    assert.deepEqual([a.encoding, a.sampleRate, a.durationMs], ['pcma', 48000, 250])
  })

  it('reads WAVE_FORMAT_EXTENSIBLE with PCM, mu-law and A-law subformats', () => {
    for (const [encoding, code] of [
      ['pcm16', 1],
      ['pcmu', 7],
      ['pcma', 6],
    ] as const) {
      const info = parseWav(extensible(makeToneWav({ seconds: 1, hz: 300, encoding }), code))
      assert.equal(info.encoding, encoding)
      assert.equal(info.durationMs, 1000)
      assert.equal(info.dataOffset, 12 + 48 + 8)
    }
    refuses(
      extensible(makeToneWav({ seconds: 1, hz: 300, encoding: 'pcm16' }), 3),
      /unsupported encoding \(format 3\)/,
    )
  })

  it('skips other chunks (LIST, an odd-length junk chunk) to find the data chunk', () => {
    const wav = makeToneWav({ seconds: 1, hz: 300, encoding: 'pcmu' })
    const junk = withChunkBefore(
      withChunkBefore(wav, 'LIST', Buffer.from('INFOISFT')),
      'junk',
      Buffer.alloc(7, 1),
    )
    const info = parseWav(junk)
    assert.equal(info.dataOffset, 44 + 16 + 16)
    assert.equal(info.durationMs, 1000)
    assert.ok(junk.subarray(info.dataOffset).equals(wav.subarray(44)))
  })

  it('refuses a file cut short, naming the body', () => {
    const wav = makeToneWav({ seconds: 1, hz: 300, encoding: 'pcm16' })
    refuses(
      wav.subarray(0, wav.length - 100),
      /^body: truncated: the data chunk declares 16000 bytes, 15900 follow/,
    )
    refuses(wav.subarray(0, 30), /^body: truncated: the fmt chunk declares 16 bytes, 10 follow/)
    refuses(wav.subarray(0, 36), /^body: truncated: no data chunk/)
    refuses(wav.subarray(0, 12), /^body: truncated: no fmt chunk/)
  })

  it('refuses what is not a WAV, and encodings, rates and channel counts it does not take', () => {
    refuses(Buffer.from('ID3\u0003 an MP3 file, really'), /^body: not a WAV file/)
    refuses(Buffer.alloc(0), /^body: not a WAV file/)
    const float = makeToneWav({ seconds: 0.1, hz: 300, encoding: 'pcm16' })
    float.writeUInt16LE(3, 20)
    refuses(float, /unsupported encoding \(format 3\)/)
    const eightBitPcm = makeToneWav({ seconds: 0.1, hz: 300, encoding: 'pcmu' })
    eightBitPcm.writeUInt16LE(1, 20)
    refuses(eightBitPcm, /pcm16 with 8 bits per sample/)
    const slow = makeToneWav({ seconds: 0.1, hz: 300, encoding: 'pcm16' })
    slow.writeUInt32LE(4000, 24)
    refuses(slow, /sample rate 4000 Hz/)
    const surround = makeToneWav({ seconds: 0.1, hz: 300, encoding: 'pcm16' })
    surround.writeUInt16LE(6, 22)
    refuses(surround, /6 channels/)
  })
})

describe('G.711', () => {
  it('encodes silence as the bytes redaction writes, and decodes close to the input', () => {
    assert.equal(linearToMulaw(0), SILENCE_BYTE.pcmu)
    assert.equal(linearToAlaw(0), SILENCE_BYTE.pcma)
    for (const value of [-30000, -1000, -5, 5, 1000, 30000]) {
      assert.ok(
        Math.abs((MULAW_TABLE[linearToMulaw(value)] as number) - value) <= Math.abs(value) / 16 + 8,
      )
      assert.ok(
        Math.abs((ALAW_TABLE[linearToAlaw(value)] as number) - value) <= Math.abs(value) / 16 + 16,
      )
    }
  })
})
