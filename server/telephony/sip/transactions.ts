import type { SipClock, TimerHandle } from './clock.ts'
import { parseNameAddr, parseVia } from './headers.ts'
import { serialize, SipHeaders, type SipRequest, type SipResponse } from './message.ts'

/**
 * Server transactions (RFC 3261 §17.2, with RFC 6026's Accepted state): they absorb the
 * caller's retransmissions, retransmit final non-2xx responses over UDP (Timer G) until the ACK
 * (Timer H), and linger to answer late copies (Timers I, J, L). 2xx reliability belongs to the
 * UA core (dialogs), not to these.
 */

export const T1 = 500
export const T2 = 4000
export const T4 = 5000

export type TransportName = 'UDP' | 'TCP'

/** Where a request came from and where its responses go. */
export interface Peer {
  transport: TransportName
  address: string
  port: number
  /** The TCP connection it arrived on: responses go back over it. */
  connectionId?: string
}

export interface SipSender {
  send(peer: Peer, bytes: Buffer): void
}

type InviteState = 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated'
type PlainState = 'trying' | 'proceeding' | 'completed' | 'terminated'

export class ServerTransaction {
  state: InviteState | PlainState
  private lastResponse: Buffer | null = null
  private timers: TimerHandle[] = []

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly peer: Peer,
    private readonly owner: ServerTransactions,
  ) {
    this.state = request.method === 'INVITE' ? 'proceeding' : 'trying'
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE'
  }

  get finalSent(): boolean {
    return !['proceeding', 'trying'].includes(this.state)
  }

  /** Sends a response in the transaction; a final one moves it on (and starts its timers). */
  respond(response: SipResponse): void {
    if (this.state === 'terminated' || (this.finalSent && response.status >= 200)) return
    const bytes = serialize(response)
    this.lastResponse = bytes
    this.owner.sender.send(this.peer, bytes)
    if (response.status < 200) {
      this.state = 'proceeding'
      return
    }
    const reliable = this.peer.transport !== 'UDP'
    if (!this.isInvite) {
      this.state = 'completed'
      this.later(reliable ? 0 : 64 * T1, () => this.terminate())
    } else if (response.status < 300) {
      this.state = 'accepted'
      this.later(64 * T1, () => this.terminate())
    } else {
      this.state = 'completed'
      if (!reliable) this.retransmitFinal(T1)
      this.later(64 * T1, () => {
        if (this.state === 'completed') this.owner.events.ackTimeout?.(this)
        this.terminate()
      })
    }
  }

  private retransmitFinal(interval: number): void {
    this.later(interval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return
      this.owner.sender.send(this.peer, this.lastResponse)
      this.retransmitFinal(Math.min(2 * interval, T2))
    })
  }

  /** A copy of the request arrived again: answer it with what was last sent. */
  retransmitted(): void {
    if (this.state === 'proceeding' || this.state === 'completed') {
      if (this.lastResponse) this.owner.sender.send(this.peer, this.lastResponse)
    }
  }

  /** The ACK for a non-2xx final response. */
  acknowledged(): void {
    if (this.state !== 'completed') return
    this.clearTimers()
    this.state = 'confirmed'
    this.later(this.peer.transport === 'UDP' ? T4 : 0, () => this.terminate())
  }

  private later(ms: number, run: () => void): void {
    this.timers.push(this.owner.clock.after(ms, run))
  }

  private clearTimers(): void {
    for (const timer of this.timers) timer.cancel()
    this.timers = []
  }

  terminate(): void {
    this.clearTimers()
    this.state = 'terminated'
    this.owner.forget(this)
  }
}

export type Arrival =
  | { kind: 'new'; transaction: ServerTransaction }
  | { kind: 'absorbed' }
  /** An ACK that matches no transaction: the ACK for a 2xx, for the dialog layer. */
  | { kind: 'ack'; request: SipRequest }

export class ServerTransactions {
  private readonly table = new Map<string, ServerTransaction>()

  constructor(
    readonly clock: SipClock,
    readonly sender: SipSender,
    readonly events: { ackTimeout?: (transaction: ServerTransaction) => void } = {},
  ) {}

  /** Matches a request to its transaction (RFC 3261 §17.2.3) or starts a new one. */
  receive(request: SipRequest, peer: Peer): Arrival {
    const key = transactionKey(request)
    const existing = this.table.get(key)
    if (request.method === 'ACK') {
      if (existing?.isInvite && existing.state !== 'accepted') {
        existing.acknowledged()
        return { kind: 'absorbed' }
      }
      return { kind: 'ack', request }
    }
    if (existing) {
      existing.retransmitted()
      return { kind: 'absorbed' }
    }
    const transaction = new ServerTransaction(key, request, peer, this)
    this.table.set(key, transaction)
    return { kind: 'new', transaction }
  }

  /** The INVITE transaction a CANCEL names: same branch and sent-by, method INVITE. */
  inviteFor(cancel: SipRequest): ServerTransaction | undefined {
    return this.table.get(transactionKey(cancel, 'INVITE'))
  }

  forget(transaction: ServerTransaction): void {
    if (this.table.get(transaction.key) === transaction) this.table.delete(transaction.key)
  }

  get size(): number {
    return this.table.size
  }
}

/**
 * The key of a request's server transaction: branch + sent-by + method (ACK matches its INVITE);
 * for RFC 2543 peers without the magic cookie, Call-ID + From tag + CSeq number + top Via.
 */
export function transactionKey(request: SipRequest, method?: string): string {
  const topVia = request.headers.get('via') ?? ''
  const via = parseVia(topVia)
  const branch = via?.params.get('branch')
  const matchMethod = method ?? (request.method === 'ACK' ? 'INVITE' : request.method)
  if (via && branch?.startsWith('z9hG4bK')) {
    return `${branch}|${via.host}:${via.port ?? ''}|${matchMethod}`
  }
  const fromTag = parseNameAddr(request.headers.get('from') ?? '')?.params.get('tag') ?? ''
  const cseq = (request.headers.get('cseq') ?? '').split(/\s+/)[0] ?? ''
  return `2543|${request.headers.get('call-id') ?? ''}|${fromTag}|${cseq}|${topVia}|${matchMethod}`
}

/**
 * A response to a request (RFC 3261 §8.2.6): Via, From, Call-ID and CSeq copied, To copied with
 * our tag added when there is none yet.
 */
export function responseTo(
  request: SipRequest,
  status: number,
  reason: string,
  options: {
    toTag?: string
    headers?: Array<[string, string]>
    body?: { type: string; bytes: Buffer }
  } = {},
): SipResponse {
  const headers = new SipHeaders()
  for (const via of request.headers.getAll('via')) headers.add('Via', via)
  headers.add('From', request.headers.get('from') ?? '')
  let to = request.headers.get('to') ?? ''
  if (options.toTag && status !== 100 && !parseNameAddr(to)?.params.has('tag')) {
    to += `;tag=${options.toTag}`
  }
  headers.add('To', to)
  headers.add('Call-ID', request.headers.get('call-id') ?? '')
  headers.add('CSeq', request.headers.get('cseq') ?? '')
  for (const [name, value] of options.headers ?? []) headers.add(name, value)
  if (options.body) headers.add('Content-Type', options.body.type)
  return { kind: 'response', status, reason, headers, body: options.body?.bytes ?? Buffer.alloc(0) }
}
