import type { AudioEncoding } from '@common/api/recordings.ts'
import { linearToAlaw, linearToMulaw } from '../../audio/g711.ts'
import { wavHeader } from './wav.ts'

/** A mono WAV of a sine tone at 0.5 of full scale: a fixture for tests, benches and the demo. */
export function makeToneWav(options: {
  seconds: number
  hz: number
  sampleRate?: number
  encoding: AudioEncoding
}): Buffer {
  const sampleRate = options.sampleRate ?? 8000
  const frames = Math.round(options.seconds * sampleRate)
  const samples = new Float64Array(frames)
  const step = (2 * Math.PI * options.hz) / sampleRate
  for (let i = 0; i < frames; i++) samples[i] = Math.sin(i * step) * 16384
  return encodeWav(samples, { sampleRate, encoding: options.encoding })
}

/** Linear samples (-32768..32767) as a mono WAV in the given encoding. */
export function encodeWav(
  samples: ArrayLike<number>,
  options: { sampleRate: number; encoding: AudioEncoding },
): Buffer {
  const bytesPerSample = options.encoding === 'pcm16' ? 2 : 1
  const data = Buffer.alloc(samples.length * bytesPerSample)
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] ?? 0
    if (options.encoding === 'pcm16') {
      data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value))), i * 2)
    } else {
      data[i] = options.encoding === 'pcmu' ? linearToMulaw(value) : linearToAlaw(value)
    }
  }
  const header = wavHeader({
    encoding: options.encoding,
    sampleRate: options.sampleRate,
    channels: 1,
    dataLength: data.length,
  })
  return Buffer.concat([header, data])
}
