import { randomBytes } from 'node:crypto'
import type { SipClock, TimerHandle } from './clock.ts'
import { parseNameAddr } from './headers.ts'
import { SipHeaders, type SipRequest } from './message.ts'
import { responseTo, type Peer, type ServerTransaction } from './transactions.ts'

/**
 * The `emergency-QueueState` notifier (NENA i3, STA-010.3): an ESRP subscribes to learn whether
 * this PSAP's queue can take calls, and routes around it when it is Full before sending an
 * INVITE. SUBSCRIBE (RFC 6665) → 200, then a NOTIFY with the state as JSON now and on every
 * change, until the subscription expires or is ended with Expires: 0.
 */
export const QUEUE_STATE_EVENT = 'emergency-QueueState'

export type QueueStateName =
  'Active' | 'Standby' | 'Full' | 'Inactive' | 'Disabled' | 'ResourceExhausted'

export interface QueueState {
  queueUri: string
  queueLength: number
  queueMaxLength: number
  state: QueueStateName
}

export interface RequestSender {
  sendRequest(
    target: Peer,
    method: string,
    uri: string,
    headers: SipHeaders,
    body?: { type: string; bytes: Buffer },
  ): void
}

interface Subscription {
  callId: string
  localTag: string
  from: string
  to: string
  remoteTarget: string
  routeSet: string[]
  peer: Peer
  cseq: number
  expiresAt: number
  timer: TimerHandle | null
  lastBody: string | null
}

const MAX_EXPIRES = 3600
const DEFAULT_EXPIRES = 3600

export class QueueStateNotifier {
  private readonly subscriptions = new Map<string, Subscription>()

  constructor(
    private readonly sender: RequestSender,
    private readonly clock: SipClock,
    private readonly current: () => QueueState,
  ) {}

  get count(): number {
    return this.subscriptions.size
  }

  /** Whether an in-dialog request belongs to one of our subscriptions. */
  owns(request: SipRequest, toTag: string): boolean {
    return this.subscriptions.has(key(request.headers.get('call-id') ?? '', toTag))
  }

  /** A new SUBSCRIBE, a refresh, or an unsubscribe (Expires: 0). */
  subscribe(request: SipRequest, transaction: ServerTransaction): void {
    const event = (request.headers.get('event') ?? '').split(';')[0]?.trim()
    if (event?.toLowerCase() !== QUEUE_STATE_EVENT.toLowerCase()) {
      transaction.respond(
        responseTo(request, 489, 'Bad Event', { headers: [['Allow-Events', QUEUE_STATE_EVENT]] }),
      )
      return
    }
    const asked = Number(request.headers.get('expires') ?? DEFAULT_EXPIRES)
    const expires = Number.isFinite(asked)
      ? Math.max(0, Math.min(MAX_EXPIRES, Math.floor(asked)))
      : DEFAULT_EXPIRES
    const toTag = parseNameAddr(request.headers.get('to') ?? '')?.params.get('tag')
    const callId = request.headers.get('call-id') ?? ''
    let subscription = toTag ? this.subscriptions.get(key(callId, toTag)) : undefined
    if (toTag && !subscription) {
      transaction.respond(responseTo(request, 481, 'Subscription Does Not Exist'))
      return
    }
    if (!subscription) {
      const localTag = randomBytes(6).toString('hex')
      subscription = {
        callId,
        localTag,
        from: `${request.headers.get('to') ?? ''};tag=${localTag}`,
        to: request.headers.get('from') ?? '',
        remoteTarget:
          parseNameAddr(request.headers.get('contact') ?? '')?.uri ??
          parseNameAddr(request.headers.get('from') ?? '')?.uri ??
          '',
        routeSet: request.headers.getAll('record-route'),
        peer: transaction.peer,
        cseq: 0,
        expiresAt: 0,
        timer: null,
        lastBody: null,
      }
      this.subscriptions.set(key(callId, localTag), subscription)
    }
    transaction.respond(
      responseTo(request, 200, 'OK', {
        toTag: subscription.localTag,
        headers: [
          ['Expires', String(expires)],
          ['Contact', `<${parseNameAddr(request.uri)?.uri ?? request.uri}>`],
        ],
      }),
    )
    subscription.timer?.cancel()
    if (expires === 0) {
      this.notify(subscription, 'terminated;reason=timeout')
      this.subscriptions.delete(key(callId, subscription.localTag))
      return
    }
    subscription.expiresAt = this.clock.now() + expires * 1000
    const ending = subscription
    subscription.timer = this.clock.after(expires * 1000, () => {
      this.notify(ending, 'terminated;reason=timeout')
      this.subscriptions.delete(key(ending.callId, ending.localTag))
    })
    this.notify(subscription, `active;expires=${expires}`)
  }

  /** Tells every subscriber the state, when it changed since the last NOTIFY they got. */
  changed(): void {
    for (const subscription of this.subscriptions.values()) {
      const remaining = Math.max(0, Math.round((subscription.expiresAt - this.clock.now()) / 1000))
      this.notify(subscription, `active;expires=${remaining}`, true)
    }
  }

  private notify(subscription: Subscription, state: string, onlyIfChanged = false): void {
    const body = JSON.stringify(this.current())
    if (onlyIfChanged && body === subscription.lastBody) return
    subscription.lastBody = body
    subscription.cseq++
    const headers = new SipHeaders()
    for (const route of subscription.routeSet) headers.add('Route', route)
    headers.add('From', subscription.from)
    headers.add('To', subscription.to)
    headers.add('Call-ID', subscription.callId)
    headers.add('CSeq', `${subscription.cseq} NOTIFY`)
    headers.add('Event', QUEUE_STATE_EVENT)
    headers.add('Subscription-State', state)
    this.sender.sendRequest(subscription.peer, 'NOTIFY', subscription.remoteTarget, headers, {
      type: 'application/json',
      bytes: Buffer.from(body),
    })
  }
}

function key(callId: string, localTag: string): string {
  return `${callId}|${localTag}`
}
