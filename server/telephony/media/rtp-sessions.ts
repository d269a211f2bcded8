import dgram from 'node:dgram'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SipClock, TimerHandle } from '../sip/clock.ts'
import type { AudioAgreement, Codec } from '../sip/sdp.ts'
import { writeCallWav } from './call-wav.ts'
import { DtmfCollector, parseRtp } from './rtp.ts'
import { StreamRecorder, type StreamStats } from './stream-recorder.ts'

/**
 * The audio of each call: one UDP port per call from a pool of even ports (RFC 3550: RTCP on
 * the odd one above), the caller's packets recorded as they arrive, the call taker's side (what
 * the center sends: TTY tones, later the position's voice) recorded as it leaves, and at the end
 * one two-channel WAV. A stream that goes quiet raises an alert; it never ends a 911 call.
 */
export interface RtpSessionsOptions {
  host: string
  portMin: number
  portMax: number
  /** Where the raw files of calls in progress are written (recoverable after a crash). */
  dir: string
  clock: SipClock
  /** No packet from the caller for this long (ms) raises `onSilence`. */
  silenceMs: number
  onSilence(key: string, quietForMs: number): void
  /** Audio again after a silence alert. */
  onResume?(key: string, quietForMs: number): void
  onDtmf?(key: string, digit: string): void
  onAudio?(key: string, codec: Codec, payload: Buffer): void
}

export interface FinishedMedia {
  wavPath: string
  /** The file naming the call record (removed with the WAV once it is attached). */
  labelPath: string
  codec: Codec
  caller: StreamStats
  taker: StreamStats
  dtmf: string
}

interface Session {
  key: string
  port: number
  socket: dgram.Socket
  audio: AudioAgreement
  caller: StreamRecorder
  taker: StreamRecorder
  dtmf: DtmfCollector
  lastPacketAt: number
  silenceTimer: TimerHandle | null
  silenceRaised: boolean
  remote: { address: string; port: number } | null
  sent: { sequence: number; timestamp: number; ssrc: number }
}

export class RtpSessions {
  private readonly sessions = new Map<string, Session>()
  private readonly used = new Set<number>()
  private next: number

  constructor(private readonly options: RtpSessionsOptions) {
    this.next = evenAtLeast(options.portMin)
  }

  get active(): number {
    return this.sessions.size
  }

  /**
   * Opens the call's port while it rings, so the first packets after the 200 are caught. A port
   * another process holds is skipped for the next free one.
   */
  open(key: string, audio: AudioAgreement): void {
    const base = path.join(this.options.dir, safeName(key))
    const session: Session = {
      key,
      port: 0,
      socket: dgram.createSocket('udp4'),
      audio,
      caller: new StreamRecorder(`${base}.caller.${audio.codec.toLowerCase()}`, audio.codec),
      taker: new StreamRecorder(`${base}.taker.${audio.codec.toLowerCase()}`, audio.codec),
      dtmf: new DtmfCollector(),
      lastPacketAt: this.options.clock.now(),
      silenceTimer: null,
      silenceRaised: false,
      remote: audio.remotePort ? { address: audio.remoteAddress, port: audio.remotePort } : null,
      sent: {
        sequence: Math.floor(Math.random() * 0xffff),
        timestamp: Math.floor(Math.random() * 0xffffffff),
        ssrc: Math.floor(Math.random() * 0xffffffff),
      },
    }
    this.sessions.set(key, session)
    this.bind(session, 0)
    this.watchSilence(session)
  }

  /** The codec agreed for the call. */
  codec(key: string): Codec | null {
    return this.sessions.get(key)?.audio.codec ?? null
  }

  /** The port the call's audio is received on. */
  port(key: string): number {
    return this.sessions.get(key)?.port ?? 0
  }

  private bind(session: Session, attempt: number): void {
    session.port = this.allocate()
    const socket = attempt === 0 ? session.socket : dgram.createSocket('udp4')
    session.socket = socket
    socket.once('error', () => {
      this.used.delete(session.port)
      socket.close()
      if (attempt < 20 && this.sessions.get(session.key) === session) {
        this.bind(session, attempt + 1)
      }
    })
    socket.bind(session.port, this.options.host, () => {
      socket.removeAllListeners('error')
      socket.on('error', () => undefined)
      socket.on('message', (datagram, remote) => this.packet(session, datagram, remote))
    })
  }

  /** Audio the center sends to the caller (one 20 ms frame of G.711), recorded on the taker side. */
  send(key: string, payload: Buffer): void {
    const session = this.sessions.get(key)
    if (!session?.remote) return
    const header = Buffer.alloc(12)
    header[0] = 0x80
    header[1] = session.audio.payloadType
    header.writeUInt16BE(session.sent.sequence, 2)
    header.writeUInt32BE(session.sent.timestamp >>> 0, 4)
    header.writeUInt32BE(session.sent.ssrc >>> 0, 8)
    session.taker.write({
      payloadType: session.audio.payloadType,
      marker: false,
      sequence: session.sent.sequence,
      timestamp: session.sent.timestamp,
      ssrc: session.sent.ssrc,
      payload,
    })
    session.socket.send(
      Buffer.concat([header, payload]),
      session.remote.port,
      session.remote.address,
    )
    session.sent.sequence = (session.sent.sequence + 1) & 0xffff
    session.sent.timestamp = (session.sent.timestamp + payload.length) >>> 0
  }

  /**
   * Names the call record the audio belongs to, beside the raw files: after a crash the audio of
   * the calls in progress is finished and attached from these (see `recovery.ts`).
   */
  async label(key: string, callId: string): Promise<void> {
    await writeFile(`${path.join(this.options.dir, safeName(key))}${LABEL}`, callId)
  }

  /** Closes the port and joins both directions into the call's WAV (raw files removed after). */
  async close(key: string): Promise<FinishedMedia | null> {
    const session = this.sessions.get(key)
    if (!session) return null
    this.sessions.delete(key)
    session.silenceTimer?.cancel()
    await new Promise<void>((resolve) => session.socket.close(() => resolve()))
    this.used.delete(session.port)
    const [caller, taker] = await Promise.all([session.caller.close(), session.taker.close()])
    const wavPath = path.join(this.options.dir, `${safeName(key)}.wav`)
    await writeCallWav(wavPath, session.audio.codec, [session.caller.path, session.taker.path])
    await Promise.all([
      rm(session.caller.path, { force: true }),
      rm(session.taker.path, { force: true }),
    ])
    return {
      wavPath,
      labelPath: path.join(this.options.dir, `${safeName(key)}${LABEL}`),
      codec: session.audio.codec,
      caller,
      taker,
      dtmf: session.dtmf.keys.map((k) => k.key).join(''),
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((key) => this.close(key).catch(() => null)))
  }

  private packet(session: Session, datagram: Buffer, remote: dgram.RemoteInfo): void {
    const packet = parseRtp(datagram)
    if (!packet) return
    // Symmetric RTP: answer where the caller's audio comes from (NAT, late offer).
    session.remote = { address: remote.address, port: remote.port }
    const now = this.options.clock.now()
    if (session.silenceRaised) {
      session.silenceRaised = false
      this.options.onResume?.(session.key, now - session.lastPacketAt)
    }
    session.lastPacketAt = now
    if (packet.payloadType === session.audio.dtmfPayloadType) {
      const digit = session.dtmf.add(packet)
      if (digit) this.options.onDtmf?.(session.key, digit)
      return
    }
    if (packet.payloadType !== session.audio.payloadType) return
    session.caller.write(packet)
    this.options.onAudio?.(session.key, session.audio.codec, packet.payload)
  }

  private watchSilence(session: Session): void {
    session.silenceTimer = this.options.clock.after(this.options.silenceMs, () => {
      if (!this.sessions.has(session.key)) return
      const quiet = this.options.clock.now() - session.lastPacketAt
      if (quiet >= this.options.silenceMs && !session.silenceRaised) {
        session.silenceRaised = true
        this.options.onSilence(session.key, quiet)
      }
      this.watchSilence(session)
    })
  }

  private allocate(): number {
    const span = Math.floor((this.options.portMax - this.options.portMin) / 2) + 1
    for (let tried = 0; tried < span; tried++) {
      const port = this.next
      this.next += 2
      if (this.next > this.options.portMax) this.next = evenAtLeast(this.options.portMin)
      if (!this.used.has(port)) {
        this.used.add(port)
        return port
      }
    }
    throw new Error('no RTP port free')
  }
}

function evenAtLeast(port: number): number {
  return port % 2 === 0 ? port : port + 1
}

/** Beside a call's audio files: the id of its call record. */
export const LABEL = '.call'

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)
}
