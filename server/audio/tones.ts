/**
 * Tone detection by the Goertzel algorithm: the power of one frequency in a block of samples,
 * cheaper than an FFT when only a few frequencies matter (a test tone, the two TTY tones).
 */
export function goertzelPower(
  samples: ArrayLike<number>,
  frequency: number,
  sampleRate: number,
  from = 0,
  to = samples.length,
): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate)
  let previous = 0
  let beforePrevious = 0
  for (let i = from; i < to; i++) {
    const current = (samples[i] as number) + coefficient * previous - beforePrevious
    beforePrevious = previous
    previous = current
  }
  return (
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
  )
}

/** A sine tone as 16-bit linear samples. */
export function sineSamples(
  seconds: number,
  frequency: number,
  sampleRate = 8000,
  amplitude = 8000,
): Int16Array {
  const samples = new Int16Array(Math.round(seconds * sampleRate))
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate))
  }
  return samples
}
