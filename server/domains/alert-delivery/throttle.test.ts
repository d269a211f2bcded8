import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ChannelThrottle, TokenBucket, pickNext } from './throttle.ts'

/** Takes `count` tokens as soon as each is ready, starting at 0; returns when the last went. */
function drain(bucket: TokenBucket, count: number, lateMs = 0): number {
  let now = 0
  for (let i = 0; i < count; i++) {
    now = Math.max(now, bucket.readyAt()) + lateMs
    bucket.take(now)
  }
  return now
}

describe(TokenBucket.name, () => {
  it('lets the capacity go at once, then one token per interval', () => {
    const bucket = new TokenBucket(10, 5, 0)
    // 5 at once, then 995 at 100 ms each.
    assert.equal(drain(bucket, 1000), 99_500)
  })

  it('keeps the rate when each send is a little late (the slack absorbs it)', () => {
    const bucket = new TokenBucket(100, 20, 0)
    const last = drain(bucket, 10_000, 3)
    // 10 000 at 100/s is 100 s; three ms late on every send still finishes within 1 %.
    assert.ok(Math.abs(last - 100_000) / 100_000 < 0.01, `${last}`)
  })

  it('holds every token back until the time the provider asked for', () => {
    const bucket = new TokenBucket(10, 5, 0)
    bucket.holdUntil(2_000)
    assert.equal(bucket.readyAt(), 2_000)
  })
})

describe(ChannelThrottle.name, () => {
  it('holds calls into one exchange to the exchange rate, not the channel rate', () => {
    const throttle = new ChannelThrottle(50, 2, 0)
    let now = 0
    for (let call = 0; call < 11; call++) {
      now = Math.max(now, throttle.readyAt('508-555'))
      throttle.take('508-555', now)
    }
    // 11 calls at 2/s: 5 s, less the quarter interval a late call may make up once.
    assert.equal(now, 5_000 - 125)
    assert.ok(throttle.readyAt('508-556') <= now, 'another exchange may go now')
    assert.ok(throttle.readyAt(null) <= now)
  })

  it('picks the first item that can go soonest, past a busy exchange', () => {
    const throttle = new ChannelThrottle(50, 2, 0)
    throttle.take('508-555', 0)
    const waiting = [{ exchange: '508-555' }, { exchange: '508-555' }, { exchange: '617-555' }]
    assert.equal(pickNext(waiting, throttle)?.index, 2)
    assert.equal(pickNext([], throttle), null)
  })
})
