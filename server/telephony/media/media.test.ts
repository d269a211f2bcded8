import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { g711Wav } from './call-wav.ts'
import { buildRtp, DtmfCollector, parseRtp, type RtpPacket } from './rtp.ts'
import { StreamRecorder } from './stream-recorder.ts'

let dir = ''
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ecc-rtp-'))
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

const packet = (sequence: number, timestamp: number, fill: number, ssrc = 1): RtpPacket => ({
  payloadType: 0,
  marker: false,
  sequence,
  timestamp,
  ssrc,
  payload: Buffer.alloc(160, fill),
})

describe('RTP', () => {
  it('reads a header with CSRCs, an extension and padding', () => {
    const payload = Buffer.from([1, 2, 3, 4])
    const header = Buffer.alloc(12 + 4 + 8)
    header[0] = 0x80 | 0x20 | 0x10 | 1 // padding, extension, 1 CSRC
    header[1] = 0x80 | 8
    header.writeUInt16BE(65535, 2)
    header.writeUInt32BE(4294967295, 4)
    header.writeUInt32BE(42, 8)
    header.writeUInt16BE(1, 12 + 4 + 2) // extension of one word
    const datagram = Buffer.concat([header, payload, Buffer.from([0, 0, 3])])
    const read = parseRtp(datagram)
    assert.deepEqual(read && { ...read, payload: [...read.payload] }, {
      payloadType: 8,
      marker: true,
      sequence: 65535,
      timestamp: 4294967295,
      ssrc: 42,
      payload: [1, 2, 3, 4],
    })
    assert.equal(parseRtp(Buffer.from('not rtp at all')), null)
    assert.equal(parseRtp(buildRtp(packet(1, 2, 0x7f)))?.payload.length, 160)
  })

  it('counts a DTMF key once though its end packet comes three times', () => {
    const dtmf = new DtmfCollector()
    const event = (end: boolean, ts: number) => ({
      ...packet(1, ts, 0),
      payloadType: 101,
      payload: Buffer.from([1, end ? 0x80 : 0, 0, 160]),
    })
    const keys = [
      event(false, 100),
      event(true, 100),
      event(true, 100),
      event(true, 100),
      event(true, 900),
    ].map((p) => dtmf.add(p))
    assert.deepEqual(keys, [null, '1', null, null, '1'])
  })
})

describe('stream recorder', () => {
  it('places packets by timestamp: loss becomes silence, a late packet fills its place', async () => {
    const file = path.join(dir, 'placed.ulaw')
    const recorder = new StreamRecorder(file, 'PCMU')
    recorder.write(packet(10, 1000, 0x11))
    recorder.write(packet(12, 1320, 0x33)) // 11 not yet here
    recorder.write(packet(14, 1640, 0x55)) // 13 lost for good
    recorder.write(packet(11, 1160, 0x22)) // 11 arrives late
    const stats = await recorder.close()
    const bytes = await readFile(file)
    assert.equal(bytes.length, 800)
    assert.deepEqual(
      [0, 160, 320, 480, 640].map((at) => bytes[at]),
      [0x11, 0x22, 0x33, 0xff, 0x55],
    )
    assert.equal(stats.gaps, 1)
    assert.equal(stats.reordered, 1)
    assert.equal(stats.packets, 4)
  })

  it('survives a timestamp wrap and continues a new SSRC where the audio stands', async () => {
    const file = path.join(dir, 'wrap.ulaw')
    const recorder = new StreamRecorder(file, 'PCMU')
    recorder.write(packet(1, 4294967136, 0x01))
    recorder.write(packet(2, 0, 0x02)) // wrapped: 160 samples later
    recorder.write(packet(500, 77777, 0x03, 2)) // new source
    const stats = await recorder.close()
    const bytes = await readFile(file)
    assert.deepEqual([bytes[0], bytes[160], bytes[320]], [0x01, 0x02, 0x03])
    assert.equal(bytes.length, 480)
    assert.equal(stats.ssrcChanges, 1)
  })
})

describe('call WAV', () => {
  it('interleaves caller and call taker, pads the shorter with silence, and says format 7', () => {
    const wav = g711Wav('PCMU', [Buffer.from([1, 2, 3]), Buffer.from([9])])
    assert.equal(wav.toString('ascii', 0, 4), 'RIFF')
    assert.equal(wav.readUInt16LE(20), 7)
    assert.equal(wav.readUInt16LE(22), 2)
    assert.equal(wav.readUInt32LE(46), 3, 'fact: frames')
    assert.equal(wav.readUInt32LE(54), 6)
    assert.deepEqual([...wav.subarray(58, 64)], [1, 9, 2, 0xff, 3, 0xff])
    assert.equal(wav.readUInt32LE(4), wav.length - 8)
  })
})
