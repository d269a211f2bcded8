import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import type { CustodyEntry, Recording, Waveform } from '@common/api/recordings.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { buildCall, uploadRecording } from './recording-fixtures.ts'
import { makeToneWav } from './wav-fixture.ts'
import { parseWav, SILENCE_BYTE } from './wav.ts'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

let t: TestPlatform
let phone: StaffSession
let clerk: StaffSession
let supervisor: StaffSession

before(async () => {
  t = await startTestPlatform()
  phone = await staffWith(t, ['integration'])
  clerk = await staffWith(t, ['records_clerk'])
  supervisor = await staffWith(t, ['supervisor'])
})
after(() => t.close())

async function uploaded(bytes = makeToneWav({ seconds: 3, hz: 440, encoding: 'pcmu' })) {
  const call = await buildCall(t)
  const response = await uploadRecording(t, phone, call.id, bytes)
  assert.equal(response.statusCode, 201, response.body)
  return { call, recording: response.json<Recording>(), bytes }
}

async function storedFile(id: string): Promise<Buffer> {
  const row = await t.db
    .selectFrom('recordings')
    .select('storage_path')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return readFile(path.join(t.config.recordings.dir, row.storage_path))
}

async function custodyActions(id: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('recording_custody')
    .select('action')
    .where('recording_id', '=', id)
    .orderBy('at')
    .execute()
  return rows.map((row) => row.action)
}

async function incomingLeftovers(): Promise<string[]> {
  try {
    return await readdir(path.join(t.config.recordings.dir, '.incoming'))
  } catch {
    return []
  }
}

describe('POST /api/calls/:id/recordings', () => {
  it('stores the WAV: 201, the row’s sha256, size and duration are the file’s, custody and audit', async () => {
    const bytes = makeToneWav({ seconds: 2.5, hz: 440, encoding: 'pcm16', sampleRate: 16000 })
    const call = await buildCall(t)
    const response = await uploadRecording(t, phone, call.id, bytes, {
      query: 'externalId=REC-77',
      contentType: 'audio/x-wav',
    })
    assert.equal(response.statusCode, 201, response.body)
    const recording = response.json<Recording>()
    assert.equal(recording.sha256, sha256(bytes))
    assert.equal(recording.byteSize, bytes.length)
    assert.equal(recording.durationMs, 2500)
    assert.deepEqual(
      [
        recording.kind,
        recording.encoding,
        recording.sampleRate,
        recording.channels,
        recording.source,
      ],
      ['audio', 'pcm16', 16000, 1, 'upload'],
    )
    assert.equal(
      recording.startedAt,
      call.arrived_at.toISOString(),
      'defaults to the call’s arrival',
    )
    const days = (Date.parse(recording.retainUntil) - Date.parse(recording.startedAt)) / 86_400_000
    assert.equal(days, t.config.recordings.retentionDays)
    assert.ok((await storedFile(recording.id)).equals(bytes))
    const row = await t.db
      .selectFrom('recordings')
      .selectAll()
      .where('id', '=', recording.id)
      .executeTakeFirstOrThrow()
    const started = call.arrived_at
    const month = String(started.getUTCMonth() + 1).padStart(2, '0')
    assert.equal(row.storage_path, `${started.getUTCFullYear()}/${month}/${recording.id}.wav`)
    assert.equal(row.external_id, 'REC-77')
    assert.deepEqual(await custodyActions(recording.id), ['ingested'])
    const audit = (await auditRows(t, 'recording.ingested')).filter(
      (r) => r.subject_id === recording.id,
    )
    assert.equal(audit.length, 1)
    assert.deepEqual(await incomingLeftovers(), [])
  })

  it('takes startedAt from the query, and a text transcript as kind transcript', async () => {
    const call = await buildCall(t)
    const text = 'CT: 911, what is the address of your emergency?\nCaller: 12 Elm Street — Ñ ok\n'
    const response = await uploadRecording(t, phone, call.id, text, {
      contentType: 'text/plain; charset=utf-8',
      query: 'startedAt=2026-11-29T10:00:00Z',
    })
    assert.equal(response.statusCode, 201, response.body)
    const recording = response.json<Recording>()
    assert.deepEqual(
      [recording.kind, recording.contentType, recording.durationMs, recording.encoding],
      ['transcript', 'text/plain', null, null],
    )
    assert.equal(recording.startedAt, '2026-11-29T10:00:00.000Z')
    assert.equal(recording.sha256, sha256(Buffer.from(text)))
    const media = await clerk.request('GET', `/api/recordings/${recording.id}/media`)
    assert.equal(media.statusCode, 200)
    assert.equal(media.headers['content-type'], 'text/plain; charset=utf-8')
    assert.equal(media.body, text)
  })

  it('refuses a body that is not a WAV (400 naming body) and leaves no file behind', async () => {
    const call = await buildCall(t)
    const response = await uploadRecording(
      t,
      phone,
      call.id,
      Buffer.from('not audio at all, sorry'),
    )
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'body')
    assert.match(response.json().error.message, /^body: not a WAV file/)
    const truncated = makeToneWav({ seconds: 1, hz: 440, encoding: 'pcmu' }).subarray(0, 2000)
    const cut = await uploadRecording(t, phone, call.id, truncated)
    assert.equal(cut.statusCode, 400)
    assert.match(cut.json().error.message, /^body: truncated/)
    const latin1 = await uploadRecording(t, phone, call.id, Buffer.from([0x63, 0x61, 0x66, 0xe9]), {
      contentType: 'text/plain',
    })
    assert.equal(latin1.statusCode, 400)
    assert.match(latin1.json().error.message, /UTF-8/)
    assert.deepEqual(await incomingLeftovers(), [])
    const rows = await t.db
      .selectFrom('recordings')
      .select('id')
      .where('call_id', '=', call.id)
      .execute()
    assert.equal(rows.length, 0)
  })

  it('refuses other content types with 415 naming the header', async () => {
    const call = await buildCall(t)
    const pdf = await uploadRecording(t, phone, call.id, Buffer.from('%PDF-1.4'), {
      contentType: 'application/pdf',
    })
    assert.equal(pdf.statusCode, 415)
    assert.equal(pdf.json().error.field, 'Content-Type')
    const json = await phone.request('POST', `/api/calls/${call.id}/recordings`, { file: 'x' })
    assert.equal(json.statusCode, 415)
    assert.equal(json.json().error.field, 'Content-Type')
    assert.match(json.json().error.message, /^Content-Type: /)
  })

  it('gives the first recording back for a repeated Idempotency-Key, keeping one file', async () => {
    const call = await buildCall(t)
    const bytes = makeToneWav({ seconds: 0.5, hz: 440, encoding: 'pcmu' })
    const send = () =>
      t.platform.app.inject({
        method: 'POST',
        url: `/api/calls/${call.id}/recordings`,
        headers: {
          cookie: phone.cookie,
          'x-csrf-token': phone.csrfToken,
          'content-type': 'audio/wav',
          'idempotency-key': `upload-${call.id}`,
        },
        payload: bytes,
      })
    const first = await send()
    const again = await send()
    assert.equal(first.statusCode, 201, first.body)
    assert.equal(again.statusCode, 201, again.body)
    assert.equal(again.json<Recording>().id, first.json<Recording>().id)
    const rows = await t.db
      .selectFrom('recordings')
      .select('storage_path')
      .where('call_id', '=', call.id)
      .execute()
    assert.equal(rows.length, 1)
    const folder = path.dirname(path.join(t.config.recordings.dir, rows[0]!.storage_path))
    const files = (await readdir(folder)).filter((name) => name.endsWith('.wav'))
    const ids = await t.db.selectFrom('recordings').select('id').execute()
    assert.ok(
      files.every((name) => ids.some((row) => name === `${row.id}.wav`)),
      'no file without a row',
    )
  })

  it('answers 404 call_not_found for an unknown call', async () => {
    const response = await uploadRecording(
      t,
      phone,
      '00000000-0000-4000-8000-000000000000',
      makeToneWav({ seconds: 0.5, hz: 440, encoding: 'pcmu' }),
    )
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'call_not_found')
  })

  it('is for the phone system and administrators: a records clerk is refused and audited', async () => {
    const call = await buildCall(t)
    const response = await uploadRecording(
      t,
      clerk,
      call.id,
      makeToneWav({ seconds: 0.5, hz: 1, encoding: 'pcmu' }),
    )
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (row) => row.subject_id === 'POST /api/calls/:id/recordings' && row.user_id === clerk.userId,
    )
    assert.equal(denied.length, 1)
  })
})

describe('an upload over the size limit', () => {
  let small: TestPlatform
  let uploader: StaffSession
  before(async () => {
    const defaults = await startTestPlatform()
    const recordings = { ...defaults.config.recordings, maxBytes: 4096 }
    await defaults.close()
    small = await startTestPlatform({ recordings })
    uploader = await staffWith(small, ['administrator'])
  })
  after(() => small.close())

  it('is refused with 413 naming body and the limit, whether its length is declared or not', async () => {
    const call = await buildCall(small)
    const bytes = makeToneWav({ seconds: 1, hz: 440, encoding: 'pcmu' })
    const declared = await uploadRecording(small, uploader, call.id, bytes)
    assert.equal(declared.statusCode, 413)
    assert.equal(declared.json().error.field, 'body')
    assert.match(declared.json().error.message, /4096 bytes/)

    const streamed = await small.platform.app.inject({
      method: 'POST',
      url: `/api/calls/${call.id}/recordings`,
      headers: {
        cookie: uploader.cookie,
        'x-csrf-token': uploader.csrfToken,
        'content-type': 'audio/wav',
        'transfer-encoding': 'chunked',
      },
      payload: Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]),
    })
    assert.equal(streamed.statusCode, 413, streamed.body)
    assert.equal(streamed.json().error.code, 'recording_too_large')
    assert.deepEqual(await readdir(path.join(small.config.recordings.dir, '.incoming')), [])

    const fits = await uploadRecording(
      small,
      uploader,
      call.id,
      bytes.subarray(0, 4000).fill(0, 0, 0),
    )
    assert.equal(fits.statusCode, 400, 'under the limit it is read (and this one is cut short)')
  })
})

describe('reading recordings', () => {
  it('refuses call takers and dispatchers, and audits each refusal', async () => {
    const { call, recording } = await uploaded()
    for (const role of ['call_taker', 'dispatcher'] as const) {
      const staff = await staffWith(t, [role])
      for (const url of [
        `/api/calls/${call.id}/recordings`,
        `/api/recordings/${recording.id}`,
        `/api/recordings/${recording.id}/media`,
      ]) {
        assert.equal((await staff.request('GET', url)).statusCode, 403, `${role} ${url}`)
      }
      const denied = (await auditRows(t, 'access.denied')).filter(
        (row) => row.user_id === staff.userId,
      )
      assert.equal(denied.length, 3)
    }
    assert.deepEqual(await custodyActions(recording.id), ['ingested'])
  })

  it('lists a call’s recordings for the clerk (audited as a listing)', async () => {
    const { call, recording } = await uploaded()
    const response = await clerk.request('GET', `/api/calls/${call.id}/recordings`)
    assert.equal(response.statusCode, 200)
    assert.deepEqual(
      response.json<Recording[]>().map((r) => r.id),
      [recording.id],
    )
    const listed = (await auditRows(t, 'recording.listed')).filter(
      (row) => row.subject_id === call.id,
    )
    assert.equal(listed.length, 1)
    assert.equal(listed[0]!.user_id, clerk.userId)
    const one = await supervisor.request('GET', `/api/recordings/${recording.id}`)
    assert.deepEqual(one.json(), recording)
    const unknown = await clerk.request(
      'GET',
      '/api/recordings/00000000-0000-4000-8000-000000000000',
    )
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.json().error.code, 'recording_not_found')
  })

  it('plays the file to the clerk: not cached, audited and in the chain of custody', async () => {
    const { recording, bytes } = await uploaded()
    const response = await clerk.request('GET', `/api/recordings/${recording.id}/media`)
    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'audio/wav')
    assert.equal(response.headers['cache-control'], 'no-store')
    assert.ok(response.rawPayload.equals(bytes))
    const played = (await auditRows(t, 'recording.played')).filter(
      (row) => row.subject_id === recording.id,
    )
    assert.equal(played.length, 1)
    assert.equal(played[0]!.user_id, clerk.userId)
    const custody = await clerk.request('GET', `/api/recordings/${recording.id}/custody`)
    const entries = custody.json<CustodyEntry[]>()
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.actor]),
      [
        [
          'ingested',
          (
            await t.db
              .selectFrom('users')
              .select('username')
              .where('id', '=', phone.userId)
              .executeTakeFirstOrThrow()
          ).username,
        ],
        [
          'played',
          (
            await t.db
              .selectFrom('users')
              .select('username')
              .where('id', '=', clerk.userId)
              .executeTakeFirstOrThrow()
          ).username,
        ],
      ],
    )

    const exported = await supervisor.request('GET', `/api/recordings/${recording.id}/export`)
    assert.equal(exported.statusCode, 200)
    assert.match(
      String(exported.headers['content-disposition']),
      /^attachment; filename="recording-.*\.wav"$/,
    )
    assert.ok(exported.rawPayload.equals(bytes))
    assert.deepEqual(await custodyActions(recording.id), ['ingested', 'played', 'exported'])
  })

  it('draws the waveform: N peaks in 0..1, audited and in custody', async () => {
    const bytes = makeToneWav({ seconds: 2, hz: 440, encoding: 'pcm16' })
    const { recording } = await uploaded(bytes)
    const response = await clerk.request(
      'GET',
      `/api/recordings/${recording.id}/waveform?points=50`,
    )
    assert.equal(response.statusCode, 200, response.body)
    const waveform = response.json<Waveform>()
    assert.equal(waveform.durationMs, 2000)
    assert.equal(waveform.peaks.length, 50)
    // A sine at half of full scale peaks at 0.5 in every slice.
    for (const peak of waveform.peaks) assert.ok(Math.abs(peak - 0.5) < 0.01, String(peak))
    assert.equal(
      (await clerk.request('GET', `/api/recordings/${recording.id}/waveform?points=5`)).statusCode,
      400,
    )
    assert.deepEqual(await custodyActions(recording.id), ['ingested', 'waveform_viewed'])
    const audit = (await auditRows(t, 'recording.waveform_viewed')).filter(
      (row) => row.subject_id === recording.id,
    )
    assert.equal(audit.length, 1)
  })

  it('exports the chain of custody as CSV, the export being its last line', async () => {
    const { recording } = await uploaded()
    await clerk.request('GET', `/api/recordings/${recording.id}/media`)
    const response = await clerk.request('GET', `/api/recordings/${recording.id}/custody.csv`)
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^text\/csv/)
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="custody-/)
    const lines = response.body.trimEnd().split('\r\n')
    assert.equal(lines[0], 'recording,call,sha256,at,action,actor,details')
    assert.equal(lines.length, 4)
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(',')[4]),
      ['ingested', 'played', 'custody_exported'],
    )
    assert.ok(
      lines
        .slice(1)
        .every((line) =>
          line.startsWith(`${recording.id},${recording.callId},${recording.sha256},`),
        ),
    )
    assert.match(lines[1]!, /,"\{""callId"":/)
  })
})

describe('legal hold', () => {
  it('is placed once (409 the second time) and released with a reason; both in custody', async () => {
    const { recording } = await uploaded()
    const url = `/api/recordings/${recording.id}/legal-hold`
    const empty = await clerk.request('POST', url, { reason: ' ' })
    assert.equal(empty.statusCode, 400)
    assert.equal(empty.json().error.field, 'reason')
    const placed = await clerk.request('POST', url, {
      reason: 'Commonwealth v. Doe, preservation letter',
    })
    assert.equal(placed.statusCode, 200, placed.body)
    const held = placed.json<Recording>()
    assert.equal(held.legalHold?.reason, 'Commonwealth v. Doe, preservation letter')
    assert.ok(held.legalHold?.placedBy.startsWith('user-'))
    assert.equal((await supervisor.request('POST', url, { reason: 'again' })).statusCode, 409)
    const released = await supervisor.request('DELETE', url, { reason: 'case closed' })
    assert.equal(released.statusCode, 200, released.body)
    assert.equal(released.json<Recording>().legalHold, null)
    assert.equal((await supervisor.request('DELETE', url, { reason: 'again' })).statusCode, 409)
    assert.deepEqual(await custodyActions(recording.id), [
      'ingested',
      'legal_hold_placed',
      'legal_hold_released',
    ])
    const dispatcher = await staffWith(t, ['dispatcher'])
    assert.equal((await dispatcher.request('POST', url, { reason: 'x' })).statusCode, 403)
  })
})

describe('POST /api/recordings/:id/redactions', () => {
  it('makes a new file with the ranges silenced; the original file and its hash are untouched', async () => {
    const { recording, bytes } = await uploaded(
      makeToneWav({ seconds: 6, hz: 440, encoding: 'pcmu' }),
    )
    const before = sha256(await storedFile(recording.id))
    const response = await clerk.request('POST', `/api/recordings/${recording.id}/redactions`, {
      ranges: [
        { startMs: 3000, endMs: 4000 },
        { startMs: 1000, endMs: 1500 },
        { startMs: 5500, endMs: 9000 },
      ],
      reason: 'Caller’s medical history',
    })
    assert.equal(response.statusCode, 201, response.body)
    const copy = response.json<Recording>()
    assert.equal(copy.source, 'redaction')
    assert.equal(copy.derivedFromId, recording.id)
    assert.equal(copy.callId, recording.callId)
    assert.equal(copy.retainUntil, recording.retainUntil)
    assert.equal(copy.redactionReason, 'Caller’s medical history')
    assert.deepEqual(copy.redactedRanges, [
      { startMs: 1000, endMs: 1500 },
      { startMs: 3000, endMs: 4000 },
      { startMs: 5500, endMs: 6000 },
    ])
    assert.equal(sha256(await storedFile(recording.id)), before)
    assert.equal(before, recording.sha256)
    const redacted = await storedFile(copy.id)
    assert.equal(copy.sha256, sha256(redacted))
    assert.equal(redacted.length, bytes.length)
    const info = parseWav(bytes)
    const silenced = (i: number) => {
      const ms = (i - info.dataOffset) / 8
      return (
        i >= info.dataOffset &&
        ((ms >= 1000 && ms < 1500) || (ms >= 3000 && ms < 4000) || ms >= 5500)
      )
    }
    for (let i = 0; i < bytes.length; i++) {
      if (silenced(i)) assert.equal(redacted[i], SILENCE_BYTE.pcmu, `byte ${i}`)
      else if (redacted[i] !== bytes[i]) assert.fail(`byte ${i} changed`)
    }
    assert.deepEqual(await custodyActions(recording.id), ['ingested', 'redacted'])
    assert.deepEqual(await custodyActions(copy.id), ['derived'])
    const listed = await clerk.request('GET', `/api/calls/${recording.callId}/recordings`)
    assert.deepEqual(
      listed
        .json<Recording[]>()
        .map((r) => r.id)
        .sort(),
      [recording.id, copy.id].sort(),
    )
  })

  it('redacting a copy redacts the original again with both sets of ranges', async () => {
    const { recording } = await uploaded(makeToneWav({ seconds: 4, hz: 440, encoding: 'pcma' }))
    const first = (
      await clerk.request('POST', `/api/recordings/${recording.id}/redactions`, {
        ranges: [{ startMs: 500, endMs: 1000 }],
        reason: 'name',
      })
    ).json<Recording>()
    const second = await supervisor.request('POST', `/api/recordings/${first.id}/redactions`, {
      ranges: [
        { startMs: 900, endMs: 1200 },
        { startMs: 3000, endMs: 3100 },
      ],
      reason: 'address too',
    })
    assert.equal(second.statusCode, 201, second.body)
    const copy = second.json<Recording>()
    assert.equal(copy.derivedFromId, recording.id, 'one step from the original')
    assert.deepEqual(copy.redactedRanges, [
      { startMs: 500, endMs: 1200 },
      { startMs: 3000, endMs: 3100 },
    ])
    const original = await storedFile(recording.id)
    const redacted = await storedFile(copy.id)
    const at = (ms: number) => 44 + ms * 8
    assert.ok(redacted.subarray(at(500), at(1200)).every((byte) => byte === SILENCE_BYTE.pcma))
    assert.ok(redacted.subarray(at(1200), at(3000)).equals(original.subarray(at(1200), at(3000))))
    assert.deepEqual(await custodyActions(recording.id), ['ingested', 'redacted', 'redacted'])
    const waveform = (
      await clerk.request('GET', `/api/recordings/${copy.id}/waveform?points=40`)
    ).json<Waveform>()
    // 100 ms slices: 500–1200 ms is silent (A-law silence decodes to 8 of 32768).
    for (const slice of [5, 6, 7, 8, 9, 10, 11, 30]) assert.ok(waveform.peaks[slice]! < 0.001)
    assert.ok(waveform.peaks[20]! > 0.4)
  })

  it('refuses a range past the end naming it, and a transcript', async () => {
    const { recording } = await uploaded(makeToneWav({ seconds: 2, hz: 440, encoding: 'pcmu' }))
    const past = await clerk.request('POST', `/api/recordings/${recording.id}/redactions`, {
      ranges: [
        { startMs: 0, endMs: 100 },
        { startMs: 2000, endMs: 2500 },
      ],
      reason: 'x',
    })
    assert.equal(past.statusCode, 400)
    assert.equal(past.json().error.field, 'ranges.1.startMs')
    const backwards = await clerk.request('POST', `/api/recordings/${recording.id}/redactions`, {
      ranges: [{ startMs: 500, endMs: 100 }],
      reason: 'x',
    })
    assert.equal(backwards.statusCode, 400)
    assert.equal(backwards.json().error.field, 'ranges.0.endMs')
    const call = await buildCall(t)
    const transcript = (
      await uploadRecording(t, phone, call.id, 'hello', { contentType: 'text/plain' })
    ).json<Recording>()
    const text = await clerk.request('POST', `/api/recordings/${transcript.id}/redactions`, {
      ranges: [{ startMs: 0, endMs: 100 }],
      reason: 'x',
    })
    assert.equal(text.statusCode, 400)
    assert.deepEqual(await custodyActions(recording.id), ['ingested'])
  })
})
