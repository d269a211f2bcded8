import { createReadStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import type { Logger } from 'pino'
import type { AdditionalData, OfferCallBody } from '@common/api/calls.ts'
import type { LocationInput } from '@common/api/locations.ts'
import type { SipSettings } from '../config.ts'
import {
  appendDeliveredData,
  type DeliveredCall,
  offerDeliveredCall,
  raiseMediaAlert,
  receiveCallText,
  releaseCall,
} from '../domains/calls/index.ts'
import { verifyCivicAddress } from '../domains/geography/index.ts'
import { ingestRecording } from '../domains/recordings/index.ts'
import type { EventRow } from '../events/events.table.ts'
import type { LogFollower } from '../events/log-follower.ts'
import type { Ctx } from '../http/context.ts'
import { fetchByReference } from './ng911/by-reference.ts'
import { I3Log } from './ng911/i3-log.ts'
import type { AdditionalDataBlock } from './ng911/additional-data.ts'
import { readCallData, type Ng911CallData } from './ng911/call-data.ts'
import { toLocationInput } from './ng911/call-location.ts'
import { finishInterrupted } from './media/recovery.ts'
import { RtpSessions } from './media/rtp-sessions.ts'
import { TtyChannel } from './media/tty-channel.ts'
import { realClock, type SipClock } from './sip/clock.ts'
import { parseNameAddr } from './sip/headers.ts'
import type { SipRequest } from './sip/message.ts'
import { unwrapCpim } from './sip/multipart.ts'
import type { Peer } from './sip/transactions.ts'
import { SipTransport } from './sip/transport.ts'
import { UserAgent, type IncomingMessage, type OfferedCall } from './sip/user-agent.ts'

/**
 * The NG911 ingress: SIP and RTP on one side, the call domain on the other. A call rings (180)
 * while it waits in the queue and is answered (200) when a call taker answers it in the console;
 * this node follows the event log for that, so any node's console may answer it. Its audio is
 * recorded and attached to the call when it ends; its texts join the call's conversation.
 */
export interface TelephonyOptions {
  settings: SipSettings
  /** Where calls in progress write their audio (under the recordings folder). */
  workDir: string
  nodeId: string
  /** The center's domain: the i3 element and agency ids are made from it. */
  centerDomain: string
  ctx: () => Ctx
  follower: LogFollower
  log: Logger
  clock?: SipClock
}

export interface Telephony {
  /** The SIP port bound (UDP and TCP). */
  port: number
  stop(): Promise<void>
}

interface LiveCall {
  key: string
  /** The NENA ids and SIP Call-ID, for the i3 log. */
  ids: { callId: string | null; incidentId: string | null; sipCallId: string }
  codec: string
  callId: string | null
  test: boolean
  state: 'ringing' | 'answered' | 'ended'
  /** The caller left before the call record was written: release it once it is. */
  endedEarly: boolean
}

/** Service types (RFC 7852 ServiceInfo) as the class of service ALI would have given. */
const CLASS_OF_SERVICE: Record<string, string> = {
  wireless: 'WRLS',
  voip: 'VOIP',
  pots: 'RESD',
  mlts: 'BUSN',
  'mlts-hosted': 'BUSN',
  'mlts-local': 'BUSN',
  coin: 'PAY',
  telematics: 'TLMA',
}

export async function startTelephony(options: TelephonyOptions): Promise<Telephony> {
  const { settings, log } = options
  const clock = options.clock ?? realClock
  await mkdir(options.workDir, { recursive: true })
  const calls = new Map<string, LiveCall>()
  const byCallId = new Map<string, string>()
  /** Text-only conversations (MESSAGE outside any dialog): where replies go. */
  const textPeers = new Map<string, { to: string; peer: Peer; from: string }>()
  const textCallByCaller = new Map<string, string>()
  const pending = new Set<Promise<unknown>>()
  const track = (work: Promise<unknown>, what: string): void => {
    const running = work.catch((error: unknown) =>
      log.error({ err: error }, `telephony: ${what} failed`),
    )
    pending.add(running)
    void running.finally(() => pending.delete(running))
  }

  const i3 = I3Log.fromFile(
    log,
    { elementId: `psap.${options.centerDomain}`, agencyId: options.centerDomain },
    settings.i3LogKeyPath,
  )
  const rtp = new RtpSessions({
    host: settings.host === '0.0.0.0' ? '0.0.0.0' : settings.host,
    portMin: settings.rtpPortMin,
    portMax: settings.rtpPortMax,
    dir: options.workDir,
    clock,
    silenceMs: settings.silenceMs,
    onAudio: (key, codec, payload) => tty.hear(key, codec, payload),
    onResume: (key, quietMs) => {
      const callId = calls.get(key)?.callId
      if (callId) {
        const alert = { kind: 'resumed' as const, quietSeconds: Math.round(quietMs / 1000) }
        track(raiseMediaAlert(options.ctx(), callId, alert), 'media alert')
      }
    },
    onSilence: (key, quietMs) => {
      const callId = calls.get(key)?.callId
      if (callId) {
        track(
          raiseMediaAlert(options.ctx(), callId, {
            kind: 'silence',
            quietSeconds: Math.round(quietMs / 1000),
          }),
          'media alert',
        )
      }
    },
  })

  const tty = new TtyChannel({
    clock,
    onLine: (key, text) => {
      const callId = calls.get(key)?.callId
      if (callId) {
        track(receiveCallText(options.ctx(), callId, { channel: 'tty', body: text }), 'a TTY line')
      }
    },
    sendFrame: (key, payload) => rtp.send(key, payload),
  })

  let transport: SipTransport | null = null
  /** A call's state changed: the queue's subscribers (ESRPs) hear of it when it matters. */
  const moveTo = (live: LiveCall, state: LiveCall['state'], reason?: string): void => {
    live.state = state
    ua.queueStateChanged()
    if (state === 'answered') {
      i3.write('MediaStartLogEvent', live.ids, { codec: live.codec, media: 'audio' })
    }
    if (state === 'ended') i3.write('CallEndLogEvent', live.ids, { reason: reason ?? 'ended' })
  }
  const ringing = (): number =>
    [...calls.values()].filter((call) => call.state === 'ringing').length

  const ua: UserAgent = new UserAgent({
    clock,
    address: settings.advertisedAddress,
    get port() {
      return transport?.port ?? settings.port
    },
    sender: { send: (peer, bytes) => transport?.send(peer, bytes) },
    queueState: () => ({
      queueUri: `sip:psap-queue@${settings.advertisedAddress}:${transport?.port ?? settings.port}`,
      queueLength: ringing(),
      queueMaxLength: settings.queueMax,
      state:
        rtp.active >= settings.maxCalls
          ? 'ResourceExhausted'
          : ringing() >= settings.queueMax
            ? 'Full'
            : 'Active',
    }),
    events: {
      admit: () => {
        if (ringing() >= settings.queueMax) return 'busy'
        if (rtp.active >= settings.maxCalls) return 'overloaded'
        return 'accept'
      },
      openMedia: (key, audio) => rtp.open(key, audio),
      mediaPort: (key) => rtp.port(key),
      closeMedia: (key) => track(finishMedia(key), 'recording'),
      offered: (call) => track(offered(call), 'offering a call'),
      cancelled: (key) => track(ended(key, 'abandoned'), 'an abandoned call'),
      ended: (key, reason) => track(ended(key, reason), 'ending a call'),
      message: (message) => track(textMessage(message), 'a text'),
    },
  })

  async function offered(call: OfferedCall): Promise<void> {
    const data = readCallData(call.invite, call.parts, call.bodyProblem)
    const live: LiveCall = {
      key: call.key,
      ids: { callId: data.ids.callId, incidentId: data.ids.incidentId, sipCallId: data.sipCallId },
      codec: call.audio.codec,
      callId: null,
      test: data.isTestCall,
      state: 'ringing',
      endedEarly: false,
    }
    calls.set(call.key, live)
    ua.queueStateChanged()
    i3.write('CallStartLogEvent', live.ids, {
      from: data.ani,
      to: data.service,
      transport: call.peer.transport,
      test: data.isTestCall,
    })
    if (data.isTestCall) {
      // urn:service:test.sos: answered at once with the offered codec, never a call record.
      moveTo(live, 'answered')
      ua.answer(call.key)
      log.info({ sipCallId: data.sipCallId }, 'NG911 test call answered')
      return
    }
    const locations = await verifyDelivered(
      data.locations.map(toLocationInput).filter((l) => l !== null),
      data.problems,
    )
    const offer: OfferCallBody = {
      externalId: data.ids.callId ?? `sip:${data.sipCallId}`,
      line: '911',
      ...(data.ani ? { ani: data.ani } : {}),
      ...(data.callerName ? { callerName: data.callerName.slice(0, 120) } : {}),
      ...classOfService(data),
      trunk: `NG911 ${call.peer.transport}`,
      queue: queueOf(call.invite),
      ...(locations[0] ? { location: locations[0] } : {}),
    }
    const { call: view } = await offerDeliveredCall(options.ctx(), {
      offer,
      moreLocations: locations.slice(1),
      delivery: deliveryOf(data, call.invite, call.peer, options.nodeId, [
        ...data.problems,
        ...call.declinedStreams.map((kind) => `${kind} stream declined (not yet supported)`),
      ]),
    })
    live.callId = view.id
    byCallId.set(view.id, call.key)
    await rtp.label(call.key, view.id)
    if (live.endedEarly) {
      await releaseCall(options.ctx(), view.id)
      return
    }
    if (settings.autoAnswerMs !== null) {
      clock.after(settings.autoAnswerMs, () => {
        if (live.state === 'ringing' && ua.answer(call.key)) moveTo(live, 'answered')
      })
    }
    if (data.locationRefs.length > 0 || data.additionalDataRefs.length > 0) {
      track(dereference(view.id, data), 'fetching data by reference')
    }
  }

  /**
   * Delivered civic addresses checked against the center's address points and MSAG: a verified
   * one takes its normalised form and its point (the delivered floor, unit and landmark kept);
   * one that is not found stays as delivered, with a problem saying so.
   */
  async function verifyDelivered(
    locations: LocationInput[],
    problems: string[],
  ): Promise<LocationInput[]> {
    return Promise.all(
      locations.map(async (location) => {
        if (!location.civic) return location
        const result = await verifyCivicAddress(options.ctx(), location.civic).catch(() => null)
        if (result?.status === 'verified' && result.match) {
          return {
            ...location,
            civic: { ...location.civic, ...result.match.address },
            ...(result.match.point && !location.point ? { point: result.match.point } : {}),
          }
        }
        problems.push(
          `location: the delivered address "${result?.input ?? ''}" is ${result?.status ?? 'unchecked'}: verify it`,
        )
        return location
      }),
    )
  }

  /** Location (HELD) and additional data (ADR) by reference, added to the call when they come. */
  async function dereference(callId: string, data: Ng911CallData): Promise<void> {
    const fetched = await fetchByReference(data.locationRefs, data.additionalDataRefs)
    const ids = {
      callId: data.ids.callId,
      incidentId: data.ids.incidentId,
      sipCallId: data.sipCallId,
    }
    for (const uri of data.locationRefs) {
      i3.write('LocationQueryLogEvent', ids, {
        uri,
        protocol: 'HELD',
        locations: fetched.locations.length,
        problems: fetched.problems.filter((p) => p.includes(uri)),
      })
    }
    await appendDeliveredData(options.ctx(), callId, {
      locations: fetched.locations.map(toLocationInput).filter((l) => l !== null),
      additionalData: fetched.additionalData.map(shownBlock),
      problems: fetched.problems,
    })
  }

  async function ended(key: string, reason: string): Promise<void> {
    const live = calls.get(key)
    if (!live || live.state === 'ended') return
    moveTo(live, 'ended', reason)
    if (live.test) return
    if (!live.callId) {
      live.endedEarly = true
      return
    }
    await releaseCall(options.ctx(), live.callId)
  }

  /** The call's two directions as one WAV, attached to the call as its recording. */
  async function finishMedia(key: string): Promise<void> {
    tty.end(key)
    const media = await rtp.close(key)
    const live = calls.get(key)
    // Keep the map small: the call is over for this node once its media is written.
    clock.after(60_000, () => {
      calls.delete(key)
      if (live?.callId) byCallId.delete(live.callId)
    })
    if (!media) return
    if (live) {
      i3.write('MediaEndLogEvent', live.ids, {
        media: 'audio',
        packets: media.caller.packets,
        gaps: media.caller.gaps,
        dtmf: media.dtmf,
      })
    }
    if (live?.test || media.caller.packets + media.taker.packets === 0) {
      await Promise.all([rm(media.wavPath, { force: true }), rm(media.labelPath, { force: true })])
      return
    }
    if (!live?.callId) {
      log.error({ wav: media.wavPath }, 'a recording has no call record: kept in the work folder')
      return
    }
    await ingestRecording(options.ctx(), {
      callId: live.callId,
      source: 'sip',
      contentType: 'audio/wav',
      body: createReadStream(media.wavPath),
    })
    await Promise.all([rm(media.wavPath, { force: true }), rm(media.labelPath, { force: true })])
    log.info(
      { callId: live.callId, packets: media.caller.packets, gaps: media.caller.gaps },
      'call recording attached',
    )
  }

  /** The audio of calls this node had in progress when it stopped, attached to their calls. */
  async function attachInterrupted(): Promise<void> {
    for (const found of await finishInterrupted(options.workDir)) {
      if (!found.callId) {
        log.error(
          { wav: found.wavPath },
          'audio of an interrupted call without a call record: kept',
        )
        continue
      }
      try {
        await ingestRecording(options.ctx(), {
          callId: found.callId,
          source: 'sip',
          contentType: 'audio/wav',
          body: createReadStream(found.wavPath),
        })
        await Promise.all([
          rm(found.wavPath, { force: true }),
          rm(found.labelPath, { force: true }),
        ])
        log.warn({ callId: found.callId }, 'recording of an interrupted call attached')
      } catch (error) {
        log.error(
          { err: error, wav: found.wavPath },
          'recording of an interrupted call not attached: kept',
        )
      }
    }
  }

  /** SIP MESSAGE: inside a call's dialog it joins that call; alone it opens (or continues) a text call. */
  async function textMessage(message: IncomingMessage): Promise<void> {
    const parts = message.parts.flatMap((part) =>
      part.contentType?.type === 'message/cpim' ? unwrapCpim(part) : [part],
    )
    const text = parts
      .filter((part) => !part.contentType || part.contentType.type === 'text/plain')
      .map((part) => part.body.toString('utf8').trim())
      .filter(Boolean)
      .join('\n')
    if (message.callKey) {
      const callId = calls.get(message.callKey)?.callId
      if (callId && text) {
        await receiveCallText(options.ctx(), callId, {
          channel: 'sip_message',
          body: text.slice(0, 4000),
        })
      }
      return
    }
    const data = readCallData(message.request, parts, message.bodyProblem)
    const caller =
      data.ani ?? parseNameAddr(message.request.headers.get('from') ?? '')?.uri ?? 'unknown'
    let callId = textCallByCaller.get(caller) ?? null
    if (!callId) {
      const locations = data.locations.map(toLocationInput).filter((l) => l !== null)
      const { call } = await offerDeliveredCall(options.ctx(), {
        offer: {
          externalId: `sip-text:${data.sipCallId}`,
          line: '911',
          ...(data.ani ? { ani: data.ani } : {}),
          trunk: 'NG911 text',
          queue: queueOf(message.request),
          ...(locations[0] ? { location: locations[0] } : {}),
        },
        moreLocations: locations.slice(1),
        delivery: deliveryOf(data, message.request, message.peer, options.nodeId, data.problems),
      })
      callId = call.id
      textCallByCaller.set(caller, callId)
    }
    textPeers.set(callId, {
      to: message.request.headers.get('from') ?? '',
      peer: message.peer,
      from: caller,
    })
    if (text) {
      await receiveCallText(options.ctx(), callId, {
        channel: 'sip_message',
        body: text.slice(0, 4000),
      })
    }
  }

  /** Follows the log: an answer or a hang-up in any console, a reply typed to the caller. */
  function follow(rows: EventRow[]): void {
    for (const row of rows) {
      const payload = row.payload as {
        callId?: string
        direction?: string
        channel?: string
        body?: string
      }
      const callId = payload.callId
      if (!callId) continue
      const key = byCallId.get(callId)
      if (row.type === 'call.answered' && key) {
        const live = calls.get(key)
        if (live?.state === 'ringing' && ua.answer(key)) moveTo(live, 'answered')
      } else if ((row.type === 'call.released' || row.type === 'call.closed') && key) {
        const live = calls.get(key)
        if (live && live.state !== 'ended') {
          moveTo(live, 'ended', 'released by the center')
          ua.hangUp(key)
        }
      } else if (
        row.type === 'call.text' &&
        payload.direction === 'to_caller' &&
        payload.channel === 'tty'
      ) {
        const codec = key ? rtp.codec(key) : null
        if (key && codec) tty.say(key, codec, payload.body ?? '')
      } else if (
        row.type === 'call.text' &&
        payload.direction === 'to_caller' &&
        payload.channel === 'sip_message'
      ) {
        const body = payload.body ?? ''
        if (key) ua.sendText({ callKey: key }, body)
        else {
          const peer = textPeers.get(callId)
          if (peer) ua.sendText({ to: peer.to, peer: peer.peer }, body)
        }
      } else if (row.type === 'call.closed') {
        const peer = textPeers.get(callId)
        if (peer) {
          textPeers.delete(callId)
          textCallByCaller.delete(peer.from)
        }
      }
    }
  }
  options.follower.onEvents(follow)

  transport = new SipTransport({
    host: settings.host,
    port: settings.port,
    maxBodyBytes: settings.maxBodyBytes,
    onMessage: (message, peer) => {
      if (message.kind === 'request') ua.receiveRequest(message, peer)
      else ua.receiveResponse(message)
    },
    onProblem: (problem, peer) =>
      log.warn({ peer: `${peer.transport} ${peer.address}:${peer.port}` }, `SIP: ${problem}`),
  })
  await attachInterrupted()
  await transport.start()
  log.info(
    {
      host: settings.host,
      port: transport.port,
      rtp: `${settings.rtpPortMin}-${settings.rtpPortMax}`,
    },
    'NG911 SIP ingress listening (UDP and TCP)',
  )

  return {
    port: transport.port,
    async stop() {
      await transport?.stop()
      await rtp.closeAll()
      await Promise.allSettled([...pending])
    },
  }
}

function classOfService(data: Ng911CallData): Pick<OfferCallBody, 'classOfService'> {
  const service = data.additionalData.find((block) => block.block === 'ServiceInfo')
  const type = service?.fields.find((field) => field.name === 'ServiceType')?.value.toLowerCase()
  const mapped = type ? CLASS_OF_SERVICE[type] : undefined
  return mapped ? { classOfService: mapped } : {}
}

/** The queue the ESRP chose: the Request-URI's user part (psap-queue@…). */
function queueOf(request: SipRequest): string | undefined {
  const user = /^sips?:([^@;]+)@/i.exec(request.uri)?.[1]
  return user ? user.slice(0, 64) : undefined
}

/** What the call domain keeps of a delivered request: no SIP types, the raw bytes as evidence. */
function deliveryOf(
  data: Ng911CallData,
  request: SipRequest,
  peer: Peer,
  nodeId: string,
  problems: string[],
): DeliveredCall['delivery'] {
  return {
    transport: peer.transport,
    sipCallId: data.sipCallId,
    emergencyCallId: data.ids.callId,
    emergencyIncidentId: data.ids.incidentId,
    service: data.service,
    rawMessage: rawMessage(request),
    additionalData: data.additionalData.map(shownBlock),
    problems,
    nodeId,
  }
}

/** A block as the call taker sees it: its fields, not its raw document. */
function shownBlock({
  raw: _raw,
  contentType: _type,
  ...shown
}: AdditionalDataBlock): AdditionalData {
  return shown
}

/** The request as it arrived (rebuilt from its parts only when the bytes were not kept). */
function rawMessage(request: SipRequest): Buffer {
  if (request.raw) return request.raw
  const lines = [
    `${request.method} ${request.uri} SIP/2.0`,
    ...request.headers.list().map(({ name, value }) => `${name}: ${value}`),
  ]
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n'), request.body])
}
