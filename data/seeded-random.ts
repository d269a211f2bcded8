/**
 * A small deterministic random source (mulberry32) for whatever must replay the same choices from
 * the same seed: the demo region (byte for byte the same on every run, so nothing in the generator
 * may use Math.random), concurrency tests and benchmarks.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** An integer in [low, high]. */
  between(low: number, high: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    return mix(state)
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    between: (low, high) => low + int(high - low + 1),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[int(items.length)]!
    },
    chance: (probability) => next() < probability,
  }
}

/**
 * A float in [0, 1) from a few integers, independent of call order: a grid node's jitter depends
 * on its place alone, so changing one part of the generator does not move every other node.
 */
export function hashRandom(...values: number[]): number {
  let state = 0x9e3779b9
  for (const value of values) {
    state = (Math.imul(state ^ (value | 0), 0x85ebca6b) + 0x6d2b79f5) >>> 0
  }
  return mix(state)
}

function mix(seed: number): number {
  let x = seed
  x = Math.imul(x ^ (x >>> 15), x | 1)
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}
