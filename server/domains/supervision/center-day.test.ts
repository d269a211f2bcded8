import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dayBounds, dayOf, hourOf } from './center-day.ts'

describe(dayBounds.name, () => {
  it('runs midnight to midnight in New York, winter and summer', () => {
    assert.deepEqual(
      Object.values(dayBounds('2026-01-15')).map((d) => d.toISOString()),
      ['2026-01-15T05:00:00.000Z', '2026-01-16T05:00:00.000Z'],
    )
    assert.deepEqual(
      Object.values(dayBounds('2026-07-04')).map((d) => d.toISOString()),
      ['2026-07-04T04:00:00.000Z', '2026-07-05T04:00:00.000Z'],
    )
  })

  it('is 23 hours long when the clocks go forward and 25 when they go back', () => {
    const spring = dayBounds('2026-03-08')
    assert.equal(spring.from.toISOString(), '2026-03-08T05:00:00.000Z')
    assert.equal((spring.to.getTime() - spring.from.getTime()) / 3_600_000, 23)
    const fall = dayBounds('2026-11-01')
    assert.equal(fall.from.toISOString(), '2026-11-01T04:00:00.000Z')
    assert.equal((fall.to.getTime() - fall.from.getTime()) / 3_600_000, 25)
  })

  it('crosses month and year ends', () => {
    assert.equal(dayBounds('2026-12-31').to.toISOString(), '2027-01-01T05:00:00.000Z')
  })
})

describe(dayOf.name, () => {
  it('names the New York day and hour, not the UTC one', () => {
    const lateEvening = new Date('2026-07-05T02:30:00Z')
    assert.equal(dayOf(lateEvening), '2026-07-04')
    assert.equal(hourOf(lateEvening), 22)
    assert.equal(hourOf(new Date('2026-01-15T05:00:00Z')), 0)
  })
})
