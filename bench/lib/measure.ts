/** What a benchmark reports: its figure, the baseline measured in the same run, and the target. */
export interface BenchResult {
  name: string
  figure: string
  baseline: string
  ratio: number
  /** The target as a sentence, e.g. "≥ 0.35". */
  target: string
  met: boolean
  details: string[]
}

/** Runs `worker` on `concurrency` loops for `seconds`; returns completed operations per second. */
export async function throughput(
  concurrency: number,
  seconds: number,
  worker: (loop: number, iteration: number) => Promise<void>,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000
  let done = 0
  const loop = async (index: number): Promise<void> => {
    for (let i = 0; performance.now() < deadline; i++) {
      await worker(index, i)
      done++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: concurrency }, (_, index) => loop(index)))
  return done / ((performance.now() - started) / 1000)
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Seconds a benchmark runs, from BENCH_SECONDS (the figures use the defaults). */
export function seconds(fallback: number): number {
  const value = Number(process.env.BENCH_SECONDS)
  return Number.isFinite(value) && value > 0 ? value : fallback
}
