import { createReadStream } from 'node:fs'
import { ALAW_TABLE, MULAW_TABLE } from '../../audio/g711.ts'
import type { WavInfo } from './wav.ts'

/**
 * Peak level (0..1) of each of `points` equal slices of the samples, read as a stream: a long
 * recording is never held in memory.
 */
export async function computePeaks(file: string, info: WavInfo, points: number): Promise<number[]> {
  const peaks = new Float64Array(points)
  if (info.dataLength === 0) return Array.from(peaks)
  const bytesPerSample = info.bitsPerSample / 8
  const samples = info.dataLength / bytesPerSample
  const perSlice = samples / points
  const table =
    info.encoding === 'pcmu' ? MULAW_TABLE : info.encoding === 'pcma' ? ALAW_TABLE : null
  let index = 0
  // A 16-bit sample can straddle two chunks.
  let carry: number | null = null
  const stream = createReadStream(file, {
    start: info.dataOffset,
    end: info.dataOffset + info.dataLength - 1,
    highWaterMark: 1 << 20,
  })
  for await (const chunk of stream) {
    const bytes = chunk as Buffer
    let at = 0
    if (table) {
      for (; at < bytes.length; at++, index++) {
        const level = Math.abs(table[bytes[at] as number] as number)
        const slice = Math.min(points - 1, Math.floor(index / perSlice))
        if (level > (peaks[slice] as number)) peaks[slice] = level
      }
      continue
    }
    if (carry !== null && bytes.length > 0) {
      record(Math.abs(((((bytes[0] as number) << 8) | carry) << 16) >> 16))
      carry = null
      at = 1
    }
    for (; at + 1 < bytes.length; at += 2) record(Math.abs(bytes.readInt16LE(at)))
    if (at < bytes.length) carry = bytes[at] as number
  }
  function record(level: number) {
    const slice = Math.min(points - 1, Math.floor(index / perSlice))
    if (level > (peaks[slice] as number)) peaks[slice] = level
    index++
  }
  return Array.from(peaks, (peak) => Math.min(1, Math.round((peak / 32768) * 1000) / 1000))
}
