import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { espeakAvailable, fixStreamedSizes, recordDemoCalls, toneWav } from './demo-recordings.ts'
import { buildCall } from './recording-fixtures.ts'
import { parseWav } from './wav.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const DAY_MS = 86_400_000

async function recordingsOf(callId: string) {
  return t.db.selectFrom('recordings').selectAll().where('call_id', '=', callId).execute()
}

describe('the demo recorder', () => {
  it('gives each call released in the last day a tone recording once, marked demo', async () => {
    const recent = await buildCall(t)
    const old = await buildCall(t, { arrivedAt: new Date(t.clock.now().getTime() - 3 * DAY_MS) })
    const ongoing = await buildCall(t, { releasedAt: null })
    assert.ok((await recordDemoCalls(t.platform.systemCtx(), { voice: 'tones' })) >= 1)
    const [row] = await recordingsOf(recent.id)
    assert.ok(row)
    assert.deepEqual(
      [row.source, row.demo, row.kind, row.encoding, row.sample_rate, row.duration_ms],
      ['demo', true, 'audio', 'pcmu', 8000, 4000],
    )
    assert.equal(row.started_at.toISOString(), recent.arrived_at.toISOString())
    const file = await readFile(path.join(t.config.recordings.dir, row.storage_path))
    assert.ok(file.equals(toneWav(recent.id)))
    const custody = await t.db
      .selectFrom('recording_custody')
      .selectAll()
      .where('recording_id', '=', row.id)
      .execute()
    assert.deepEqual(
      custody.map((entry) => [entry.action, entry.actor]),
      [['ingested', 'system']],
    )
    assert.equal((await recordingsOf(old.id)).length, 0, 'released days ago')
    assert.equal((await recordingsOf(ongoing.id)).length, 0, 'not released yet')
    assert.equal(await recordDemoCalls(t.platform.systemCtx(), { voice: 'tones' }), 0)
    assert.equal((await recordingsOf(recent.id)).length, 1)
  })

  it('speaks with espeak-ng when it is installed, and falls back to tones when it is not', async () => {
    const call = await buildCall(t)
    assert.equal(await recordDemoCalls(t.platform.systemCtx()), 1)
    const [row] = await recordingsOf(call.id)
    assert.ok(row)
    const file = await readFile(path.join(t.config.recordings.dir, row.storage_path))
    if (await espeakAvailable()) {
      assert.equal(row.encoding, 'pcm16')
      assert.ok((row.duration_ms ?? 0) > 3000, 'a spoken dialogue of some seconds')
      assert.ok(!file.equals(toneWav(call.id)))
    } else {
      assert.ok(file.equals(toneWav(call.id)), 'without espeak-ng the tones stand in')
    }
  })

  it('fixes the sizes a WAV written to a pipe leaves as placeholders', () => {
    const wav = toneWav('abcd1234')
    const streamed = Buffer.from(wav)
    streamed.writeUInt32LE(0x7fffffff, 4)
    streamed.writeUInt32LE(0x7fffffff, 40)
    assert.throws(() => parseWav(streamed), /truncated/)
    assert.ok(fixStreamedSizes(streamed).equals(wav))
  })
})
