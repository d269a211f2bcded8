import assert from 'node:assert/strict'
import { access } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import type { CustodyEntry, Recording } from '@common/api/recordings.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { expireRecordings, startRecordingRetention } from './index.ts'
import { buildCall, uploadRecording } from './recording-fixtures.ts'
import { makeToneWav } from './wav-fixture.ts'

const DAY_MS = 86_400_000

let t: TestPlatform
let phone: StaffSession
let clerk: StaffSession

before(async () => {
  t = await startTestPlatform()
  phone = await staffWith(t, ['integration'])
  clerk = await staffWith(t, ['records_clerk'])
})
after(() => t.close())

async function upload(): Promise<Recording> {
  const call = await buildCall(t)
  const bytes = makeToneWav({ seconds: 1, hz: 440, encoding: 'pcmu' })
  const response = await uploadRecording(t, phone, call.id, bytes)
  assert.equal(response.statusCode, 201, response.body)
  return response.json<Recording>()
}

async function fileExists(id: string): Promise<boolean> {
  const row = await t.db
    .selectFrom('recordings')
    .select('storage_path')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  try {
    await access(path.join(t.config.recordings.dir, row.storage_path))
    return true
  } catch {
    return false
  }
}

describe('retention and legal hold', () => {
  it('keeps everything before retention ends', async () => {
    await upload()
    assert.equal(await expireRecordings(t.platform.systemCtx()), 0)
  })

  it('deletes the media of unheld recordings past retention; held ones and their copies stay, metadata stays', async () => {
    const unheld = await upload()
    const held = await upload()
    const hold = await clerk.request('POST', `/api/recordings/${held.id}/legal-hold`, {
      reason: 'pending litigation',
    })
    assert.equal(hold.statusCode, 200, hold.body)
    const copy = (
      await clerk.request('POST', `/api/recordings/${held.id}/redactions`, {
        ranges: [{ startMs: 0, endMs: 100 }],
        reason: 'name',
      })
    ).json<Recording>()
    assert.equal(copy.legalHold, null, 'the hold is on the original row')

    t.clock.advance((t.config.recordings.retentionDays + 1) * DAY_MS)
    const expired = await expireRecordings(t.platform.systemCtx())
    assert.ok(expired >= 1)
    assert.equal(await fileExists(unheld.id), false)
    assert.equal(await fileExists(held.id), true)
    assert.equal(await fileExists(copy.id), true, 'a copy of a held original is kept')

    // Sessions went idle while the clock moved: log on again.
    const reader = await staffWith(t, ['records_clerk'])
    const gone = await reader.request('GET', `/api/recordings/${unheld.id}/media`)
    assert.equal(gone.statusCode, 410)
    assert.equal(gone.json().error.code, 'recording_media_expired')
    assert.equal(
      (await reader.request('GET', `/api/recordings/${unheld.id}/waveform`)).statusCode,
      410,
    )
    const meta = await reader.request('GET', `/api/recordings/${unheld.id}`)
    assert.equal(meta.statusCode, 200)
    assert.ok(meta.json<Recording>().mediaDeletedAt !== null)
    assert.equal(meta.json<Recording>().sha256, unheld.sha256)
    const custody = (await reader.request('GET', `/api/recordings/${unheld.id}/custody`)).json<
      CustodyEntry[]
    >()
    const last = custody.at(-1)!
    assert.deepEqual([last.action, last.actor], ['media_expired', 'system'])
    const audit = (await auditRows(t, 'recording.media_expired')).filter(
      (row) => row.subject_id === unheld.id,
    )
    assert.equal(audit.length, 1)
    assert.equal((await reader.request('GET', `/api/recordings/${held.id}/media`)).statusCode, 200)

    // Released, the hold no longer protects it or its copy on the next sweep.
    const released = await reader.request('DELETE', `/api/recordings/${held.id}/legal-hold`, {
      reason: 'case settled',
    })
    assert.equal(released.statusCode, 200, released.body)
    assert.equal(await expireRecordings(t.platform.systemCtx()), 2)
    assert.equal(await fileExists(held.id), false)
    assert.equal(await fileExists(copy.id), false)
    assert.equal(await expireRecordings(t.platform.systemCtx()), 0, 'nothing is expired twice')
  })

  it('runs the sweep on its interval', async () => {
    phone = await staffWith(t, ['integration'])
    const recording = await upload()
    t.clock.advance((t.config.recordings.retentionDays + 1) * DAY_MS)
    const job = startRecordingRetention({
      ctx: () => t.platform.systemCtx(),
      intervalMs: 20,
      log: pino({ level: 'silent' }),
    })
    try {
      for (let i = 0; i < 100 && (await fileExists(recording.id)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    } finally {
      await job.stop()
    }
    assert.equal(await fileExists(recording.id), false)
  })
})
