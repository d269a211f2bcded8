/**
 * Timers behind an interface, so that the RFC 3261 timer behaviour (32 s of retransmissions)
 * is tested in microseconds on a fake clock.
 */
export interface TimerHandle {
  cancel(): void
}

export interface SipClock {
  now(): number
  after(ms: number, run: () => void): TimerHandle
}

export const realClock: SipClock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms)
    timer.unref()
    return { cancel: () => clearTimeout(timer) }
  },
}

/** A clock that moves only when told: `advance(ms)` runs every timer due, in order. */
export class FakeClock implements SipClock {
  private time = 0
  private timers: Array<{ at: number; seq: number; run: () => void; cancelled: boolean }> = []
  private seq = 0

  now(): number {
    return this.time
  }

  after(ms: number, run: () => void): TimerHandle {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, run, cancelled: false }
    this.timers.push(timer)
    return {
      cancel: () => {
        timer.cancelled = true
      },
    }
  }

  advance(ms: number): void {
    const target = this.time + ms
    for (;;) {
      const due = this.timers
        .filter((timer) => !timer.cancelled && timer.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!due) break
      due.cancelled = true
      this.time = due.at
      due.run()
    }
    this.timers = this.timers.filter((timer) => !timer.cancelled)
    this.time = target
  }

  get pending(): number {
    return this.timers.filter((timer) => !timer.cancelled).length
  }
}
