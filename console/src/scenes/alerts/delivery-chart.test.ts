import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cumulativeSeries, linePath } from './delivery-chart.ts'

describe(cumulativeSeries.name, () => {
  it('turns per-minute buckets into running totals, whatever order they come in', () => {
    const series = cumulativeSeries([
      { at: '2026-11-30T10:02:00Z', done: 5, failed: 1 },
      { at: '2026-11-30T10:00:00Z', done: 10, failed: 0 },
      { at: '2026-11-30T10:01:00Z', done: 20, failed: 2 },
    ])
    assert.deepEqual(
      series.points.map((p) => [p.minute, p.done, p.failed]),
      [
        [0, 0, 0],
        [1, 10, 0],
        [2, 30, 2],
        [3, 35, 3],
      ],
    )
    assert.equal(series.maxDone, 35)
    assert.equal(series.minutes, 3)
  })

  it('is a flat start for an empty timeline', () => {
    assert.deepEqual(cumulativeSeries([]), {
      points: [{ minute: 0, done: 0, failed: 0 }],
      maxDone: 0,
      minutes: 0,
    })
  })
})

describe(linePath.name, () => {
  it('scales into the box with y upwards', () => {
    const path = linePath(
      [
        { x: 0, y: 0 },
        { x: 2, y: 10 },
      ],
      { maxX: 2, maxY: 10, width: 100, height: 50 },
    )
    assert.equal(path, 'M0.0,50.0 L100.0,0.0')
  })
})
