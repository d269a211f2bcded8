/** G.711 mu-law and A-law, as carried by 911 lines (ITU-T G.711 reference algorithms). */

const BIAS = 0x84
const CLIP = 32635

export function linearToMulaw(sample: number): number {
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)))
  const sign = value < 0 ? 0x80 : 0
  if (sign) value = -value
  value = Math.min(value, CLIP) + BIAS
  let exponent = 7
  for (let mask = 0x4000; (value & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (value >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

export function mulawToLinear(byte: number): number {
  const value = ~byte & 0xff
  const exponent = (value >> 4) & 0x07
  const magnitude = ((((value & 0x0f) << 3) + BIAS) << exponent) - BIAS
  return value & 0x80 ? -magnitude : magnitude
}

export function linearToAlaw(sample: number): number {
  let value = Math.max(-32768, Math.min(32767, Math.round(sample)))
  const sign = value >= 0 ? 0x80 : 0
  if (!sign) value = -value - 1
  let encoded: number
  if (value < 256) {
    encoded = value >> 4
  } else {
    let exponent = 1
    while (value >= 512 << (exponent - 1) && exponent < 7) exponent++
    encoded = (exponent << 4) | ((value >> (exponent + 3)) & 0x0f)
  }
  return (sign | encoded) ^ 0x55
}

export function alawToLinear(byte: number): number {
  const value = byte ^ 0x55
  const exponent = (value >> 4) & 0x07
  let magnitude = (value & 0x0f) << 4
  magnitude = exponent === 0 ? magnitude + 8 : (magnitude + 0x108) << (exponent - 1)
  return value & 0x80 ? magnitude : -magnitude
}

/** Linear value of each of the 256 codes: decoding is a table look-up. */
export const MULAW_TABLE = Int16Array.from({ length: 256 }, (_, byte) => mulawToLinear(byte))
export const ALAW_TABLE = Int16Array.from({ length: 256 }, (_, byte) => alawToLinear(byte))
