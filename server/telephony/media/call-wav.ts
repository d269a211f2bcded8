import { readFile, writeFile } from 'node:fs/promises'
import type { Codec } from '../sip/sdp.ts'
import { SILENCE } from './stream-recorder.ts'

/** WAVE format tags for the G.711 laws: the line's own bytes are kept, never re-encoded. */
const FORMAT_TAG: Record<Codec, number> = { PCMA: 6, PCMU: 7 }

/**
 * A G.711 WAV with the given channels interleaved (caller left, call taker right): fmt (18
 * bytes, as non-PCM formats need), fact (the frame count) and data. A shorter channel is padded
 * with silence so that both stay aligned in time from the answer.
 */
export function g711Wav(codec: Codec, channels: Buffer[]): Buffer {
  const frames = Math.max(0, ...channels.map((channel) => channel.length))
  const count = channels.length
  const data = Buffer.alloc(frames * count, SILENCE[codec])
  channels.forEach((channel, index) => {
    for (let i = 0; i < channel.length; i++) data[i * count + index] = channel[i] as number
  })
  const header = Buffer.alloc(58)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(50 + data.length + (data.length % 2), 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(18, 16)
  header.writeUInt16LE(FORMAT_TAG[codec], 20)
  header.writeUInt16LE(count, 22)
  header.writeUInt32LE(8000, 24)
  header.writeUInt32LE(8000 * count, 28)
  header.writeUInt16LE(count, 32)
  header.writeUInt16LE(8, 34)
  header.writeUInt16LE(0, 36)
  header.write('fact', 38, 'ascii')
  header.writeUInt32LE(4, 42)
  header.writeUInt32LE(frames, 46)
  header.write('data', 50, 'ascii')
  header.writeUInt32LE(data.length, 54)
  const pad = data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)
  return Buffer.concat([header, data, pad])
}

/** Joins the two raw direction files of a call into its WAV. A missing file is silence. */
export async function writeCallWav(
  target: string,
  codec: Codec,
  rawPaths: string[],
): Promise<void> {
  const channels = await Promise.all(
    rawPaths.map((path) => readFile(path).catch(() => Buffer.alloc(0))),
  )
  await writeFile(target, g711Wav(codec, channels), { flush: true })
}
