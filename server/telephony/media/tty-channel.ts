import { ALAW_TABLE, linearToAlaw, linearToMulaw, MULAW_TABLE } from '../../audio/g711.ts'
import { encodeTty, TtyDecoder } from '../../audio/tty-baudot.ts'
import type { SipClock, TimerHandle } from '../sip/clock.ts'
import type { Codec } from '../sip/sdp.ts'

/**
 * TTY on a call's audio: the caller's tones are decoded as they arrive and handed over a line at
 * a time (at a carriage return, or after a pause in typing); the call taker's replies are played
 * back as tones, one 20 ms frame at a time, as RTP paces them.
 */
export interface TtyChannelOptions {
  clock: SipClock
  /** A line of text the caller typed. */
  onLine(key: string, text: string): void
  /** Sends one 20 ms frame of G.711 to the caller. */
  sendFrame(key: string, payload: Buffer): void
  /** How long a pause in typing ends a line (ms). */
  pauseMs?: number
}

interface CallTty {
  decoder: TtyDecoder
  line: string
  flush: TimerHandle | null
  outgoing: Buffer[]
  pacing: TimerHandle | null
}

const FRAME = 160

export class TtyChannel {
  private readonly calls = new Map<string, CallTty>()

  constructor(private readonly options: TtyChannelOptions) {}

  /** The caller's audio, one RTP payload. */
  hear(key: string, codec: Codec, payload: Buffer): void {
    const call = this.callOf(key)
    const table = codec === 'PCMU' ? MULAW_TABLE : ALAW_TABLE
    const samples = new Int16Array(payload.length)
    for (let i = 0; i < payload.length; i++) samples[i] = table[payload[i] as number] as number
    const text = call.decoder.push(samples)
    if (!text) return
    call.line += text
    const lines = call.line.split(/\r\n|\r|\n/)
    call.line = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) this.options.onLine(key, line.trim())
    call.flush?.cancel()
    call.flush = this.options.clock.after(this.options.pauseMs ?? 2000, () => this.flushLine(key))
  }

  /** The call taker's reply, played as TTY tones. */
  say(key: string, codec: Codec, text: string): void {
    const call = this.callOf(key)
    const samples = encodeTty(text)
    const encode = codec === 'PCMU' ? linearToMulaw : linearToAlaw
    const bytes = Buffer.from(Array.from(samples, (sample) => encode(sample)))
    for (let i = 0; i < bytes.length; i += FRAME) {
      const frame = Buffer.alloc(FRAME, codec === 'PCMU' ? 0xff : 0xd5)
      bytes.copy(frame, 0, i, Math.min(bytes.length, i + FRAME))
      call.outgoing.push(frame)
    }
    if (!call.pacing) this.pace(key, call)
  }

  end(key: string): void {
    const call = this.calls.get(key)
    if (!call) return
    this.flushLine(key)
    call.flush?.cancel()
    call.pacing?.cancel()
    this.calls.delete(key)
  }

  private pace(key: string, call: CallTty): void {
    const frame = call.outgoing.shift()
    if (!frame) {
      call.pacing = null
      return
    }
    this.options.sendFrame(key, frame)
    call.pacing = this.options.clock.after(20, () => this.pace(key, call))
  }

  private flushLine(key: string): void {
    const call = this.calls.get(key)
    if (!call) return
    const line = call.line.trim()
    call.line = ''
    if (line) this.options.onLine(key, line)
  }

  private callOf(key: string): CallTty {
    let call = this.calls.get(key)
    if (!call) {
      call = { decoder: new TtyDecoder(), line: '', flush: null, outgoing: [], pacing: null }
      this.calls.set(key, call)
    }
    return call
  }
}
