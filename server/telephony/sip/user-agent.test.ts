import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ng911Invite, sdpOffer } from '../fixtures/ng911-invite.ts'
import { FakeClock } from './clock.ts'
import { parseNameAddr } from './headers.ts'
import { parseDatagram, type SipMessage, type SipResponse } from './message.ts'
import type { Peer } from './transactions.ts'
import { UserAgent, type Admission, type OfferedCall, type IncomingMessage } from './user-agent.ts'

const PEER: Peer = { transport: 'UDP', address: '127.0.0.1', port: 5061 }

/** A user agent on a fake clock whose sent messages are kept, with the time they left. */
function harness(admission: Admission = 'accept', queue = { length: 0 }) {
  const clock = new FakeClock()
  const sent: Array<{ at: number; to: Peer; message: SipMessage }> = []
  const offered: OfferedCall[] = []
  const ended: Array<[string, string]> = []
  const cancelled: string[] = []
  const messages: IncomingMessage[] = []
  const closed: string[] = []
  const ua = new UserAgent({
    clock,
    address: '127.0.0.1',
    port: 5060,
    sender: {
      send: (to, bytes) => sent.push({ at: clock.now(), to, message: parseDatagram(bytes) }),
    },
    queueState: () => ({
      queueUri: 'sip:psap-queue@127.0.0.1',
      queueLength: queue.length,
      queueMaxLength: 2,
      state: queue.length >= 2 ? 'Full' : 'Active',
    }),
    events: {
      admit: () => admission,
      openMedia: () => undefined,
      mediaPort: () => 40000,
      closeMedia: (key) => closed.push(key),
      offered: (call) => offered.push(call),
      cancelled: (key) => cancelled.push(key),
      ended: (key, reason) => ended.push([key, reason]),
      message: (message) => messages.push(message),
    },
  })
  const deliver = (bytes: Buffer | string, peer: Peer = PEER) => {
    const message = parseDatagram(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes))
    if (message.kind === 'request') ua.receiveRequest(message, peer)
    else ua.receiveResponse(message)
  }
  const responses = () =>
    sent.map((s) => s.message).filter((m): m is SipResponse => m.kind === 'response')
  const statuses = () =>
    responses().map((r) => `${r.status} ${r.headers.get('cseq')?.split(' ')[1]}`)
  return {
    clock,
    ua,
    sent,
    offered,
    ended,
    cancelled,
    messages,
    closed,
    deliver,
    responses,
    statuses,
  }
}

function inDialog(
  method: string,
  cseq: number,
  toTag: string,
  n = 1,
  branch = `z9hG4bK-${method}-${cseq}`,
): string {
  return [
    `${method} sip:psap@127.0.0.1:5060 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5061;branch=${branch}`,
    'Max-Forwards: 70',
    `From: "WIRELESS CALLER" <sip:+15085550123@bcf.example.test;user=phone>;tag=from-${n}`,
    `To: <urn:service:sos>;tag=${toTag}`,
    `Call-ID: call-${n}@bcf.example.test`,
    `CSeq: ${cseq} ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n')
}

const tagOf = (response: SipResponse | undefined) =>
  parseNameAddr(response?.headers.get('to') ?? '')?.params.get('tag') ?? ''

describe('user agent: the answering model', () => {
  it('rings (100, 180 with Record-Route and Contact), answers only when told, and the ACK stops the 200', () => {
    const h = harness()
    h.deliver(ng911Invite())
    assert.deepEqual(h.statuses(), ['100 INVITE', '180 INVITE'])
    const ringing = h.responses()[1]
    assert.equal(ringing?.headers.get('record-route'), '<sip:127.0.0.1:5061;transport=udp;lr>')
    assert.match(ringing?.headers.get('contact') ?? '', /sip:psap@127\.0\.0\.1:5060/)
    assert.equal(h.offered.length, 1)
    assert.equal(h.offered[0]?.parts.length, 3)
    assert.equal(h.offered[0]?.audio?.codec, 'PCMU')

    // A ringing 911 call never times out on our side; a retransmitted INVITE gets the 180 again.
    h.clock.advance(10 * 60_000)
    h.deliver(ng911Invite())
    assert.deepEqual(h.statuses(), ['100 INVITE', '180 INVITE', '180 INVITE'])

    assert.equal(h.ua.answer(h.offered[0]?.key ?? ''), true)
    const ok = h.responses().at(-1)
    assert.equal(ok?.status, 200)
    assert.match(ok?.body.toString() ?? '', /^m=audio 40000 RTP\/AVP 0 101/m)
    assert.equal(tagOf(ok), tagOf(ringing))
    h.clock.advance(1600)
    assert.equal(
      h.responses().filter((r) => r.status === 200).length,
      3,
      '200 again at 0.5 s and 1.5 s',
    )
    h.deliver(inDialog('ACK', 1, tagOf(ok), 1, 'z9hG4bK-ack'))
    h.clock.advance(60_000)
    assert.equal(
      h.responses().filter((r) => r.status === 200).length,
      3,
      'nothing more after the ACK',
    )

    h.deliver(inDialog('BYE', 2, tagOf(ok)))
    assert.equal(h.responses().at(-1)?.status, 200)
    assert.deepEqual(h.ended, [[h.offered[0]?.key, 'caller_hangup']])
    assert.deepEqual(h.closed, [h.offered[0]?.key])
  })

  it('retransmits the 200 at 0.5, 1.5, 3.5, 7.5 s then every 4 s, and sends BYE along the route at 32 s without an ACK', () => {
    const h = harness()
    h.deliver(ng911Invite())
    const key = h.offered[0]?.key ?? ''
    h.ua.answer(key)
    h.clock.advance(40_000)
    const okTimes = h.sent
      .filter((s) => s.message.kind === 'response' && s.message.status === 200)
      .map((s) => s.at)
    assert.deepEqual(okTimes.slice(0, 6), [0, 500, 1500, 3500, 7500, 11500])
    assert.ok(okTimes.every((t) => t < 32_000))
    const bye = h.sent.find((s) => s.message.kind === 'request' && s.message.method === 'BYE')
    assert.equal(bye?.at, 32_000)
    assert.equal(bye?.message.headers.get('route'), '<sip:127.0.0.1:5061;transport=udp;lr>')
    assert.equal(bye?.to.port, 5061)
    assert.deepEqual(h.ended, [[key, 'no_ack']])
  })

  it('answers CANCEL with 200 and the INVITE with 487, retransmitted until the ACK', () => {
    const h = harness()
    h.deliver(ng911Invite())
    h.deliver(
      ng911Invite()
        .toString()
        .replace('INVITE sip:', 'CANCEL sip:')
        .replace('CSeq: 1 INVITE', 'CSeq: 1 CANCEL')
        .replace(/Content-Type[\s\S]*$/, 'Content-Length: 0\r\n\r\n'),
    )
    assert.deepEqual(h.statuses().slice(2), ['200 CANCEL', '487 INVITE'])
    assert.deepEqual(h.cancelled, [h.offered[0]?.key])
    h.clock.advance(1600)
    assert.equal(
      h.statuses().filter((s) => s === '487 INVITE').length,
      3,
      'Timer G: again at 0.5 s and 1.5 s',
    )
    h.deliver(inDialog('ACK', 1, tagOf(h.responses().at(-1)), 1, 'z9hG4bK-call-1'))
    h.clock.advance(30_000)
    assert.equal(h.statuses().filter((s) => s === '487 INVITE').length, 3)
    assert.equal(h.ua.answer(h.offered[0]?.key ?? ''), false, 'a cancelled call cannot be answered')
  })

  it('says 481 to a CANCEL or BYE that matches nothing, and 500 to an old CSeq', () => {
    const h = harness()
    h.deliver(inDialog('BYE', 2, 'nosuchtag'))
    assert.equal(h.responses().at(-1)?.status, 481)
    h.deliver(inDialog('CANCEL', 1, 'x').replace(/To: .*/, 'To: <urn:service:sos>'))
    assert.equal(h.responses().at(-1)?.status, 481)
    h.deliver(ng911Invite())
    const tag = tagOf(h.responses().at(-1))
    h.deliver(inDialog('INFO', 1, tag))
    assert.equal(h.responses().at(-1)?.status, 500)
  })

  it('refuses only for media it cannot take (488 with a Warning) and for capacity (486, 503)', () => {
    const g729 = harness()
    g729.deliver(ng911Invite({ sdp: sdpOffer({ payloads: [18] }) }))
    const refused = g729.responses().at(-1)
    assert.equal(refused?.status, 488)
    assert.match(refused?.headers.get('warning') ?? '', /^305 .* "Incompatible media format"$/)
    assert.equal(g729.offered.length, 0)

    const busy = harness('busy')
    busy.deliver(ng911Invite())
    assert.equal(busy.responses().at(-1)?.status, 486)
    const overloaded = harness('overloaded')
    overloaded.deliver(ng911Invite())
    assert.equal(overloaded.responses().at(-1)?.status, 503)
    assert.equal(overloaded.responses().at(-1)?.headers.get('retry-after'), '30')
  })

  it('never refuses a call for a broken body: it is offered with the problem', () => {
    const h = harness()
    const broken = ng911Invite().toString().replace('--ng911-boundary-1--', 'x'.repeat(20))
    h.deliver(broken)
    assert.deepEqual(h.statuses(), ['100 INVITE', '180 INVITE'])
    assert.match(h.offered[0]?.bodyProblem ?? '', /not closed/)
    h.ua.answer(h.offered[0]?.key ?? '')
    assert.match(
      h.responses().at(-1)?.body.toString() ?? '',
      /m=audio 40000 RTP\/AVP 0 8 101/,
      'G.711 offered in the 200',
    )
  })

  it('answers OPTIONS with what it allows and accepts, and takes MESSAGE text', () => {
    const h = harness()
    h.deliver(inDialog('OPTIONS', 1, 'x').replace(/To: .*/, 'To: <sip:psap@127.0.0.1>'))
    assert.equal(h.responses().at(-1)?.status, 200)
    assert.match(h.responses().at(-1)?.headers.getAll('allow').join(',') ?? '', /MESSAGE/)
    const text = 'Help, fire on the 2nd floor'
    h.deliver(
      inDialog('MESSAGE', 1, 'x', 9)
        .replace(/To: .*/, 'To: <urn:service:sos>')
        .replace(
          'Content-Length: 0',
          `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}`,
        ) + text,
    )
    assert.equal(h.responses().at(-1)?.status, 200)
    assert.equal(h.messages[0]?.parts[0]?.body.toString(), text)
  })

  it('answers 400 to a request without Call-ID, and 483 when Max-Forwards is spent', () => {
    const h = harness()
    h.deliver(inDialog('OPTIONS', 1, 'x').replace(/Call-ID: .*\r\n/, ''))
    assert.equal(h.responses().at(-1)?.status, 400)
    h.deliver(inDialog('OPTIONS', 1, 'x', 2).replace('Max-Forwards: 70', 'Max-Forwards: 0'))
    assert.equal(h.responses().at(-1)?.status, 483)
  })

  it('runs an emergency-QueueState notifier: NOTIFY on subscribe and on each change, until it ends', () => {
    const queue = { length: 0 }
    const h = harness('accept', queue)
    const subscribe = (expires: number, toTag = '') =>
      inDialog('SUBSCRIBE', expires === 0 ? 2 : 1, toTag, 5, `z9hG4bK-sub-${expires}`)
        .replace(/To: .*/, `To: <sip:psap-queue@127.0.0.1>${toTag ? `;tag=${toTag}` : ''}`)
        .replace(
          'Content-Length: 0',
          `Event: emergency-QueueState\r\nExpires: ${expires}\r\nContact: <sip:esrp@127.0.0.1:5061>\r\nContent-Length: 0`,
        )
    h.deliver(subscribe(600))
    const ok = h.responses().at(-1)
    assert.equal(ok?.status, 200)
    assert.equal(ok?.headers.get('expires'), '600')
    const notifies = () =>
      h.sent.map((s) => s.message).filter((m) => m.kind === 'request' && m.method === 'NOTIFY')
    assert.equal(notifies().length, 1)
    assert.deepEqual(JSON.parse(notifies()[0]?.body.toString() ?? '{}'), {
      queueUri: 'sip:psap-queue@127.0.0.1',
      queueLength: 0,
      queueMaxLength: 2,
      state: 'Active',
    })
    assert.equal(notifies()[0]?.headers.get('subscription-state'), 'active;expires=600')

    h.ua.queueStateChanged()
    assert.equal(notifies().length, 1, 'nothing changed: no NOTIFY')
    queue.length = 2
    h.ua.queueStateChanged()
    assert.equal(JSON.parse(notifies()[1]?.body.toString() ?? '{}').state, 'Full')

    h.deliver(subscribe(0, tagOf(ok)))
    assert.equal(h.responses().at(-1)?.status, 200)
    assert.equal(notifies().at(-1)?.headers.get('subscription-state'), 'terminated;reason=timeout')
  })

  it('ends a subscription that is not refreshed, and refuses other event packages with 489', () => {
    const h = harness()
    const subscribe = (event: string) =>
      inDialog('SUBSCRIBE', 1, 'x', 6, `z9hG4bK-${event}`)
        .replace(/To: .*/, 'To: <sip:psap-queue@127.0.0.1>')
        .replace('Content-Length: 0', `Event: ${event}\r\nExpires: 60\r\nContent-Length: 0`)
    h.deliver(subscribe('presence'))
    assert.equal(h.responses().at(-1)?.status, 489)
    h.deliver(subscribe('emergency-QueueState'))
    h.clock.advance(61_000)
    const last = h.sent
      .map((s) => s.message)
      .filter((m) => m.kind === 'request' && m.method === 'NOTIFY')
      .at(-1)
    assert.equal(last?.headers.get('subscription-state'), 'terminated;reason=timeout')
  })
})
