import type { Logger } from 'pino'
import type { DatabaseHandle } from '../db/database.ts'
import type { CommitSignal } from '../http/context.ts'
import type { LogFollower } from './log-follower.ts'

export const EVENTS_CHANNEL = 'ecc_events'

/**
 * Tells every node that events have committed. This node's follower is woken at once; other
 * nodes hear one NOTIFY per tick at most, sent after commit and never from inside a write
 * transaction (a NOTIFY per row there serialises commits and halves write throughput).
 */
export class CommitNotifier implements CommitSignal {
  private pending = false
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly follower: LogFollower,
    private readonly nodeId: string,
    private readonly tickMs: number,
    private readonly log: Logger,
  ) {}

  /** Starts hearing the other nodes. */
  async listen(): Promise<void> {
    await this.handle.listen(
      EVENTS_CHANNEL,
      (sender) => {
        if (sender !== this.nodeId) this.follower.wake()
      },
      () => this.follower.wake(),
    )
  }

  committed(): void {
    this.follower.wake()
    if (this.pending) return
    this.pending = true
    this.timer = setTimeout(() => {
      this.pending = false
      this.timer = null
      this.handle.notify(EVENTS_CHANNEL, this.nodeId).catch((error: unknown) => {
        // The other nodes' safety poll still finds the events within a second.
        this.log.warn({ err: error }, 'could not signal other nodes')
      })
    }, this.tickMs)
    this.timer.unref()
  }

  /** Drops a pending signal: on shutdown the other nodes' safety poll covers it. */
  close(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
