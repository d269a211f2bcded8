import type { DeliveryReport } from '@common/api/alerts.ts'

export interface ChartSeries {
  /** Minutes since the first bucket and the running totals at its end. */
  points: { minute: number; done: number; failed: number }[]
  maxDone: number
  minutes: number
}

/** The report's per-minute buckets as running totals, for a line of completions over time. */
export function cumulativeSeries(timeline: DeliveryReport['timeline']): ChartSeries {
  const sorted = [...timeline].sort((a, b) => a.at.localeCompare(b.at))
  const start = sorted[0] ? Date.parse(sorted[0].at) : 0
  let done = 0
  let failed = 0
  const points = [{ minute: 0, done: 0, failed: 0 }]
  for (const bucket of sorted) {
    done += bucket.done
    failed += bucket.failed
    points.push({ minute: (Date.parse(bucket.at) - start) / 60_000 + 1, done, failed })
  }
  const last = points[points.length - 1]!
  return { points, maxDone: last.done, minutes: last.minute }
}

/** An SVG path through points scaled into a width × height box (y grows downwards). */
export function linePath(
  points: { x: number; y: number }[],
  scale: { maxX: number; maxY: number; width: number; height: number },
): string {
  const sx = (x: number) => (scale.maxX > 0 ? (x / scale.maxX) * scale.width : 0)
  const sy = (y: number) => scale.height - (scale.maxY > 0 ? (y / scale.maxY) * scale.height : 0)
  return points
    .map((point, i) => `${i === 0 ? 'M' : 'L'}${sx(point.x).toFixed(1)},${sy(point.y).toFixed(1)}`)
    .join(' ')
}
