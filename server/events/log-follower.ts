import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { EventRow } from './events.table.ts'
import { readCommittedEvents } from './event-log.repository.ts'
import { START, type LogPosition } from './log-position.ts'

const BATCH = 500
const SAFETY_POLL_MS = 1000
const HELD_RETRY_MS = [1, 2, 5, 10, 20, 50]
/** How long `sync` waits for events held back by another running transaction. */
const SYNC_MAX_WAIT_MS = 1000

export type EventBatchListener = (rows: EventRow[], head: LogPosition) => void

export function positionOf(row: Pick<EventRow, 'tx' | 'id'>): LogPosition {
  return { tx: BigInt(row.tx), id: BigInt(row.id) }
}

/**
 * Follows the event log for this node: one reader, however many consoles. Woken by local commits
 * and by other nodes' NOTIFY; polls once a second as well, so a lost notification only delays.
 */
export class LogFollower {
  head: LogPosition = START
  private readonly listeners: EventBatchListener[] = []
  private running = false
  private again = false
  private heldRetries = 0
  private timer: NodeJS.Timeout | null = null
  private retryTimer: NodeJS.Timeout | null = null
  private stopped = false
  private syncWaiters: (() => void)[] = []
  private current: Promise<void> = Promise.resolve()
  private lastReadHeld = false
  private failed = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
  ) {}

  onEvents(listener: EventBatchListener): void {
    this.listeners.push(listener)
  }

  /** Starts at the end of the committed log: consoles catch up on what came before themselves. */
  async start(): Promise<void> {
    const last = await sql<{ tx: string; id: string }>`
      select tx::text as tx, id from events
      where tx < pg_snapshot_xmin(pg_current_snapshot())
      order by tx desc, id desc limit 1`.execute(this.db)
    const row = last.rows[0]
    if (row) this.head = positionOf(row)
    this.timer = setInterval(() => this.wake(), SAFETY_POLL_MS)
    this.timer.unref()
  }

  /** Stops following; resolves once a read in progress has finished. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    for (const resolve of this.syncWaiters.splice(0)) resolve()
    await this.current
  }

  /**
   * Resolves once a read that began after this call has finished with nothing held back, so the
   * head then covers every event committed before the call. Events held behind another running
   * transaction (anywhere in the cluster) are waited for up to a second, then left to the feed.
   */
  sync(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, SYNC_MAX_WAIT_MS)
      timer.unref()
      this.syncWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
      this.wake()
    })
  }

  /** Reads what has committed since the head. Calls made while a read runs fold into one more read. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    this.current = this.drain()
      .then(() => {
        this.failed = false
      })
      .catch((error: unknown) => {
        this.failed = true
        this.log.error({ err: error }, 'event log read failed; retrying')
        this.again = false
        this.scheduleRetry(1000)
      })
      .finally(() => {
        this.running = false
        // A wake that came after the loop's last check still needs its read.
        if (this.again && !this.stopped) return this.wake()
        // Every waiter registered before the last read began. While events are held the
        // retry timer reads again; after a failed read waiters go on with the head as it is.
        if (!this.lastReadHeld || this.failed) {
          for (const resolve of this.syncWaiters.splice(0)) resolve()
        }
      })
  }

  private async drain(): Promise<void> {
    let held = false
    do {
      this.again = false
      const read = await readCommittedEvents(this.db, this.head, BATCH)
      const rows = read.rows
      held = read.held
      this.lastReadHeld = held
      if (rows.length > 0) {
        this.head = positionOf(rows[rows.length - 1]!)
        for (const listener of this.listeners) listener(rows, this.head)
        if (rows.length === BATCH) this.again = true
      }
    } while (this.again && !this.stopped)
    // Events whose transaction committed while an older one still runs wait below the horizon;
    // that older transaction may write no event, so nobody would wake us: look again shortly.
    if (held) {
      const delay = HELD_RETRY_MS[Math.min(this.heldRetries++, HELD_RETRY_MS.length - 1)]!
      this.scheduleRetry(delay)
    } else {
      this.heldRetries = 0
    }
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer || this.stopped) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.wake()
    }, ms)
    this.retryTimer.unref()
  }
}
