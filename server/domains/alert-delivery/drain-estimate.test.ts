import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../config.ts'
import { estimateDrainSeconds } from './drain-estimate.ts'

const settings = {
  ...loadConfig({ NODE_ENV: 'test' }).alerts,
  rates: { sms: 100, voice: 20, email: 50, tty: 5 },
  exchangeRate: 2,
}
const none = () => ({ voice: new Map<string, number>(), tty: new Map<string, number>() })

describe(estimateDrainSeconds.name, () => {
  it('is the slowest channel, the channels sending side by side', () => {
    const estimate = estimateDrainSeconds(settings, {
      byChannel: { sms: 1000, voice: 100, email: 500, tty: 10 },
      byExchange: none(),
    })
    assert.deepEqual(estimate.byChannel, { sms: 10, voice: 5, email: 10, tty: 2 })
    assert.equal(estimate.seconds, 10)
  })

  it('holds calls to the busiest exchange at the exchange rate', () => {
    const byExchange = none()
    byExchange.voice.set('508-555', 60).set('508-556', 20)
    const estimate = estimateDrainSeconds(settings, {
      byChannel: { sms: 0, voice: 80, email: 0, tty: 0 },
      byExchange,
    })
    // 80 calls at 20/s would take 4 s, but 60 of them into one exchange at 2/s take 30 s.
    assert.equal(estimate.byChannel.voice, 30)
    assert.equal(estimate.seconds, 30)
  })

  it('counts the deliveries already queued ahead', () => {
    const estimate = estimateDrainSeconds(settings, {
      byChannel: { sms: 1000, voice: 0, email: 0, tty: 0 },
      byExchange: none(),
      backlog: { sms: 9000, voice: 0, email: 50, tty: 0 },
    })
    assert.deepEqual(estimate.byChannel, { sms: 100, voice: 0, email: 1, tty: 0 })
    assert.equal(estimate.seconds, 100)
  })

  it('rounds a part of a second up and is zero for nothing to send', () => {
    const one = estimateDrainSeconds(settings, {
      byChannel: { sms: 1, voice: 0, email: 0, tty: 0 },
      byExchange: none(),
    })
    assert.equal(one.seconds, 1)
    const nothing = estimateDrainSeconds(settings, {
      byChannel: { sms: 0, voice: 0, email: 0, tty: 0 },
      byExchange: none(),
    })
    assert.equal(nothing.seconds, 0)
  })
})
