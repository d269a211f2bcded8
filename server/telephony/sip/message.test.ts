import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ng911Invite } from '../fixtures/ng911-invite.ts'
import { parseNameAddr, parseVia, splitList } from './headers.ts'
import { parseDatagram, serialize, SipHeaders, SipParseError, SipStreamParser } from './message.ts'

describe('SIP message parser', () => {
  it('reads an NG911 INVITE: request line, repeated Call-Info, body by byte count', () => {
    const message = parseDatagram(ng911Invite())
    assert.equal(message.kind, 'request')
    if (message.kind !== 'request') return
    assert.equal(message.method, 'INVITE')
    assert.equal(message.uri, 'sip:psap-queue@127.0.0.1:5060')
    assert.equal(message.headers.getAll('call-info').length, 4)
    assert.equal(message.headers.get('i'), 'call-1@bcf.example.test')
    assert.equal(message.body.length, Number(message.headers.get('content-length')))
  })

  it('understands compact forms, folded lines and comma lists outside quotes and brackets', () => {
    const text = [
      'OPTIONS sip:psap@example.test SIP/2.0',
      'v: SIP/2.0/UDP a.example.test;branch=z9hG4bK1, SIP/2.0/UDP b.example.test;branch=z9hG4bK2',
      'f: "Doe, Jane" <sip:jane@example.test>;tag=1',
      't: <sip:psap@example.test>',
      'i: abc',
      'CSeq: 7',
      '  OPTIONS',
      'Call-Info: <https://x.test/a,b>;purpose=EmergencyCallData.ProviderInfo, <cid:y>;purpose=EmergencyCallData.Comment',
      'l: 0',
      '',
      '',
    ].join('\r\n')
    const message = parseDatagram(Buffer.from(text))
    assert.equal(message.headers.getAll('via').length, 2)
    assert.equal(message.headers.get('cseq'), '7 OPTIONS')
    assert.equal(parseNameAddr(message.headers.get('from') ?? '')?.displayName, 'Doe, Jane')
    assert.deepEqual(
      message.headers.getAll('call-info').map((v) => parseNameAddr(v)?.uri),
      ['https://x.test/a,b', 'cid:y'],
    )
  })

  it('counts Content-Length in bytes for UTF-8 bodies and cuts a datagram to it', () => {
    const body = 'Hilfe – Feuer 🔥'
    const bytes = Buffer.byteLength(body)
    const text = `MESSAGE sip:psap@x SIP/2.0\r\nContent-Length: ${bytes}\r\n\r\n${body}EXTRA`
    const message = parseDatagram(Buffer.from(text))
    assert.equal(message.body.toString('utf8'), body)
  })

  it('refuses a truncated datagram, a bad header, a bad Content-Length and garbage', () => {
    assert.throws(
      () => parseDatagram(Buffer.from('BYE sip:x SIP/2.0\r\nContent-Length: 50\r\n\r\nshort')),
      SipParseError,
    )
    assert.throws(
      () => parseDatagram(Buffer.from('BYE sip:x SIP/2.0\r\nno colon here\r\n\r\n')),
      SipParseError,
    )
    assert.throws(
      () => parseDatagram(Buffer.from('BYE sip:x SIP/2.0\r\nContent-Length: -1\r\n\r\n')),
      SipParseError,
    )
    assert.throws(() => parseDatagram(Buffer.from('\x00\x01\x02 hello')), SipParseError)
  })

  it('never throws anything but SipParseError on random bytes', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const invite = ng911Invite()
    for (let round = 0; round < 500; round++) {
      const copy = Buffer.from(invite)
      for (let k = 0; k < 20; k++) {
        copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256)
      }
      try {
        parseDatagram(copy.subarray(0, Math.floor(random() * copy.length)))
      } catch (error) {
        assert.ok(error instanceof SipParseError, String(error))
      }
    }
  })

  it('frames messages on a stream, split anywhere, and counts CRLF CRLF pings', () => {
    const invite = ng911Invite({ transport: 'TCP' })
    const stream = Buffer.concat([Buffer.from('\r\n\r\n'), invite, invite])
    const parser = new SipStreamParser(1_000_000)
    const seen: string[] = []
    let pings = 0
    for (let i = 0; i < stream.length; i += 97) {
      const out = parser.push(stream.subarray(i, i + 97))
      pings += out.pings
      for (const message of out.messages) {
        seen.push(message.kind === 'request' ? message.method : 'response')
      }
    }
    assert.deepEqual(seen, ['INVITE', 'INVITE'])
    assert.equal(pings, 1)
    assert.equal(parser.pending, 0)
  })

  it('requires Content-Length on a stream and limits the body', () => {
    assert.throws(
      () => new SipStreamParser(100).push(Buffer.from('BYE sip:x SIP/2.0\r\nCSeq: 1 BYE\r\n\r\n')),
      /Content-Length/,
    )
    assert.throws(
      () =>
        new SipStreamParser(10).push(
          Buffer.from('BYE sip:x SIP/2.0\r\nContent-Length: 11\r\n\r\n'),
        ),
      /too large/,
    )
  })

  it('writes a response with CRLFs and the body length', () => {
    const headers = new SipHeaders()
      .add('Via', 'SIP/2.0/UDP a;branch=z9hG4bK1')
      .add('Content-Length', '999')
    const out = serialize({
      kind: 'response',
      status: 180,
      reason: 'Ringing',
      headers,
      body: Buffer.alloc(0),
    })
    assert.equal(
      out.toString(),
      'SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n',
    )
    const back = parseDatagram(out)
    assert.equal(back.kind === 'response' && back.status, 180)
  })
})

describe('SIP header values', () => {
  it('parses Via with rport and received, and IPv6 sent-by', () => {
    const via = parseVia('SIP/2.0/udp 10.0.0.1:5062;branch=z9hG4bKabc;rport;received=1.2.3.4')
    assert.equal(via?.transport, 'UDP')
    assert.equal(via?.port, 5062)
    assert.equal(via?.params.get('rport'), null)
    assert.equal(via?.params.get('received'), '1.2.3.4')
    assert.equal(parseVia('SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK1')?.host, '[2001:db8::1]')
  })

  it('splits lists but keeps quoted commas', () => {
    assert.deepEqual(splitList('"a, b" <sip:x>, <sip:y,z>'), ['"a, b" <sip:x>', '<sip:y,z>'])
  })
})
