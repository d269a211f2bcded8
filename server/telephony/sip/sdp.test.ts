import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sdpOffer } from '../fixtures/ng911-invite.ts'
import { answerOffer, parseSdp, SdpError } from './sdp.ts'

const local = { address: '127.0.0.1', port: 40000, sessionId: 1 }

describe('SDP offer/answer', () => {
  it('prefers PCMU, echoes telephone-event and answers on our port', () => {
    const answer = answerOffer(parseSdp(sdpOffer({ port: 6000 })), local)
    assert.equal(answer?.audio.codec, 'PCMU')
    assert.equal(answer?.audio.dtmfPayloadType, 101)
    assert.equal(answer?.audio.remotePort, 6000)
    assert.match(answer?.text ?? '', /^m=audio 40000 RTP\/AVP 0 101$/m)
    assert.match(answer?.text ?? '', /^c=IN IP4 127\.0\.0\.1$/m)
  })

  it("takes PCMA when it is all that is offered, in the caller's order", () => {
    assert.equal(
      answerOffer(parseSdp(sdpOffer({ payloads: [8, 101] })), local)?.audio.codec,
      'PCMA',
    )
    assert.equal(answerOffer(parseSdp(sdpOffer({ payloads: [8, 0] })), local)?.audio.codec, 'PCMA')
  })

  it('refuses an offer of G.729 only, and secure RTP it cannot take yet', () => {
    assert.equal(answerOffer(parseSdp(sdpOffer({ payloads: [18] })), local), null)
    const savp = sdpOffer().replace('RTP/AVP', 'RTP/SAVP')
    assert.equal(answerOffer(parseSdp(savp), local), null)
  })

  it('declines a text or message stream with port 0 and keeps the audio', () => {
    const offer =
      sdpOffer() +
      'm=text 6002 RTP/AVP 98\r\na=rtpmap:98 t140/1000\r\nm=message 6004 TCP/MSRP *\r\n'
    const answer = answerOffer(parseSdp(offer), local)
    assert.equal(answer?.audio.codec, 'PCMU')
    assert.deepEqual(answer?.declined, ['text', 'message'])
    assert.match(answer?.text ?? '', /^m=text 0 RTP\/AVP 98$/m)
    assert.match(answer?.text ?? '', /^m=message 0 TCP\/MSRP \*$/m)
  })

  it('answers sendonly with recvonly', () => {
    const answer = answerOffer(parseSdp(sdpOffer().replace('a=sendrecv', 'a=sendonly')), local)
    assert.equal(answer?.audio.direction, 'recvonly')
  })

  it('refuses what is not SDP', () => {
    assert.throws(() => parseSdp('hello'), SdpError)
    assert.throws(() => parseSdp('v=0\r\nm=audio x RTP/AVP 0'), SdpError)
  })
})
