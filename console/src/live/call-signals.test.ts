import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { LiveEvent, LiveEventMap, LiveEventType } from '@common/api/events.ts'
import { nextCallSignals, NO_SIGNALS, type CallSignals } from './call-signals.ts'

let position = 0
function event<T extends LiveEventType>(type: T, payload: LiveEventMap[T]): LiveEvent {
  position += 1
  return {
    position: String(position),
    type,
    stream: 'call',
    payload,
    at: `2026-11-30T12:00:${String(position).padStart(2, '0')}.000Z`,
    actorUserId: null,
    actorPositionId: null,
  }
}

const applyAll = (events: LiveEvent[], from: CallSignals = NO_SIGNALS) =>
  events.reduce(nextCallSignals, from)

const silence = (callId: string, quietSeconds = 12) =>
  event('call.media_alert', { callId, kind: 'silence', quietSeconds })

describe('call signals', () => {
  it('raises a silence alert with its quiet time and when it was raised', () => {
    const raised = silence('c1')
    const signals = applyAll([raised])
    assert.deepEqual(signals.mediaAlerts.get('c1'), { quietSeconds: 12, raisedAt: raised.at })
    assert.equal(signals.mediaAlerts.has('c2'), false)
  })

  it('clears the alert when the audio resumes, the line is released or the call is closed', () => {
    const resumed = applyAll([
      silence('c1'),
      event('call.media_alert', { callId: 'c1', kind: 'resumed', quietSeconds: 0 }),
    ])
    assert.equal(resumed.mediaAlerts.size, 0)
    const released = applyAll([
      silence('c1'),
      silence('c2'),
      event('call.released', { callId: 'c1', abandoned: false, incidentId: null }),
    ])
    assert.deepEqual([...released.mediaAlerts.keys()], ['c2'])
    const closed = applyAll([
      silence('c2'),
      event('call.closed', { callId: 'c2', disposition: 'INFO', incidentId: null }),
    ])
    assert.equal(closed.mediaAlerts.size, 0)
  })

  it('counts the texts per call, either way', () => {
    const text = (callId: string, direction: 'from_caller' | 'to_caller') =>
      event('call.text', {
        callId,
        textId: `t${position}`,
        direction,
        channel: 'sip_message',
        body: 'hello',
      })
    const signals = applyAll([
      text('c1', 'from_caller'),
      text('c1', 'to_caller'),
      text('c2', 'from_caller'),
    ])
    assert.equal(signals.textCounts.get('c1'), 2)
    assert.equal(signals.textCounts.get('c2'), 1)
  })

  it('keeps the same object for events that change nothing, so scenes do not re-render', () => {
    const signals = applyAll([silence('c1')])
    assert.equal(
      nextCallSignals(
        signals,
        event('call.answered', {
          callId: 'c1',
          positionId: 'p',
          positionCode: 'CT1',
          userId: null,
        }),
      ),
      signals,
    )
    const released = event('call.released', { callId: 'c9', abandoned: true, incidentId: null })
    assert.equal(nextCallSignals(signals, released), signals)
  })
})
