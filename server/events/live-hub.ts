import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { LiveEvent, LiveServerMessage } from '@common/api/events.ts'
import type { Database } from '../db/schema.ts'
import { canSee, type Viewer } from './audience.ts'
import type { EventRow } from './events.table.ts'
import {
  readEventRange,
  findConsumerPosition,
  upsertConsumerPositions,
} from './event-log.repository.ts'
import { positionOf, type LogFollower } from './log-follower.ts'
import {
  comparePositions,
  formatPosition,
  parsePosition,
  type LogPosition,
} from './log-position.ts'

const CATCH_UP_BATCH = 500
const ACK_FLUSH_MS = 500
/** A console that cannot keep up is cut off; it reconnects and resumes from its position. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024

export interface LiveSocket {
  send(data: string): void
  close(code: number, reason: string): void
  readonly bufferedAmount: number
  readonly readyState: number
  /** Holds frames until `uncork`, so a batch of events leaves in one write (one system call). */
  cork?(): void
  uncork?(): void
}

interface Subscriber {
  socket: LiveSocket
  viewer: Viewer
  sessionId: string
  consumerId: string
  /** The position up to which this console has been sent everything it may see. */
  cursor: LogPosition
  live: boolean
}

const OPEN = 1

/**
 * Pushes the log to consoles. A console resumes after the position it names (or the one it last
 * acknowledged); it is sent the missed events from the database, then switched to the live
 * feed in the same turn of the event loop, so nothing falls between the two.
 */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>()
  private readonly pendingAcks = new Map<
    string,
    { consumer_id: string; user_id: string; position: string }
  >()
  private readonly ackTimer: NodeJS.Timeout

  constructor(
    private readonly db: Kysely<Database>,
    private readonly follower: LogFollower,
    private readonly log: Logger,
  ) {
    follower.onEvents((rows) => this.fanOut(rows))
    this.ackTimer = setInterval(() => void this.flushAcks(), ACK_FLUSH_MS)
    this.ackTimer.unref()
  }

  get size(): number {
    return this.subscribers.size
  }

  /**
   * Adds a console. `after` is the position the console last applied (`end`: the end of the
   * log); without it, the one it last acknowledged; without that, the end of the log.
   */
  async connect(
    socket: LiveSocket,
    viewer: Viewer,
    sessionId: string,
    after: string | undefined,
  ): Promise<{ close: () => void; ack: (position: string) => boolean }> {
    const consumerId = `${viewer.userId}:${viewer.positionId ?? '-'}`
    const stored = after === undefined ? await findConsumerPosition(this.db, consumerId) : null
    // The follower reads what committed before this moment first: a console that names no
    // position starts at the true end of the log, and one that does is caught up to it.
    await this.follower.sync()
    const named = after === 'end' ? null : (after ?? stored)
    const start = parsePosition(named ?? '') ?? this.follower.head
    const subscriber: Subscriber = {
      socket,
      viewer,
      sessionId,
      consumerId,
      cursor: start,
      live: false,
    }
    this.subscribers.add(subscriber)
    send(subscriber, { type: 'hello', resumeFrom: formatPosition(start) })
    await this.catchUp(subscriber)
    return {
      close: () => this.subscribers.delete(subscriber),
      ack: (position) => this.ack(subscriber, position),
    }
  }

  /** Closes the consoles of sessions that ended or went idle. */
  disconnectSessions(isOpen: (sessionId: string) => boolean): void {
    for (const subscriber of this.subscribers) {
      if (!isOpen(subscriber.sessionId)) {
        subscriber.socket.close(4401, 'session ended')
        this.subscribers.delete(subscriber)
      }
    }
  }

  sessionIds(): string[] {
    return [...new Set([...this.subscribers].map((s) => s.sessionId))]
  }

  async close(): Promise<void> {
    clearInterval(this.ackTimer)
    for (const subscriber of this.subscribers) subscriber.socket.close(1001, 'server shutting down')
    this.subscribers.clear()
    await this.flushAcks()
  }

  private async catchUp(subscriber: Subscriber): Promise<void> {
    while (comparePositions(subscriber.cursor, this.follower.head) < 0) {
      const upTo = this.follower.head
      const rows = await readEventRange(this.db, subscriber.cursor, upTo, CATCH_UP_BATCH)
      if (!this.subscribers.has(subscriber)) return
      subscriber.socket.cork?.()
      for (const row of rows) {
        if (canSee(subscriber.viewer, audienceOf(row))) send(subscriber, eventMessage(row))
      }
      subscriber.socket.uncork?.()
      subscriber.cursor = rows.length === CATCH_UP_BATCH ? positionOf(rows[rows.length - 1]!) : upTo
    }
    // No await between the check above and this line: the follower cannot emit in between.
    subscriber.live = true
    send(subscriber, { type: 'live', position: formatPosition(subscriber.cursor) })
  }

  private fanOut(rows: EventRow[]): void {
    if (this.subscribers.size === 0) return
    const messages = rows.map((row) => ({ row, position: positionOf(row), text: '' }))
    for (const subscriber of this.subscribers) {
      if (!subscriber.live) continue
      subscriber.socket.cork?.()
      for (const message of messages) {
        if (comparePositions(message.position, subscriber.cursor) <= 0) continue
        if (canSee(subscriber.viewer, audienceOf(message.row))) {
          // Serialised once per event, not once per console.
          message.text ||= JSON.stringify(eventMessage(message.row))
          sendText(subscriber, message.text)
        }
        subscriber.cursor = message.position
      }
      subscriber.socket.uncork?.()
    }
  }

  private ack(subscriber: Subscriber, position: string): boolean {
    if (!parsePosition(position)) return false
    this.pendingAcks.set(subscriber.consumerId, {
      consumer_id: subscriber.consumerId,
      user_id: subscriber.viewer.userId,
      position,
    })
    return true
  }

  /** Acknowledgements are written in batches: a console's own `after` is the exact resume point. */
  private async flushAcks(): Promise<void> {
    if (this.pendingAcks.size === 0) return
    const rows = [...this.pendingAcks.values()]
    this.pendingAcks.clear()
    try {
      await upsertConsumerPositions(this.db, rows)
    } catch (error) {
      this.log.warn({ err: error }, 'could not store console positions')
    }
  }

  static toLiveEvent(row: EventRow): LiveEvent {
    return {
      position: formatPosition(positionOf(row)),
      type: row.type as LiveEvent['type'],
      stream: row.stream,
      payload: row.payload as LiveEvent['payload'],
      at: row.occurred_at.toISOString(),
      actorUserId: row.actor_user_id,
      actorPositionId: row.actor_position_id,
    }
  }
}

function audienceOf(row: EventRow) {
  return {
    roles: row.audience_roles,
    agencyIds: row.audience_agency_ids,
    positionId: row.audience_position_id,
  }
}

function eventMessage(row: EventRow): LiveServerMessage {
  return { type: 'event', event: LiveHub.toLiveEvent(row) }
}

function send(subscriber: Subscriber, message: LiveServerMessage): void {
  sendText(subscriber, JSON.stringify(message))
}

function sendText(subscriber: Subscriber, text: string): void {
  const { socket } = subscriber
  if (socket.readyState !== OPEN) return
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.close(4008, 'console too slow: reconnect to resume')
    return
  }
  socket.send(text)
}
