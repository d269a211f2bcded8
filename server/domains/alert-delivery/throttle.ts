/**
 * A token bucket kept as the time its next token is due (GCRA): `capacity` tokens may go at
 * once (a fraction: a send may be that much early), then one every 1/rate seconds. Being a little late (a database round trip) uses the
 * spare capacity instead of losing time, so a long blast drains at the set rate.
 */
export class TokenBucket {
  private readonly interval: number
  private due: number

  constructor(
    rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.interval = 1000 / rate
    this.due = now
  }

  /** When (epoch ms) a token can be taken. */
  readyAt(): number {
    return this.due - (this.capacity - 1) * this.interval
  }

  take(now: number): void {
    this.due = Math.max(this.due, now) + this.interval
  }

  /** Nothing goes before `until` (the provider asked to slow down). */
  holdUntil(until: number): void {
    this.due = Math.max(this.due, until + (this.capacity - 1) * this.interval)
  }
}

/**
 * A capacity of 1.25 tokens: no burst, but a send up to a quarter interval late does not push
 * every later one back (timers and database round trips are never exactly on time).
 */
const LATE_TOLERANCE = 1.25

/** A channel's bucket, and for voice and TTY one bucket per telephone exchange. */
export class ChannelThrottle {
  private readonly channel: TokenBucket
  private readonly exchanges = new Map<string, TokenBucket>()

  constructor(
    rate: number,
    private readonly exchangeRate: number | null,
    now: number,
  ) {
    // A fifth of a second of slack at the channel's rate (at least a quarter of a token).
    this.channel = new TokenBucket(rate, Math.max(LATE_TOLERANCE, rate / 5), now)
  }

  /** When an item of this exchange may go. */
  readyAt(exchange: string | null): number {
    const channelAt = this.channel.readyAt()
    if (exchange === null || this.exchangeRate === null) return channelAt
    const bucket = this.exchanges.get(exchange)
    return bucket ? Math.max(channelAt, bucket.readyAt()) : channelAt
  }

  take(exchange: string | null, now: number): void {
    this.channel.take(now)
    if (exchange === null || this.exchangeRate === null) return
    let bucket = this.exchanges.get(exchange)
    if (!bucket) {
      // No burst into an exchange: only a call running late may catch up a little.
      bucket = new TokenBucket(this.exchangeRate, LATE_TOLERANCE, now)
      this.exchanges.set(exchange, bucket)
    }
    bucket.take(now)
  }

  holdUntil(until: number): void {
    this.channel.holdUntil(until)
  }
}

/**
 * Which waiting item goes next: the first (in queue order) of those that can go soonest, so a
 * busy exchange holds back only its own calls.
 */
export function pickNext<T extends { exchange: string | null }>(
  waiting: readonly T[],
  throttle: ChannelThrottle,
): { index: number; at: number } | null {
  let best: { index: number; at: number } | null = null
  for (let index = 0; index < waiting.length; index++) {
    const at = throttle.readyAt(waiting[index]!.exchange)
    if (!best || at < best.at) best = { index, at }
  }
  return best
}
