import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ng911Invite } from '../fixtures/ng911-invite.ts'
import { parseDatagram } from './message.ts'
import { bodyParts, MultipartError, partByCid, unwrapCpim, type BodyPart } from './multipart.ts'

describe('multipart bodies', () => {
  it('finds the SDP, PIDF-LO and ServiceInfo parts of an NG911 INVITE, by cid: too', () => {
    const invite = parseDatagram(ng911Invite())
    const parts = bodyParts(invite.headers.get('content-type'), invite.body)
    assert.deepEqual(
      parts.map((part) => part.contentType?.type),
      ['application/sdp', 'application/pidf+xml', 'application/emergencycalldata.serviceinfo+xml'],
    )
    const pidf = partByCid(parts, 'cid:loc1@bcf.example.test')
    assert.ok(pidf?.body.toString().includes('<ca:PC>01608</ca:PC>'))
    assert.equal(pidf?.disposition?.params.get('handling'), 'optional')
  })

  it('reads nested multipart/related inside multipart/mixed, a quoted boundary, preamble and a part without headers', () => {
    const inner = [
      '--in',
      'Content-Type: application/pidf+xml',
      'Content-ID: <p1>',
      '',
      '<presence/>',
      '--in--',
    ].join('\r\n')
    const body = [
      'preamble text',
      '--out',
      '',
      'a part with no headers',
      '--out',
      'Content-Type: multipart/related; boundary="in"',
      '',
      inner,
      '--out--',
      'epilogue',
    ].join('\r\n')
    const parts = bodyParts('multipart/mixed; boundary="out"', Buffer.from(body))
    assert.equal(parts.length, 2)
    assert.equal(parts[0]?.contentType, null)
    assert.equal(parts[0]?.body.toString(), 'a part with no headers')
    assert.equal(parts[1]?.contentType?.type, 'application/pidf+xml')
    assert.equal(partByCid(parts, 'cid:p1')?.body.toString(), '<presence/>')
  })

  it('refuses a multipart without boundary, an unclosed one, and one whose boundary never appears', () => {
    assert.throws(() => bodyParts('multipart/mixed', Buffer.from('x')), MultipartError)
    assert.throws(
      () =>
        bodyParts(
          'multipart/mixed; boundary=b',
          Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nx'),
        ),
      MultipartError,
    )
    assert.throws(
      () => bodyParts('multipart/mixed; boundary=b', Buffer.from('nothing here')),
      MultipartError,
    )
  })

  it('treats a single-part body as one part', () => {
    const parts = bodyParts('application/sdp', Buffer.from('v=0'))
    assert.equal(parts.length, 1)
    assert.equal(parts[0]?.contentType?.type, 'application/sdp')
  })

  it('unwraps a CPIM message to its text and keeps a broken wrapper as it came', () => {
    const cpim = [
      'From: <sip:+15085550188@bcf.example.test>',
      'To: <urn:service:sos>',
      'DateTime: 2026-11-30T12:00:00Z',
      '',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Smoke in the hallway',
    ].join('\r\n')
    const [part] = bodyParts('message/cpim', Buffer.from(cpim))
    const inner = unwrapCpim(part as BodyPart)
    assert.equal(inner[0]?.contentType?.type, 'text/plain')
    assert.equal(inner[0]?.body.toString(), 'Smoke in the hallway')
    const broken = bodyParts('message/cpim', Buffer.from('no blank line at all'))[0] as BodyPart
    assert.deepEqual(unwrapCpim(broken), [broken])
  })
})
