import assert from 'node:assert/strict'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import { loadConfig } from '../config.ts'
import { offerDeliveredCall } from '../domains/calls/index.ts'
import { listCallRecordings } from '../domains/recordings/index.ts'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { ulawTone } from './fixtures/media.ts'
import { startTelephony } from './ng911-ingress.ts'

/**
 * A node that stops in the middle of calls leaves their audio on disk; when it starts again the
 * audio is finished and attached to the calls it belongs to, and nothing is dropped.
 */
let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('audio of calls interrupted by a stop', () => {
  it('is finished and attached to its call at start-up; audio with no call record is kept', async () => {
    const { call } = await offerDeliveredCall(t.platform.systemCtx(), {
      offer: {
        line: '911',
        ani: '+15085550100',
        externalId: 'urn:emergency:uid:callid:crash1:bcf.example.test',
      },
      moreLocations: [],
      delivery: {
        transport: 'UDP',
        sipCallId: 'crash1@bcf',
        emergencyCallId: null,
        emergencyIncidentId: null,
        service: 'urn:service:sos',
        rawMessage: Buffer.from('INVITE'),
        additionalData: [],
        problems: [],
        nodeId: 'node-before',
      },
    })
    const work = path.join(t.config.recordings.dir, '.calls-in-progress')
    await mkdir(work, { recursive: true })
    await writeFile(path.join(work, 'crash1.caller.pcmu'), ulawTone(2, 440))
    await writeFile(path.join(work, 'crash1.taker.pcmu'), ulawTone(1, 1000))
    await writeFile(path.join(work, 'crash1.call'), call.id)
    await writeFile(path.join(work, 'orphan.caller.pcmu'), ulawTone(1, 440))

    const telephony = await startTelephony({
      settings: { ...loadConfig({ NODE_ENV: 'test' }).sip, enabled: true, port: 0 },
      workDir: work,
      nodeId: 'node-after',
      centerDomain: 'ecc.example',
      ctx: () => t.platform.systemCtx(),
      follower: t.platform.follower,
      log: pino({ level: 'silent' }),
    })
    await telephony.stop()

    const recordings = await listCallRecordings(t.db, call.id)
    assert.equal(recordings.length, 1)
    assert.equal(recordings[0]?.source, 'sip')
    assert.equal(recordings[0]?.channels, 2)
    assert.equal(recordings[0]?.durationMs, 2000)
    assert.deepEqual((await readdir(work)).sort(), ['orphan.wav'])
  })
})
