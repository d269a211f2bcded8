import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { runCommand } from '../../commands/run-command.ts'
import { AppError } from '../../http/errors.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import {
  countRecordingsByCall,
  expireRecordings,
  ingestRecording,
  listCallRecordings,
  openReleasedRecording,
  releaseRecordings,
} from './index.ts'
import { buildCall } from './recording-fixtures.ts'
import { makeToneWav } from './wav-fixture.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const ctx = () => t.platform.systemCtx()

async function custodyOf(id: string) {
  return t.db
    .selectFrom('recording_custody')
    .selectAll()
    .where('recording_id', '=', id)
    .orderBy('at')
    .execute()
}

describe('what the records-requests domain uses', () => {
  it('lists and counts a call’s recordings (audio originals only in the count)', async () => {
    const call = await buildCall(t)
    const other = await buildCall(t)
    const wav = makeToneWav({ seconds: 1, hz: 440, encoding: 'pcmu' })
    const audio = await ingestRecording(ctx(), {
      callId: call.id,
      source: 'sip',
      contentType: 'audio/wav',
      body: wav,
      externalId: 'rtp-1',
    })
    await ingestRecording(ctx(), {
      callId: call.id,
      source: 'upload',
      contentType: 'text/plain',
      body: Buffer.from('transcript'),
    })
    assert.deepEqual((await listCallRecordings(t.db, call.id)).map((r) => r.kind).sort(), [
      'audio',
      'transcript',
    ])
    const counts = await countRecordingsByCall(t.db, [call.id, other.id])
    assert.equal(counts.get(call.id), 1)
    assert.equal(counts.get(other.id), undefined)
    assert.equal(audio.source, 'sip')
    await assert.rejects(
      ingestRecording(ctx(), {
        callId: '00000000-0000-4000-8000-000000000000',
        source: 'sip',
        contentType: 'audio/wav',
        body: wav,
      }),
      (error: unknown) => error instanceof AppError && error.code === 'call_not_found',
    )
  })

  it('releases recordings of the call to a request and opens them for download, in custody', async () => {
    const call = await buildCall(t)
    const other = await buildCall(t)
    const wav = makeToneWav({ seconds: 1, hz: 440, encoding: 'pcmu' })
    const mine = await ingestRecording(ctx(), {
      callId: call.id,
      source: 'upload',
      contentType: 'audio/wav',
      body: wav,
    })
    const theirs = await ingestRecording(ctx(), {
      callId: other.id,
      source: 'upload',
      contentType: 'audio/wav',
      body: wav,
    })
    const requestId = '11111111-1111-4111-8111-111111111111'

    await assert.rejects(
      runCommand(ctx(), (trx) =>
        releaseRecordings(trx, ctx(), {
          callId: call.id,
          recordingIds: [mine.id, theirs.id],
          requestId,
          requestNumber: 'RR-2026-0001',
        }),
      ),
      (error: unknown) => error instanceof AppError && error.field === 'recordingIds',
    )
    assert.equal((await custodyOf(mine.id)).length, 1, 'a refused release writes nothing')

    const released = await runCommand(ctx(), (trx) =>
      releaseRecordings(trx, ctx(), {
        callId: call.id,
        recordingIds: [mine.id],
        requestId,
        requestNumber: 'RR-2026-0001',
      }),
    )
    assert.deepEqual(
      released.map((r) => r.id),
      [mine.id],
    )
    const file = await runCommand(ctx(), (trx) =>
      openReleasedRecording(trx, ctx(), {
        recordingId: mine.id,
        requestId,
        actor: { label: 'download link' },
      }),
    )
    assert.equal(file.sha256, mine.sha256)
    assert.equal(file.byteSize, wav.length)
    assert.equal(file.contentType, 'audio/wav')
    assert.match(file.fileName, /^recording-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.wav$/)
    assert.ok((await readFile(file.filePath)).equals(wav))
    const custody = await custodyOf(mine.id)
    assert.deepEqual(
      custody.map((row) => [row.action, row.actor]),
      [
        ['ingested', 'system'],
        ['released', 'system'],
        ['downloaded', 'download link'],
      ],
    )
    assert.deepEqual(custody[1]!.details, { requestId, requestNumber: 'RR-2026-0001' })

    t.clock.advance((t.config.recordings.retentionDays + 1) * 86_400_000)
    await expireRecordings(ctx())
    await assert.rejects(
      runCommand(ctx(), (trx) =>
        openReleasedRecording(trx, ctx(), {
          recordingId: mine.id,
          requestId,
          actor: { label: 'x' },
        }),
      ),
      (error: unknown) => error instanceof AppError && error.code === 'recording_media_expired',
    )
    await assert.rejects(
      runCommand(ctx(), (trx) =>
        releaseRecordings(trx, ctx(), {
          callId: call.id,
          recordingIds: [mine.id],
          requestId,
          requestNumber: 'RR-2026-0001',
        }),
      ),
      (error: unknown) => error instanceof AppError && error.field === 'recordingIds',
    )
  })
})
