import { open, type FileHandle } from 'node:fs/promises'
import type { Codec } from '../sip/sdp.ts'
import type { RtpPacket } from './rtp.ts'

/** The byte of silence in each G.711 law. */
export const SILENCE: Record<Codec, number> = { PCMU: 0xff, PCMA: 0xd5 }

/** A timestamp jump larger than this (in samples, 1 minute) is a new timeline, not a gap. */
const MAX_GAP_SAMPLES = 8000 * 60

export interface StreamStats {
  packets: number
  /** Samples in the file: the stream's length, gaps included. */
  samples: number
  /** Sequence numbers that never arrived. */
  gaps: number
  /** Packets that arrived after a later one and were put back in their place. */
  reordered: number
  ssrcChanges: number
}

/**
 * One direction of a call's audio, written to a raw G.711 file as the packets arrive, so that a
 * crash leaves everything received so far on disk. Each packet is placed by its RTP timestamp:
 * lost packets become silence, late ones overwrite the silence they left, a new SSRC (a re-routed
 * call) continues where the audio stands.
 */
export class StreamRecorder {
  private file: Promise<FileHandle>
  private queue: Array<{ at: number; bytes: Buffer }> = []
  private draining: Promise<void> | null = null
  private base: number | null = null
  private ssrc: number | null = null
  private offsetBase = 0
  private end = 0
  private lastSequence: number | null = null
  private failed: Error | null = null
  readonly stats: StreamStats = { packets: 0, samples: 0, gaps: 0, reordered: 0, ssrcChanges: 0 }

  constructor(
    readonly path: string,
    readonly codec: Codec,
  ) {
    this.file = open(path, 'w')
  }

  write(packet: RtpPacket): void {
    if (packet.payload.length === 0) return
    if (this.ssrc !== packet.ssrc) {
      if (this.ssrc !== null) this.stats.ssrcChanges++
      this.ssrc = packet.ssrc
      this.base = packet.timestamp
      this.offsetBase = this.end
      this.lastSequence = null
    }
    const base = this.base ?? packet.timestamp
    let delta = (packet.timestamp - base) >>> 0
    // Older than the first packet of this stream: it cannot be placed.
    if (delta > 0x7fffffff) return
    if (this.offsetBase + delta > this.end + MAX_GAP_SAMPLES) {
      this.base = packet.timestamp
      this.offsetBase = this.end
      delta = 0
    }
    const position = this.offsetBase + delta
    this.countSequence(packet.sequence)
    this.stats.packets++
    const chunks: Array<{ at: number; bytes: Buffer }> = []
    if (position > this.end) {
      chunks.push({ at: this.end, bytes: Buffer.alloc(position - this.end, SILENCE[this.codec]) })
    }
    chunks.push({ at: position, bytes: Buffer.from(packet.payload) })
    this.end = Math.max(this.end, position + packet.payload.length)
    this.stats.samples = this.end
    this.queue.push(...chunks)
    this.draining ??= this.drain()
  }

  /**
   * Writes what has queued, in order; chunks that follow each other on disk go out as one write,
   * so a busy server makes fewer, larger writes instead of falling behind.
   */
  private async drain(): Promise<void> {
    try {
      const handle = await this.file
      while (this.queue.length > 0 && !this.failed) {
        for (const chunk of coalesce(this.queue.splice(0))) {
          await handle.write(chunk.bytes, 0, chunk.bytes.length, chunk.at)
        }
      }
    } catch (error) {
      this.failed = error as Error
    } finally {
      this.draining = null
    }
  }

  private countSequence(sequence: number): void {
    if (this.lastSequence === null) {
      this.lastSequence = sequence
      return
    }
    const step = (sequence - this.lastSequence) & 0xffff
    if (step === 0) return
    if (step < 0x8000) {
      this.stats.gaps += step - 1
      this.lastSequence = sequence
    } else {
      // A late packet: it fills one of the gaps counted before.
      this.stats.reordered++
      this.stats.gaps = Math.max(0, this.stats.gaps - 1)
    }
  }

  /** Waits for every write, flushes the file to disk and closes it. */
  async close(): Promise<StreamStats> {
    while (this.draining) await this.draining
    const handle = await this.file
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (this.failed) throw this.failed
    return this.stats
  }
}

/** Runs of chunks that continue one another become one buffer; an overlap starts a new run. */
function coalesce(
  chunks: Array<{ at: number; bytes: Buffer }>,
): Array<{ at: number; bytes: Buffer }> {
  const runs: Array<{ at: number; parts: Buffer[]; end: number }> = []
  for (const chunk of chunks) {
    const last = runs.at(-1)
    if (last && last.end === chunk.at) {
      last.parts.push(chunk.bytes)
      last.end += chunk.bytes.length
    } else runs.push({ at: chunk.at, parts: [chunk.bytes], end: chunk.at + chunk.bytes.length })
  }
  return runs.map((run) => ({
    at: run.at,
    bytes: run.parts.length === 1 ? (run.parts[0] as Buffer) : Buffer.concat(run.parts),
  }))
}
