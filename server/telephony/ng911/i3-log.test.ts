import assert from 'node:assert/strict'
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto'
import { Writable } from 'node:stream'
import { describe, it } from 'node:test'
import pino from 'pino'
import { I3Log, type FlattenedJws } from './i3-log.ts'

function capture(): { log: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString())
      done()
    },
  })
  const log = pino({ level: 'info' }, stream)
  return {
    log,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

const identity = { elementId: 'psap.ecc.example', agencyId: 'ecc.example' }
const call = {
  callId: 'urn:emergency:uid:callid:c1:bcf.example.test',
  incidentId: 'urn:emergency:uid:incidentid:i1:bcf.example.test',
  sipCallId: 'a@b',
}

function checkJws(
  jws: FlattenedJws,
  publicKey: KeyObject,
  options: { hash: string | null; p1363?: boolean },
) {
  const input = Buffer.from(`${jws.protected}.${jws.payload}`)
  const signature = Buffer.from(jws.signature, 'base64url')
  const key = options.p1363 ? { key: publicKey, dsaEncoding: 'ieee-p1363' as const } : publicKey
  return verify(options.hash, input, key, signature)
}

describe('i3 log events', () => {
  it('writes each event as JSON in the platform log, with the call ids and the element', () => {
    const { log, lines } = capture()
    const i3 = new I3Log(log, identity, null)
    i3.write('CallStartLogEvent', call, { from: '+15085550123' })
    const [line] = lines()
    const event = line?.i3LogEvent as Record<string, unknown>
    assert.equal(event.logEventType, 'CallStartLogEvent')
    assert.equal(event.callId, call.callId)
    assert.equal(event.elementId, 'psap.ecc.example')
    assert.equal(event.from, '+15085550123')
    assert.equal(line?.jws, undefined, 'no key, no signature')
  })

  it('signs events as a flattened JWS with a P-256 key (ES256) that verifies, and with Ed25519', () => {
    for (const [type, options] of [
      ['ec', { hash: 'sha256', p1363: true }],
      ['ed25519', { hash: null }],
    ] as const) {
      const pair =
        type === 'ec'
          ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
          : generateKeyPairSync('ed25519')
      const { log, lines } = capture()
      const i3 = new I3Log(
        log,
        identity,
        pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      )
      i3.write('MediaEndLogEvent', call, { packets: 150 })
      const jws = lines()[0]?.jws as FlattenedJws
      assert.ok(checkJws(jws, pair.publicKey, options), `${type} signature verifies`)
      const header = JSON.parse(Buffer.from(jws.protected, 'base64url').toString()) as {
        alg: string
      }
      assert.equal(header.alg, type === 'ec' ? 'ES256' : 'EdDSA')
      const payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString()) as {
        packets: number
      }
      assert.equal(payload.packets, 150)
      const tampered = {
        ...jws,
        payload: Buffer.from(JSON.stringify({ ...payload, packets: 1 })).toString('base64url'),
      }
      assert.equal(checkJws(tampered, pair.publicKey, options), false)
    }
  })

  it('refuses a key it cannot sign with', () => {
    const { log } = capture()
    const x25519 = generateKeyPairSync('x25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    assert.throws(() => new I3Log(log, identity, x25519), /not supported/)
  })
})
