import { copyFile, open } from 'node:fs/promises'
import type { TimeRange } from '@common/api/recordings.ts'
import { AppError } from '../../http/errors.ts'
import { SILENCE_BYTE, type WavInfo } from './wav.ts'

/**
 * Silencing stretches of a WAV. The copy is the original byte for byte except inside the
 * ranges, whose samples become the encoding's silence; the header is unchanged, so the copy has
 * the same format and length.
 */

/**
 * Checks each range against the duration (one starting at or past the end is refused, naming
 * it), clamps the ends, and merges overlapping or touching ranges into a sorted list.
 */
export function normaliseRanges(ranges: TimeRange[], durationMs: number): TimeRange[] {
  const clamped = ranges.map((range, index) => {
    if (range.startMs >= durationMs) {
      throw new AppError(
        'invalid_input',
        `ranges.${index}.startMs: ${range.startMs} ms is past the end of the recording (${durationMs} ms)`,
        `ranges.${index}.startMs`,
      )
    }
    return { startMs: range.startMs, endMs: Math.min(range.endMs, durationMs) }
  })
  return mergeRanges(clamped)
}

export function mergeRanges(ranges: TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs)
  const merged: TimeRange[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.startMs <= last.endMs) last.endMs = Math.max(last.endMs, range.endMs)
    else merged.push({ ...range })
  }
  return merged
}

/**
 * The file byte spans [start, end) the ranges cover, in whole frames: a frame partly inside a
 * range is silenced, so nothing of the redacted speech survives at the edges.
 */
export function byteSpans(info: WavInfo, ranges: TimeRange[]): Array<[number, number]> {
  return ranges.map((range) => {
    const startFrame = Math.min(info.frames, Math.floor((range.startMs * info.sampleRate) / 1000))
    const endFrame = Math.min(info.frames, Math.ceil((range.endMs * info.sampleRate) / 1000))
    return [
      info.dataOffset + startFrame * info.blockAlign,
      info.dataOffset + endFrame * info.blockAlign,
    ]
  })
}

/** Redacts a WAV held in memory (a new buffer; `bytes` is left as it was). */
export function redactBuffer(bytes: Buffer, info: WavInfo, ranges: TimeRange[]): Buffer {
  const copy = Buffer.from(bytes)
  for (const [start, end] of byteSpans(info, ranges)) {
    copy.fill(SILENCE_BYTE[info.encoding], start, end)
  }
  return copy
}

const SILENCE_BLOCK = 1 << 20

/** Copies `source` to `target` (a new file), then overwrites the ranges' bytes with silence. */
export async function writeRedactedCopy(
  source: string,
  target: string,
  info: WavInfo,
  ranges: TimeRange[],
): Promise<void> {
  await copyFile(source, target)
  const handle = await open(target, 'r+')
  try {
    const silence = Buffer.alloc(SILENCE_BLOCK, SILENCE_BYTE[info.encoding])
    for (const [start, end] of byteSpans(info, ranges)) {
      for (let at = start; at < end; at += SILENCE_BLOCK) {
        const length = Math.min(SILENCE_BLOCK, end - at)
        await handle.write(silence, 0, length, at)
      }
    }
    await handle.sync()
  } finally {
    await handle.close()
  }
}
