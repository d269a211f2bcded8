import { randomBytes } from 'node:crypto'
import type { SipClock, TimerHandle } from './clock.ts'
import { parseNameAddr, parseVia, splitHostPort } from './headers.ts'
import { serialize, SipHeaders, type SipRequest, type SipResponse } from './message.ts'
import { QueueStateNotifier, type QueueState } from './queue-state.ts'
import { bodyParts, MultipartError, type BodyPart } from './multipart.ts'
import { answerOffer, parseSdp, SdpError, type AudioAgreement, type SdpOffer } from './sdp.ts'
import {
  responseTo,
  ServerTransactions,
  T1,
  T2,
  type Peer,
  type SipSender,
  type ServerTransaction,
} from './transactions.ts'

/**
 * The PSAP's SIP user agent (server side, RFC 3261 §8.2, §12–§15): admits or refuses INVITEs,
 * rings them (180) until a call taker answers (200), keeps the dialogs, answers CANCEL, BYE,
 * OPTIONS and MESSAGE, retransmits its 2xx until the ACK, and hangs up on request. It speaks
 * only SIP: what a call is to the center is decided by the adapter behind `UserAgentEvents`.
 */

export const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, UPDATE, INFO, SUBSCRIBE'
export const ACCEPT =
  'application/sdp, application/pidf+xml, multipart/mixed, multipart/related, text/plain, message/cpim'

/** A call as the INVITE offered it, for the adapter. */
export interface OfferedCall {
  key: string
  invite: SipRequest
  peer: Peer
  parts: BodyPart[]
  /** Set when the body could not be split: the call goes on, the problem is shown. */
  bodyProblem: string | null
  audio: AudioAgreement
  declinedStreams: string[]
}

export interface IncomingMessage {
  request: SipRequest
  peer: Peer
  parts: BodyPart[]
  bodyProblem: string | null
  /** The dialog's call when the MESSAGE came inside one. */
  callKey: string | null
}

export type Admission = 'accept' | 'busy' | 'overloaded'

export interface UserAgentEvents {
  /** Whether a new call may be queued: 486 when the queue is full, 503 when overloaded. */
  admit(invite: SipRequest): Admission
  /** A media port for the call's audio, opened for the agreed codec. */
  openMedia(key: string, audio: AudioAgreement): void
  /** The port the call's media listens on, put in the SDP of the 200. */
  mediaPort(key: string): number
  closeMedia(key: string): void
  offered(call: OfferedCall): void
  /** CANCEL before the answer: an abandoned call. */
  cancelled(key: string, reason: string | null): void
  answered?(key: string): void
  ended(key: string, reason: 'caller_hangup' | 'no_ack' | 'local_hangup'): void
  message(message: IncomingMessage): void
}

interface Dialog {
  key: string
  callId: string
  localTag: string
  remoteTag: string
  peer: Peer
  invite: SipRequest
  inviteTransaction: ServerTransaction | null
  routeSet: string[]
  remoteTarget: string
  remoteCSeq: number
  localCSeq: number
  state: 'ringing' | 'answering' | 'confirmed' | 'ended'
  offer: SdpOffer | null
  answerSdp: string | null
  sdpVersion: number
  sessionId: number
  retransmit: TimerHandle | null
  giveUp: TimerHandle | null
  lastOk: Buffer | null
}

export interface UserAgentOptions {
  clock: SipClock
  sender: SipSender
  /** Address put in Contact and SDP (the one the peer reaches us on). */
  address: string
  port: number
  retryAfterSeconds?: number
  events: UserAgentEvents
  /** The queue's state for `emergency-QueueState` subscribers; no notifier without it. */
  queueState?: () => QueueState
}

export class UserAgent {
  readonly transactions: ServerTransactions
  private readonly dialogs = new Map<string, Dialog>()
  private readonly pendingRequests = new Map<
    string,
    { retry: TimerHandle | null; done: () => void }
  >()

  private readonly queueState: QueueStateNotifier | null

  constructor(private readonly options: UserAgentOptions) {
    this.transactions = new ServerTransactions(options.clock, options.sender)
    this.queueState = options.queueState
      ? new QueueStateNotifier(this, options.clock, options.queueState)
      : null
  }

  /** The queue changed (a call came, was answered or left): subscribers hear of it. */
  queueStateChanged(): void {
    this.queueState?.changed()
  }

  get calls(): number {
    return [...this.dialogs.values()].filter((dialog) => dialog.state !== 'ended').length
  }

  /** A request from the transport. */
  receiveRequest(request: SipRequest, peer: Peer): void {
    if (!hasMandatoryHeaders(request)) {
      if (request.method !== 'ACK' && request.headers.has('via')) {
        this.statelessReply(request, peer, 400, 'Bad Request - missing mandatory header')
      }
      return
    }
    const arrival = this.transactions.receive(request, peer)
    if (arrival.kind === 'absorbed') return
    if (arrival.kind === 'ack') {
      this.dialogAck(request)
      return
    }
    const transaction = arrival.transaction
    const maxForwards = Number(request.headers.get('max-forwards') ?? '70')
    if (maxForwards <= 0 && request.method !== 'ACK') {
      transaction.respond(responseTo(request, 483, 'Too Many Hops'))
      return
    }
    const unsupported = (request.headers.getAll('require') ?? []).filter(
      (option) => !['timer'].includes(option.toLowerCase()),
    )
    if (unsupported.length > 0 && request.method !== 'CANCEL') {
      transaction.respond(
        responseTo(request, 420, 'Bad Extension', {
          headers: [['Unsupported', unsupported.join(', ')]],
        }),
      )
      return
    }
    const toTag = parseNameAddr(request.headers.get('to') ?? '')?.params.get('tag')
    if (toTag) {
      this.inDialog(request, transaction, toTag)
      return
    }
    switch (request.method) {
      case 'INVITE':
        this.invite(request, transaction)
        return
      case 'CANCEL':
        this.cancel(request, transaction)
        return
      case 'OPTIONS':
        transaction.respond(this.optionsReply(request))
        return
      case 'MESSAGE':
        this.message(request, transaction, null)
        return
      case 'BYE':
      case 'UPDATE':
      case 'INFO':
        transaction.respond(responseTo(request, 481, 'Call/Transaction Does Not Exist'))
        return
      case 'SUBSCRIBE':
        if (this.queueState) {
          this.queueState.subscribe(request, transaction)
          return
        }
        transaction.respond(responseTo(request, 489, 'Bad Event'))
        return
      case 'REGISTER':
      case 'PUBLISH':
      case 'REFER':
      case 'NOTIFY':
        transaction.respond(
          responseTo(request, 405, 'Method Not Allowed', { headers: [['Allow', ALLOW]] }),
        )
        return
      default:
        transaction.respond(
          responseTo(request, 501, 'Not Implemented', { headers: [['Allow', ALLOW]] }),
        )
    }
  }

  /** A response from the transport: to one of our own requests (BYE). */
  receiveResponse(response: SipResponse): void {
    const branch = parseVia(response.headers.get('via') ?? '')?.params.get('branch')
    if (!branch || response.status < 200) return
    const pending = this.pendingRequests.get(branch)
    if (!pending) return
    pending.retry?.cancel()
    this.pendingRequests.delete(branch)
    pending.done()
  }

  /** The call taker answered: 200 with the SDP answer, retransmitted until the ACK. */
  answer(key: string): boolean {
    const dialog = this.dialogs.get(key)
    if (!dialog || dialog.state !== 'ringing' || !dialog.inviteTransaction) return false
    const local = {
      address: this.options.address,
      port: this.options.events.mediaPort(key),
      sessionId: dialog.sessionId,
    }
    dialog.answerSdp = dialog.offer
      ? (answerOffer(dialog.offer, local)?.text ??
        lateOffer(local.address, local.port, local.sessionId))
      : lateOffer(local.address, local.port, local.sessionId)
    const ok = this.dialogResponse(dialog, dialog.invite, 200, 'OK', dialog.answerSdp)
    dialog.inviteTransaction.respond(ok)
    dialog.state = 'answering'
    dialog.lastOk = serialize(ok)
    this.retransmitOk(dialog, T1)
    dialog.giveUp = this.options.clock.after(64 * T1, () => {
      if (dialog.state !== 'answering') return
      this.stopRetransmit(dialog)
      this.sendBye(dialog)
      this.end(dialog, 'no_ack')
    })
    this.options.events.answered?.(key)
    return true
  }

  /** The call taker hung up (or a ringing call is refused locally): BYE, or 480 while ringing. */
  hangUp(key: string): boolean {
    const dialog = this.dialogs.get(key)
    if (!dialog || dialog.state === 'ended') return false
    if (dialog.state === 'ringing') {
      dialog.inviteTransaction?.respond(
        this.dialogResponse(dialog, dialog.invite, 480, 'Temporarily Unavailable'),
      )
    } else {
      this.stopRetransmit(dialog)
      this.sendBye(dialog)
    }
    this.end(dialog, 'local_hangup')
    return true
  }

  private invite(request: SipRequest, transaction: ServerTransaction): void {
    const events = this.options.events
    transaction.respond(responseTo(request, 100, 'Trying'))
    const admission = events.admit(request)
    if (admission === 'busy') {
      transaction.respond(responseTo(request, 486, 'Busy Here', { toTag: newTag() }))
      return
    }
    if (admission === 'overloaded') {
      const retry = String(this.options.retryAfterSeconds ?? 30)
      transaction.respond(
        responseTo(request, 503, 'Service Unavailable', {
          toTag: newTag(),
          headers: [['Retry-After', retry]],
        }),
      )
      return
    }
    let parts: BodyPart[] = []
    let bodyProblem: string | null = null
    try {
      parts =
        request.body.length > 0 ? bodyParts(request.headers.get('content-type'), request.body) : []
    } catch (error) {
      bodyProblem = error instanceof MultipartError ? error.message : 'unreadable body'
    }
    const sdpPart = parts.find((part) => part.contentType?.type === 'application/sdp')
    const localTag = newTag()
    const key = dialogKey(request.headers.get('call-id') ?? '', localTag)
    const sessionId = Math.floor(this.options.clock.now() / 1000) + Math.floor(Math.random() * 1e6)
    let offer: SdpOffer | null = null
    let audio: AudioAgreement | null = null
    let declined: string[] = []
    if (sdpPart) {
      try {
        offer = parseSdp(sdpPart.body.toString('utf8'))
      } catch (error) {
        bodyProblem ??= error instanceof SdpError ? `SDP: ${error.message}` : 'unreadable SDP'
      }
      const probe = offer
        ? answerOffer(offer, { address: this.options.address, port: 0, sessionId })
        : null
      if (offer && !probe) {
        transaction.respond(
          responseTo(request, 488, 'Not Acceptable Here', {
            toTag: localTag,
            headers: [['Warning', `305 ${this.options.address} "Incompatible media format"`]],
          }),
        )
        return
      }
      audio = probe?.audio ?? null
      declined = probe?.declined ?? []
    }
    if (!audio) {
      // No usable offer in the INVITE (late offer or a broken body): G.711 is offered in the 200
      // and the media latches on to whatever the caller sends (symmetric RTP).
      offer = null
      audio = {
        codec: 'PCMU',
        payloadType: 0,
        dtmfPayloadType: 101,
        remoteAddress: '',
        remotePort: 0,
        direction: 'sendrecv',
      }
    }
    events.openMedia(key, audio)
    const from = parseNameAddr(request.headers.get('from') ?? '')
    const contact = parseNameAddr(request.headers.get('contact') ?? '')
    const dialog: Dialog = {
      key,
      callId: request.headers.get('call-id') ?? '',
      localTag,
      remoteTag: from?.params.get('tag') ?? '',
      peer: transaction.peer,
      invite: request,
      inviteTransaction: transaction,
      routeSet: request.headers.getAll('record-route'),
      remoteTarget: contact?.uri ?? from?.uri ?? '',
      remoteCSeq: cseqNumber(request),
      localCSeq: 1,
      state: 'ringing',
      offer,
      answerSdp: null,
      sdpVersion: 1,
      sessionId,
      retransmit: null,
      giveUp: null,
      lastOk: null,
    }
    this.dialogs.set(key, dialog)
    transaction.respond(this.dialogResponse(dialog, request, 180, 'Ringing'))
    events.offered({
      key,
      invite: request,
      peer: transaction.peer,
      parts,
      bodyProblem,
      audio,
      declinedStreams: declined,
    })
  }

  private cancel(request: SipRequest, transaction: ServerTransaction): void {
    const invite = this.transactions.inviteFor(request)
    if (!invite) {
      transaction.respond(responseTo(request, 481, 'Call/Transaction Does Not Exist'))
      return
    }
    const dialog = [...this.dialogs.values()].find((d) => d.inviteTransaction === invite)
    transaction.respond(responseTo(request, 200, 'OK', { toTag: dialog?.localTag }))
    if (invite.finalSent || !dialog) return
    invite.respond(this.dialogResponse(dialog, dialog.invite, 487, 'Request Terminated'))
    const reason = request.headers.get('reason') ?? null
    this.end(dialog, null)
    this.options.events.cancelled(dialog.key, reason)
  }

  private inDialog(request: SipRequest, transaction: ServerTransaction, toTag: string): void {
    if (request.method === 'SUBSCRIBE' && this.queueState?.owns(request, toTag)) {
      this.queueState.subscribe(request, transaction)
      return
    }
    const dialog = this.dialogs.get(dialogKey(request.headers.get('call-id') ?? '', toTag))
    if (!dialog || dialog.state === 'ended') {
      transaction.respond(responseTo(request, 481, 'Call/Transaction Does Not Exist'))
      return
    }
    const cseq = cseqNumber(request)
    if (cseq <= dialog.remoteCSeq && request.method !== 'ACK') {
      transaction.respond(responseTo(request, 500, 'Server Internal Error - CSeq out of order'))
      return
    }
    dialog.remoteCSeq = cseq
    switch (request.method) {
      case 'BYE':
        transaction.respond(responseTo(request, 200, 'OK'))
        this.stopRetransmit(dialog)
        this.end(dialog, 'caller_hangup')
        return
      case 'INVITE': {
        // A re-INVITE (session refresh, hold): the same media, a new SDP version.
        dialog.sdpVersion++
        const sdp =
          dialog.answerSdp?.replace(/^o=(\S+) (\d+) (\d+)/m, `o=$1 $2 ${dialog.sdpVersion}`) ?? null
        transaction.respond(this.dialogResponse(dialog, request, 200, 'OK', sdp))
        return
      }
      case 'MESSAGE':
        this.message(request, transaction, dialog.key)
        return
      case 'OPTIONS':
        transaction.respond(this.optionsReply(request))
        return
      case 'UPDATE':
      case 'INFO':
        transaction.respond(responseTo(request, 200, 'OK'))
        return
      default:
        transaction.respond(
          responseTo(request, 405, 'Method Not Allowed', { headers: [['Allow', ALLOW]] }),
        )
    }
  }

  private message(
    request: SipRequest,
    transaction: ServerTransaction,
    callKey: string | null,
  ): void {
    let parts: BodyPart[] = []
    let bodyProblem: string | null = null
    try {
      parts = bodyParts(request.headers.get('content-type'), request.body)
    } catch (error) {
      bodyProblem = error instanceof MultipartError ? error.message : 'unreadable body'
    }
    transaction.respond(responseTo(request, 200, 'OK', { toTag: newTag() }))
    this.options.events.message({ request, peer: transaction.peer, parts, bodyProblem, callKey })
  }

  private dialogAck(ack: SipRequest): void {
    const toTag = parseNameAddr(ack.headers.get('to') ?? '')?.params.get('tag')
    const dialog = toTag
      ? this.dialogs.get(dialogKey(ack.headers.get('call-id') ?? '', toTag))
      : undefined
    if (!dialog || dialog.state !== 'answering') return
    this.stopRetransmit(dialog)
    dialog.state = 'confirmed'
  }

  private retransmitOk(dialog: Dialog, interval: number): void {
    dialog.retransmit = this.options.clock.after(interval, () => {
      if (dialog.state !== 'answering' || !dialog.lastOk) return
      this.options.sender.send(dialog.peer, dialog.lastOk)
      this.retransmitOk(dialog, Math.min(2 * interval, T2))
    })
  }

  private stopRetransmit(dialog: Dialog): void {
    dialog.retransmit?.cancel()
    dialog.giveUp?.cancel()
    dialog.retransmit = null
    dialog.giveUp = null
  }

  private end(dialog: Dialog, reason: 'caller_hangup' | 'no_ack' | 'local_hangup' | null): void {
    if (dialog.state === 'ended') return
    dialog.state = 'ended'
    this.options.events.closeMedia(dialog.key)
    // Late retransmissions of the BYE get 481 after this: the dialog is forgotten.
    this.options.clock.after(64 * T1, () => this.dialogs.delete(dialog.key))
    if (reason) this.options.events.ended(dialog.key, reason)
  }

  /** A BYE inside the dialog, telling why. */
  private sendBye(dialog: Dialog): void {
    this.sendInDialog(dialog, 'BYE', [
      ['Reason', 'SIP;cause=200;text="Call completed by the PSAP"'],
    ])
  }

  /**
   * Text to the caller: inside the call's dialog when there is one, else page mode to the
   * address the caller's MESSAGE came from (RFC 3428). False when there is nowhere to send it.
   */
  sendText(target: { callKey: string } | { to: string; peer: Peer }, text: string): boolean {
    const body = { type: 'text/plain;charset=UTF-8', bytes: Buffer.from(text, 'utf8') }
    if ('callKey' in target) {
      const dialog = this.dialogs.get(target.callKey)
      if (!dialog || dialog.state === 'ended') return false
      this.sendInDialog(dialog, 'MESSAGE', [], body)
      return true
    }
    const headers = new SipHeaders()
    headers.add('From', `<sip:psap@${this.options.address}>;tag=${newTag()}`)
    headers.add('To', target.to)
    headers.add('Call-ID', `${randomBytes(10).toString('hex')}@${this.options.address}`)
    headers.add('CSeq', '1 MESSAGE')
    this.sendRequest(
      target.peer,
      'MESSAGE',
      parseNameAddr(target.to)?.uri ?? target.to,
      headers,
      body,
    )
    return true
  }

  /** A request inside the dialog, along its route set. */
  private sendInDialog(
    dialog: Dialog,
    method: string,
    extra: Array<[string, string]>,
    body?: { type: string; bytes: Buffer },
  ): void {
    dialog.localCSeq++
    const headers = new SipHeaders()
    for (const route of dialog.routeSet) headers.add('Route', route)
    headers.add('From', withTag(dialog.invite.headers.get('to') ?? '', dialog.localTag))
    headers.add('To', dialog.invite.headers.get('from') ?? '')
    headers.add('Call-ID', dialog.callId)
    headers.add('CSeq', `${dialog.localCSeq} ${method}`)
    for (const [name, value] of extra) headers.add(name, value)
    this.sendRequest(this.dialogTarget(dialog), method, dialog.remoteTarget, headers, body)
  }

  /** Sends a request of ours, retransmitted over UDP (Timer E) until a final response. */
  sendRequest(
    target: Peer,
    method: string,
    uri: string,
    headers: SipHeaders,
    body?: { type: string; bytes: Buffer },
  ): void {
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`
    const all = new SipHeaders()
    all.add(
      'Via',
      `SIP/2.0/${target.transport} ${this.options.address}:${this.options.port};branch=${branch};rport`,
    )
    all.add('Max-Forwards', '70')
    for (const { name, value } of headers.list()) all.add(name, value)
    if (body) all.add('Content-Type', body.type)
    const bytes = serialize({
      kind: 'request',
      method,
      uri,
      headers: all,
      body: body?.bytes ?? Buffer.alloc(0),
    })
    this.options.sender.send(target, bytes)
    const pending: { retry: TimerHandle | null; done: () => void } = {
      retry: null,
      done: () => undefined,
    }
    this.pendingRequests.set(branch, pending)
    const started = this.options.clock.now()
    const retry = (interval: number): void => {
      pending.retry = this.options.clock.after(interval, () => {
        if (!this.pendingRequests.has(branch)) return
        if (this.options.clock.now() - started >= 64 * T1) {
          this.pendingRequests.delete(branch)
          return
        }
        this.options.sender.send(target, bytes)
        retry(Math.min(2 * interval, T2))
      })
    }
    if (target.transport === 'UDP') retry(T1)
    else {
      pending.retry = this.options.clock.after(64 * T1, () => this.pendingRequests.delete(branch))
    }
  }

  /** The first loose route of the route set, else the remote target; over TCP, the same connection. */
  private dialogTarget(dialog: Dialog): Peer {
    if (dialog.peer.transport !== 'UDP') return dialog.peer
    const next = dialog.routeSet[0] ? parseNameAddr(dialog.routeSet[0])?.uri : dialog.remoteTarget
    const hostPort = next ? /^sips?:(?:[^@;>]*@)?([^;>?]+)/i.exec(next)?.[1] : undefined
    if (!hostPort) return dialog.peer
    const { host, port } = splitHostPort(hostPort)
    return { transport: 'UDP', address: host, port: port ?? 5060 }
  }

  private dialogResponse(
    dialog: Dialog,
    request: SipRequest,
    status: number,
    reason: string,
    sdp: string | null = null,
  ): SipResponse {
    const headers: Array<[string, string]> = []
    if (status < 300 && request.method === 'INVITE') {
      for (const route of dialog.routeSet) headers.push(['Record-Route', route])
      const transport = dialog.peer.transport === 'TCP' ? ';transport=tcp' : ''
      headers.push([
        'Contact',
        `<sip:psap@${this.options.address}:${this.options.port}${transport}>`,
      ])
      headers.push(['Allow', ALLOW])
    }
    return responseTo(request, status, reason, {
      toTag: dialog.localTag,
      headers,
      body:
        sdp && status === 200 ? { type: 'application/sdp', bytes: Buffer.from(sdp) } : undefined,
    })
  }

  private optionsReply(request: SipRequest): SipResponse {
    return responseTo(request, 200, 'OK', {
      toTag: newTag(),
      headers: [
        ['Allow', ALLOW],
        ['Accept', ACCEPT],
        ['Supported', 'timer'],
      ],
    })
  }

  /** A reply outside any transaction: for requests too broken to key one. */
  private statelessReply(request: SipRequest, peer: Peer, status: number, reason: string): void {
    this.options.sender.send(peer, serialize(responseTo(request, status, reason)))
  }
}

function hasMandatoryHeaders(request: SipRequest): boolean {
  return (
    ['via', 'from', 'to', 'call-id', 'cseq'].every((name) => request.headers.has(name)) &&
    /^\d+ [A-Z]+$/i.test(request.headers.get('cseq') ?? '')
  )
}

function cseqNumber(request: SipRequest): number {
  return Number((request.headers.get('cseq') ?? '0').split(/\s+/)[0]) || 0
}

function dialogKey(callId: string, localTag: string): string {
  return `${callId}|${localTag}`
}

function newTag(): string {
  return randomBytes(6).toString('hex')
}

function withTag(nameAddr: string, tag: string): string {
  return parseNameAddr(nameAddr)?.params.has('tag') ? nameAddr : `${nameAddr};tag=${tag}`
}

function lateOffer(address: string, port: number, sessionId: number): string {
  return [
    'v=0',
    `o=ecc ${sessionId} 1 IN IP4 ${address}`,
    's=-',
    `c=IN IP4 ${address}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n')
}
