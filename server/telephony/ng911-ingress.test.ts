import assert from 'node:assert/strict'
import dgram from 'node:dgram'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { CallDelivery, CallText, CallView } from '@common/api/calls.ts'
import type { Recording } from '@common/api/recordings.ts'
import { linearToMulaw, MULAW_TABLE } from '../audio/g711.ts'
import { goertzelPower } from '../audio/tones.ts'
import { encodeTty, TtyDecoder } from '../audio/tty-baudot.ts'
import { loadConfig } from '../config.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../test/harness.ts'
import { staffWith } from '../test/factories.ts'
import { ng911Invite } from './fixtures/ng911-invite.ts'
import { ulawTone } from './fixtures/media.ts'
import { runSipp, SCENARIOS, sippPath } from './sipp/run-sipp.ts'

/**
 * The NG911 ingress against a real peer: sipp sends the calls over UDP and TCP, the platform
 * takes them, and the checks read what the platform kept (the call, its locations, the
 * additional data, the recording's length and tone, the text), not only sipp's exit code.
 */
let t: TestPlatform
let taker: StaffSession
let supervisor: StaffSession
let port = 0
let work = ''

before(async () => {
  sippPath()
  work = await mkdtemp(path.join(os.tmpdir(), 'ecc-sipp-'))
  await writeFile(path.join(work, 'ulaw_440hz_3s.raw'), ulawTone(3, 440))
  const base = 42000 + 2 * Math.floor(Math.random() * 2000)
  t = await startTestPlatform({
    sip: {
      ...loadConfig({ NODE_ENV: 'test' }).sip,
      enabled: true,
      host: '127.0.0.1',
      port: 0,
      advertisedAddress: '127.0.0.1',
      rtpPortMin: base,
      rtpPortMax: base + 200,
    },
  })
  port = t.platform.telephony?.port ?? 0
  taker = await staffWith(t, ['call_taker'], { atPosition: true })
  supervisor = await staffWith(t, ['supervisor', 'records_clerk'])
})
after(async () => {
  await t.close()
  await rm(work, { recursive: true, force: true })
})

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await probe()
    if (found) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const callsFrom = async (ani: string) =>
  (await taker.request('GET', '/api/calls?limit=500'))
    .json<CallView[]>()
    .filter((call) => call.ani === ani)

async function answerAndRecord(transport: 'u1' | 't1', ani = '+15085550123') {
  const before = new Set((await callsFrom(ani)).map((call) => call.id))
  const sipp = runSipp('ng911-call.xml', port, { cwd: work, transport })
  const call = await waitFor('the ringing call', async () =>
    (await callsFrom(ani)).find((c) => !before.has(c.id) && c.status === 'ringing'),
  )
  const answered = await taker.request('POST', `/api/calls/${call.id}/answer`, {})
  assert.equal(answered.statusCode, 200, answered.body)
  const result = await sipp
  assert.equal(result.code, 0, result.output)
  const recordings = await waitFor('the recording', async () => {
    const list = (await supervisor.request('GET', `/api/calls/${call.id}/recordings`)).json<
      Recording[]
    >()
    return list.length > 0 ? list : null
  })
  return { call, recordings }
}

describe('NG911 calls from sipp', () => {
  it('takes the call over UDP with its locations and data, rings until answered, and records the audio', async () => {
    const { call, recordings } = await answerAndRecord('u1')
    const view = (await taker.request('GET', `/api/calls/${call.id}`)).json<CallView>()
    assert.equal(view.line, '911')
    assert.equal(view.classOfService, 'WRLS')
    assert.equal(view.status, 'released')
    assert.match(view.externalId ?? '', /^urn:emergency:uid:callid:/)
    assert.equal(view.locations.length, 3)
    const primary = view.locations.find((l) => l.isPrimary)
    assert.equal(primary?.source, 'pidf_lo')
    assert.equal(primary?.address?.postalCode, '01608')
    assert.ok(view.locations.some((l) => l.source === 'device' && l.uncertaintyM === 25))

    const delivery = (
      await taker.request('GET', `/api/calls/${call.id}/delivery`)
    ).json<CallDelivery>()
    assert.match(delivery.emergencyIncidentId ?? '', /^urn:emergency:uid:incidentid:/)
    assert.equal(
      delivery.additionalData.find((b) => b.block === 'ServiceInfo')?.summary,
      'Residence · wireless · Mobile',
    )
    const provider = await waitFor('the ProviderInfo fetch to fail', async () => {
      const now = (
        await taker.request('GET', `/api/calls/${call.id}/delivery`)
      ).json<CallDelivery>()
      return now.additionalData.find((b) => b.block === 'ProviderInfo')
    })
    assert.match(provider.problems[0] ?? '', /could not be fetched/)

    const [recording] = recordings
    assert.equal(recordings.length, 1)
    assert.equal(recording?.source, 'sip')
    assert.equal(recording?.encoding, 'pcmu')
    assert.equal(recording?.channels, 2)
    assert.ok(
      Math.abs((recording?.durationMs ?? 0) - 3000) <= 60,
      `duration ${recording?.durationMs}`,
    )
    const media = await supervisor.request('GET', `/api/recordings/${recording?.id}/media`)
    const bytes = media.rawPayload
    const data = bytes.subarray(bytes.indexOf('data') + 8)
    const caller = Array.from(
      { length: data.length / 2 },
      (_, i) => MULAW_TABLE[data[i * 2] as number] as number,
    )
    const tone = goertzelPower(caller, 440, 8000)
    const off = goertzelPower(caller, 1000, 8000)
    assert.ok(tone > 100 * off, `440 Hz dominates the caller's channel (${tone} vs ${off})`)
  })

  it('takes the same call over TCP', async () => {
    const { recordings } = await answerAndRecord('t1')
    assert.ok(Math.abs((recordings[0]?.durationMs ?? 0) - 3000) <= 60)
  })

  it('decodes TTY tones from the caller into the conversation, and plays the reply as TTY', async () => {
    const ttyWork = await mkdtemp(path.join(os.tmpdir(), 'ecc-tty-'))
    try {
      const tones = Buffer.from(
        Array.from(encodeTty('HELP 911 FIRE'), (sample) => linearToMulaw(sample)),
      )
      await writeFile(path.join(ttyWork, 'ulaw_440hz_3s.raw'), tones)
      const scenario = (await readFile(path.join(SCENARIOS, 'ng911-call.xml'), 'utf8')).replace(
        '<pause milliseconds="3500"/>',
        '<pause milliseconds="8000"/>',
      )
      await writeFile(path.join(ttyWork, 'tty.xml'), scenario)
      const ani = '+15085550123'
      const before = new Set((await callsFrom(ani)).map((call) => call.id))
      const sipp = runSipp(path.join(ttyWork, 'tty.xml'), port, { cwd: ttyWork })
      const call = await waitFor('the ringing TTY call', async () =>
        (await callsFrom(ani)).find((c) => !before.has(c.id) && c.status === 'ringing'),
      )
      await taker.request('POST', `/api/calls/${call.id}/answer`, {})
      const heard = await waitFor('the TTY line', async () => {
        const texts = (await taker.request('GET', `/api/calls/${call.id}/texts`)).json<CallText[]>()
        return texts.find((text) => text.channel === 'tty')
      })
      assert.equal(heard.body, 'HELP 911 FIRE')
      const reply = await taker.request('POST', `/api/calls/${call.id}/texts`, {
        body: 'GA',
        channel: 'tty',
      })
      assert.equal(reply.statusCode, 201, reply.body)
      const result = await sipp
      assert.equal(result.code, 0, result.output)
      const [recording] = await waitFor('the recording', async () => {
        const list = (await supervisor.request('GET', `/api/calls/${call.id}/recordings`)).json<
          Recording[]
        >()
        return list.length > 0 ? list : null
      })
      // The reply went out as tones: the call taker's channel of the recording decodes to it.
      const bytes = (await supervisor.request('GET', `/api/recordings/${recording?.id}/media`))
        .rawPayload
      const data = bytes.subarray(bytes.indexOf('data') + 8)
      const takerSide = Array.from(
        { length: data.length / 2 },
        (_, i) => MULAW_TABLE[data[i * 2 + 1] as number] as number,
      )
      assert.equal(new TtyDecoder().push(takerSide), 'GA')
    } finally {
      await rm(ttyWork, { recursive: true, force: true })
    }
  })

  it('answers a test call (urn:service:test.sos) at once and keeps no call of it', async () => {
    const testWork = await mkdtemp(path.join(os.tmpdir(), 'ecc-test-sos-'))
    try {
      await writeFile(path.join(testWork, 'ulaw_440hz_3s.raw'), ulawTone(1, 440))
      const scenario = (await readFile(path.join(SCENARIOS, 'ng911-call.xml'), 'utf8'))
        .replaceAll('To: <urn:service:sos>', 'To: <urn:service:test.sos>')
        .replaceAll('+15085550123', '+15085550155')
      await writeFile(path.join(testWork, 'test-sos.xml'), scenario)
      const result = await runSipp(path.join(testWork, 'test-sos.xml'), port, { cwd: testWork })
      assert.equal(result.code, 0, result.output)
      assert.equal((await callsFrom('+15085550155')).length, 0)
    } finally {
      await rm(testWork, { recursive: true, force: true })
    }
  })

  it('keeps a call abandoned while ringing (CANCEL → 487) for callback', async () => {
    const result = await runSipp('cancel.xml', port, { cwd: work })
    assert.equal(result.code, 0, result.output)
    const call = await waitFor('the abandoned call', async () =>
      (await callsFrom('+15085550177')).find((c) => c.status === 'released'),
    )
    assert.equal(call.answeredAt, null)
    assert.equal(call.closedAt, null, 'open for a callback')
  })

  it('answers OPTIONS, 481 for an unknown dialog and 488 for a codec it cannot take', async () => {
    for (const scenario of ['options.xml', 'bye-unknown.xml', 'codec-refused.xml']) {
      const result = await runSipp(scenario, port, { cwd: work })
      assert.equal(result.code, 0, `${scenario}: ${result.output}`)
    }
    assert.equal((await callsFrom('+15085550199')).length, 0, 'a refused offer leaves no call')
  })

  it('makes a text call of a MESSAGE, with its location and the text, and sends the reply back', async () => {
    const result = await runSipp('message.xml', port, { cwd: work })
    assert.equal(result.code, 0, result.output)
    const call = await waitFor('the text call', async () => (await callsFrom('+15085550188'))[0])
    const texts = (await taker.request('GET', `/api/calls/${call.id}/texts`)).json<CallText[]>()
    assert.equal(texts[0]?.body, 'Help, there is a fire on the 2nd floor. I cannot talk.')
    assert.equal(call.locations[0]?.lat, 42.26259)
  })

  it('reports its queue state to a subscribed ESRP (emergency-QueueState, JSON)', async () => {
    const udp = dgram.createSocket('udp4')
    const received: string[] = []
    udp.on('message', (message) => received.push(message.toString('utf8')))
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()))
    const local = udp.address().port
    const subscribe = [
      `SUBSCRIBE sip:psap-queue@127.0.0.1:${port} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-qs-1`,
      'Max-Forwards: 70',
      `From: <sip:esrp@127.0.0.1:${local}>;tag=esrp1`,
      `To: <sip:psap-queue@127.0.0.1:${port}>`,
      'Call-ID: queue-state-1@esrp',
      'CSeq: 1 SUBSCRIBE',
      `Contact: <sip:esrp@127.0.0.1:${local}>`,
      'Event: emergency-QueueState',
      'Expires: 600',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n')
    udp.send(Buffer.from(subscribe), port, '127.0.0.1')
    const notify = await waitFor('the NOTIFY', () =>
      Promise.resolve(received.find((message) => message.startsWith('NOTIFY '))),
    )
    udp.close()
    assert.ok(received.some((message) => message.startsWith('SIP/2.0 200')))
    const state = JSON.parse(notify.slice(notify.indexOf('\r\n\r\n') + 4)) as Record<
      string,
      unknown
    >
    assert.equal(state.state, 'Active')
    assert.equal(state.queueMaxLength, t.config.sip.queueMax)
    assert.equal(state.queueLength, 0)
  })

  it('answers 486 when the queue is full', async () => {
    const queueMax = t.config.sip.queueMax
    t.config.sip.queueMax = 0
    try {
      const result = await runSipp('busy.xml', port, { cwd: work })
      assert.equal(result.code, 0, result.output)
    } finally {
      t.config.sip.queueMax = queueMax
    }
  })

  it('survives malformed INVITEs and still takes the next call', async () => {
    const udp = dgram.createSocket('udp4')
    const replies: string[] = []
    udp.on('message', (message) => replies.push(message.toString('latin1').split('\r\n')[0] ?? ''))
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()))
    const send = (bytes: Buffer | string) =>
      new Promise<void>((resolve) =>
        udp.send(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, port, '127.0.0.1', () =>
          resolve(),
        ),
      )
    const broken = ng911Invite({ callNumber: 9001 })
      .toString()
      .replace('--ng911-boundary-1--', 'x'.repeat(20))
    await send(broken)
    await send(
      ng911Invite({
        callNumber: 9002,
        pidf: '<presence xmlns="urn:ietf:params:xml:ns:pidf"><tuple>',
      }),
    )
    await send(ng911Invite({ callNumber: 9003, pidf: '<!DOCTYPE a [<!ENTITY x "y">]><presence/>' }))
    await send(
      ng911Invite({ callNumber: 9004 })
        .toString()
        .replace(/Call-ID: .*\r\n/, ''),
    )
    await send(
      Buffer.concat([
        Buffer.from(
          'INVITE sip:psap SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKhuge\r\n\r\n',
        ),
        Buffer.alloc(60_000, 0x41),
      ]),
    )
    await send('\x00\xff garbage that is not SIP')
    // A body larger than the limit over TCP: refused, and the connection closed.
    const tcp = net.connect(port, '127.0.0.1')
    await new Promise<void>((resolve) => tcp.once('connect', () => resolve()))
    tcp.write(
      `INVITE sip:psap SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bKbig\r\nFrom: <sip:a@b>;tag=1\r\nTo: <urn:service:sos>\r\nCall-ID: big\r\nCSeq: 1 INVITE\r\nContent-Length: 10000000\r\n\r\n`,
    )
    const closed = await new Promise<string>((resolve) => {
      let text = ''
      tcp.on('data', (chunk) => (text += chunk.toString()))
      tcp.on('close', () => resolve(text))
    })
    assert.match(closed, /^SIP\/2\.0 400/)
    await waitFor('replies to the malformed datagrams', () =>
      Promise.resolve(replies.length >= 8 ? replies : null),
    )
    udp.close()
    assert.ok(replies.includes('SIP/2.0 400 Bad Request - missing mandatory header'))
    // The broken bodies were still offered as calls, with their problems shown.
    for (const n of [9001, 9002, 9003]) {
      const call = await waitFor(`call ${n}`, async () =>
        (await callsFrom('+15085550123')).find(
          (c) => c.externalId === `urn:emergency:uid:callid:c${n}:bcf.example.test`,
        ),
      )
      const delivery = (
        await taker.request('GET', `/api/calls/${call.id}/delivery`)
      ).json<CallDelivery>()
      assert.ok(delivery.problems.length > 0, `call ${n} shows its problem`)
    }
    const { recordings } = await answerAndRecord('u1')
    assert.equal(recordings.length, 1)
  })
})
