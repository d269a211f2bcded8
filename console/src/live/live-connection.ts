import type { LiveEvent, LiveServerMessage } from '@common/api/events.ts'

export type ConnectionState = 'connecting' | 'catching_up' | 'live' | 'lost'

export interface LiveHandlers {
  /** Every event, in log order, exactly once across reconnects. */
  onEvent(event: LiveEvent): void
  /** Catch-up finished on a (re)connection: the stream is now live. */
  onLive(): void
  onState(state: ConnectionState, since: Date): void
  /** The server refused the stream for good (session gone): do not retry. */
  onRefused(reason: string): void
}

const RETRY_MS = [250, 500, 1000, 2000, 4000]
const ACK_EVERY_MS = 1000

/**
 * The console's end of /api/live. It remembers the position of the last event it applied and
 * resumes right after it on every reconnection, so a dropped connection loses nothing and
 * repeats nothing. A lost connection is retried at once, then with growing pauses.
 */
export class LiveConnection {
  private socket: WebSocket | null = null
  /** `end` until the server names the end of the log it started this console at. */
  private lastPosition = 'end'
  private acked = 'end'
  private attempt = 0
  private retryTimer: number | undefined
  private ackTimer: number | undefined
  private stopped = false
  private state: ConnectionState = 'connecting'

  constructor(private readonly handlers: LiveHandlers) {}

  /**
   * Starts following the log after `position`; by default at its end, because the store loads
   * its lists once the stream is live and needs no history.
   */
  start(position = 'end'): void {
    this.lastPosition = position
    this.acked = position
    this.stopped = false
    this.open()
    this.ackTimer = window.setInterval(() => this.ack(), ACK_EVERY_MS)
  }

  stop(): void {
    this.stopped = true
    window.clearTimeout(this.retryTimer)
    window.clearInterval(this.ackTimer)
    this.socket?.close(1000, 'console closed')
    this.socket = null
  }

  private open(): void {
    const url = new URL('/api/live', window.location.href)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    url.searchParams.set('after', this.lastPosition)
    const socket = new WebSocket(url)
    this.socket = socket
    let opened = false
    socket.onopen = () => {
      opened = true
      this.setState('catching_up')
    }
    socket.onmessage = (message: MessageEvent<string>) => {
      this.receive(JSON.parse(message.data) as LiveServerMessage)
    }
    socket.onclose = (close) => {
      if (this.socket !== socket) return
      this.socket = null
      if (this.stopped) return
      // The server ends the stream of a session that ended; a refused upgrade (401) looks like
      // a platform that is down, so the store asks about the session when retries fail.
      if (close.code === 4401) {
        this.handlers.onRefused(close.reason || 'the session ended')
        return
      }
      this.setState('lost')
      const pause = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!
      this.attempt += 1
      this.retryTimer = window.setTimeout(() => this.open(), opened ? 0 : pause)
      if (opened) this.attempt = 1
    }
  }

  private receive(message: LiveServerMessage): void {
    switch (message.type) {
      case 'hello':
        if (this.lastPosition === 'end') this.lastPosition = message.resumeFrom
        return
      case 'live':
        this.attempt = 0
        this.setState('live')
        this.handlers.onLive()
        return
      case 'event':
        this.lastPosition = message.event.position
        this.handlers.onEvent(message.event)
        return
      case 'error':
        console.warn('live stream:', message.code, message.message)
        return
    }
  }

  private ack(): void {
    if (this.acked === this.lastPosition || this.lastPosition === 'end') return
    if (this.socket?.readyState !== WebSocket.OPEN) return
    this.socket.send(JSON.stringify({ type: 'ack', position: this.lastPosition }))
    this.acked = this.lastPosition
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return
    this.state = state
    this.handlers.onState(state, new Date())
  }
}
