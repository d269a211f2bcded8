import type { AudioEncoding } from '@common/api/recordings.ts'
import { AppError } from '../../http/errors.ts'

/** What a WAV file's header says, and where its samples are. */
export interface WavInfo {
  encoding: AudioEncoding
  sampleRate: number
  channels: number
  bitsPerSample: number
  /** Bytes per frame (one sample of every channel). */
  blockAlign: number
  /** Offset of the first sample byte in the file. */
  dataOffset: number
  /** Bytes of samples, whole frames only. */
  dataLength: number
  frames: number
  durationMs: number
}

const FORMAT_PCM = 1
const FORMAT_ALAW = 6
const FORMAT_MULAW = 7
const FORMAT_EXTENSIBLE = 0xfffe
/** The 14 bytes that follow the format code in a KSDATAFORMAT_SUBTYPE_* GUID. */
const SUBFORMAT_SUFFIX = Buffer.from('000000001000800000aa00389b71', 'hex')

const ENCODINGS: Record<number, { encoding: AudioEncoding; bits: number }> = {
  [FORMAT_PCM]: { encoding: 'pcm16', bits: 16 },
  [FORMAT_ALAW]: { encoding: 'pcma', bits: 8 },
  [FORMAT_MULAW]: { encoding: 'pcmu', bits: 8 },
}

/** The byte each encoding uses for silence (linear zero). */
export const SILENCE_BYTE: Record<AudioEncoding, number> = { pcm16: 0x00, pcmu: 0xff, pcma: 0xd5 }

/** Reads `length` bytes at `offset`; may return fewer at the end of the file. */
export type ReadAt = (offset: number, length: number) => Buffer

const invalid = (message: string) => new AppError('invalid_input', `body: ${message}`, 'body')

/** Parses a WAV held in memory. */
export function parseWav(bytes: Buffer): WavInfo {
  return parseWavFrom((offset, length) => bytes.subarray(offset, offset + length), bytes.length)
}

/**
 * Walks the RIFF chunks of a file of `size` bytes: the fmt chunk says the encoding, the data
 * chunk where the samples are; other chunks (LIST, fact, junk) are skipped. Refuses what is not
 * a WAV, an encoding other than 16-bit PCM or G.711, and a file cut short.
 */
export function parseWavFrom(readAt: ReadAt, size: number): WavInfo {
  const head = readAt(0, 12)
  if (
    head.length < 12 ||
    head.toString('latin1', 0, 4) !== 'RIFF' ||
    head.toString('latin1', 8, 12) !== 'WAVE'
  ) {
    throw invalid('not a WAV file (no RIFF/WAVE header)')
  }
  let format: Omit<WavInfo, 'dataOffset' | 'dataLength' | 'frames' | 'durationMs'> | null = null
  let offset = 12
  while (offset + 8 <= size) {
    const chunk = readAt(offset, 8)
    if (chunk.length < 8) break
    const id = chunk.toString('latin1', 0, 4)
    const length = chunk.readUInt32LE(4)
    const bodyOffset = offset + 8
    const cutShort = bodyOffset + length > size
    const truncated = () =>
      invalid(
        `truncated: the ${id.trim()} chunk declares ${length} bytes, ${size - bodyOffset} follow`,
      )
    if (id === 'fmt ') {
      if (cutShort) throw truncated()
      format = readFormat(readAt(bodyOffset, Math.min(length, 64)), length)
    } else if (id === 'data') {
      if (!format) throw invalid('the data chunk comes before the fmt chunk')
      if (cutShort) throw truncated()
      const frames = Math.floor(length / format.blockAlign)
      return {
        ...format,
        dataOffset: bodyOffset,
        dataLength: frames * format.blockAlign,
        frames,
        durationMs: Math.round((frames * 1000) / format.sampleRate),
      }
    }
    // Chunks are padded to an even length.
    offset = bodyOffset + length + (length % 2)
  }
  throw invalid(format ? 'truncated: no data chunk' : 'truncated: no fmt chunk')
}

function readFormat(
  fmt: Buffer,
  declared: number,
): Omit<WavInfo, 'dataOffset' | 'dataLength' | 'frames' | 'durationMs'> {
  if (declared < 16 || fmt.length < 16) throw invalid('the fmt chunk is too short')
  let code = fmt.readUInt16LE(0)
  const channels = fmt.readUInt16LE(2)
  const sampleRate = fmt.readUInt32LE(4)
  const blockAlign = fmt.readUInt16LE(12)
  const bitsPerSample = fmt.readUInt16LE(14)
  if (code === FORMAT_EXTENSIBLE) {
    if (fmt.length < 40 || fmt.readUInt16LE(16) < 22) {
      throw invalid('the extensible fmt chunk is too short')
    }
    if (!fmt.subarray(26, 40).equals(SUBFORMAT_SUFFIX)) {
      throw invalid('unsupported encoding (unknown extensible subformat)')
    }
    code = fmt.readUInt16LE(24)
  }
  const known = ENCODINGS[code]
  if (!known) {
    throw invalid(`unsupported encoding (format ${code}); send 16-bit PCM, mu-law or A-law`)
  }
  if (bitsPerSample !== known.bits) {
    throw invalid(`unsupported encoding: ${known.encoding} with ${bitsPerSample} bits per sample`)
  }
  if (channels < 1 || channels > 2) throw invalid(`${channels} channels; 1 or 2 are accepted`)
  if (sampleRate < 8000 || sampleRate > 48000) {
    throw invalid(`sample rate ${sampleRate} Hz; 8000 to 48000 are accepted`)
  }
  if (blockAlign !== (channels * known.bits) / 8) {
    throw invalid(
      `block align ${blockAlign} does not match ${channels} channel(s) of ${known.bits} bits`,
    )
  }
  return { encoding: known.encoding, sampleRate, channels, bitsPerSample, blockAlign }
}

/** A canonical 44-byte header for `dataLength` bytes of samples. */
export function wavHeader(options: {
  encoding: AudioEncoding
  sampleRate: number
  channels: number
  dataLength: number
}): Buffer {
  const bits = options.encoding === 'pcm16' ? 16 : 8
  const code =
    options.encoding === 'pcm16'
      ? FORMAT_PCM
      : options.encoding === 'pcma'
        ? FORMAT_ALAW
        : FORMAT_MULAW
  const blockAlign = (options.channels * bits) / 8
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(36 + options.dataLength, 4)
  header.write('WAVE', 8, 'latin1')
  header.write('fmt ', 12, 'latin1')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(code, 20)
  header.writeUInt16LE(options.channels, 22)
  header.writeUInt32LE(options.sampleRate, 24)
  header.writeUInt32LE(options.sampleRate * blockAlign, 28)
  header.writeUInt16LE(blockAlign, 32)
  header.writeUInt16LE(bits, 34)
  header.write('data', 36, 'latin1')
  header.writeUInt32LE(options.dataLength, 40)
  return header
}
