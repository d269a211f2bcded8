import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AppError } from '../../http/errors.ts'
import {
  byteSpans,
  mergeRanges,
  normaliseRanges,
  redactBuffer,
  writeRedactedCopy,
} from './redaction.ts'
import { makeToneWav } from './wav-fixture.ts'
import { parseWav, SILENCE_BYTE } from './wav.ts'

/** Asserts `copy` is `original` except [start, end), which holds only `silence`. */
function assertSilencedOnly(
  original: Buffer,
  copy: Buffer,
  spans: Array<[number, number]>,
  silence: number,
) {
  assert.equal(copy.length, original.length)
  let inside = 0
  for (let i = 0; i < original.length; i++) {
    const silenced = spans.some(([start, end]) => i >= start && i < end)
    if (silenced) {
      inside++
      assert.equal(copy[i], silence, `byte ${i} is silenced`)
    } else if (copy[i] !== original[i]) {
      assert.fail(`byte ${i} outside the ranges changed`)
    }
  }
  assert.equal(
    inside,
    spans.reduce((sum, [start, end]) => sum + end - start, 0),
  )
}

describe('redaction', () => {
  let dir: string
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ecc-redaction-'))
  })
  after(() => rm(dir, { recursive: true, force: true }))

  it('merges overlapping and touching ranges into a sorted list', () => {
    assert.deepEqual(
      mergeRanges([
        { startMs: 5000, endMs: 6000 },
        { startMs: 1000, endMs: 2000 },
        { startMs: 1500, endMs: 2500 },
        { startMs: 2500, endMs: 3000 },
      ]),
      [
        { startMs: 1000, endMs: 3000 },
        { startMs: 5000, endMs: 6000 },
      ],
    )
  })

  it('clamps a range that runs past the end, and refuses one that starts there, naming it', () => {
    assert.deepEqual(normaliseRanges([{ startMs: 900, endMs: 5000 }], 1000), [
      { startMs: 900, endMs: 1000 },
    ])
    assert.throws(
      () =>
        normaliseRanges(
          [
            { startMs: 0, endMs: 10 },
            { startMs: 1000, endMs: 1200 },
          ],
          1000,
        ),
      (error: unknown) =>
        error instanceof AppError &&
        error.field === 'ranges.1.startMs' &&
        /^ranges\.1\.startMs: 1000 ms is past the end/.test(error.message),
    )
  })

  it('silences exactly the frames of the ranges in each encoding, leaving every other byte', () => {
    const ranges = mergeRanges([
      { startMs: 1000, endMs: 2000 },
      { startMs: 1500, endMs: 2500 },
      { startMs: 5000, endMs: 5001 },
    ])
    for (const encoding of ['pcmu', 'pcma', 'pcm16'] as const) {
      const original = makeToneWav({ seconds: 10, hz: 440, encoding })
      const before = Buffer.from(original)
      const info = parseWav(original)
      const width = info.blockAlign
      // 8 frames a millisecond at 8 kHz; 5001 ms rounds up to a whole frame: 40008.
      const expected: Array<[number, number]> = [
        [44 + 8000 * width, 44 + 20000 * width],
        [44 + 40000 * width, 44 + 40008 * width],
      ]
      assert.deepEqual(byteSpans(info, ranges), expected)
      const copy = redactBuffer(original, info, ranges)
      assertSilencedOnly(original, copy, expected, SILENCE_BYTE[encoding])
      assert.ok(original.equals(before), 'the original buffer is untouched')
    }
  })

  it('writes the same redacted copy as a new file, leaving the source file as it was', async () => {
    const original = makeToneWav({ seconds: 3, hz: 700, encoding: 'pcma' })
    const source = path.join(dir, 'source.wav')
    const target = path.join(dir, 'target.wav')
    await writeFile(source, original)
    const info = parseWav(original)
    const ranges = [
      { startMs: 0, endMs: 250 },
      { startMs: 2900, endMs: 3000 },
    ]
    await writeRedactedCopy(source, target, info, ranges)
    assert.ok((await readFile(target)).equals(redactBuffer(original, info, ranges)))
    assert.ok((await readFile(source)).equals(original))
  })
})
