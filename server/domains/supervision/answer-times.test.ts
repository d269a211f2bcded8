import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { answerTimeFigures, answerTimeHours, targetsMet, type CallTimes } from './answer-times.ts'

const thresholds = {
  answerSeconds: 15,
  answerTargetPercent: 90,
  limitSeconds: 20,
  limitTargetPercent: 95,
}
const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000)
const answeredAfter = (seconds: number, iso = '2026-07-04T14:00:00Z'): CallTimes => ({
  arrivedAt: at(iso),
  answeredAt: at(iso, seconds),
  releasedAt: null,
})

describe(answerTimeFigures.name, () => {
  it('shares answered calls within 15 and 20 s, counts abandoned and ringing apart', () => {
    const calls = [
      ...[2, 4, 6, 8, 10, 12, 14, 15].map((s) => answeredAfter(s)),
      answeredAfter(18),
      answeredAfter(40),
      {
        arrivedAt: at('2026-07-04T14:00:00Z'),
        answeredAt: null,
        releasedAt: at('2026-07-04T14:00:09Z'),
      },
      { arrivedAt: at('2026-07-04T14:00:00Z'), answeredAt: null, releasedAt: null },
    ]
    const figures = answerTimeFigures(calls, thresholds)
    assert.equal(figures.offered, 12)
    assert.equal(figures.answered, 10)
    assert.equal(figures.abandoned, 1)
    assert.equal(figures.ringing, 1)
    assert.equal(figures.answeredWithinTarget, 8) // 15 s exactly counts as within
    assert.equal(figures.percentWithinTarget, 80)
    assert.equal(figures.percentWithinLimit, 90)
    assert.equal(figures.averageAnswerSeconds, 12.9)
    assert.equal(figures.p90AnswerSeconds, 18)
    assert.deepEqual(targetsMet(figures, thresholds), {
      targetMet: false,
      limitMet: false,
      met: false,
    })
  })

  it('has no shares and no verdict when nothing was answered', () => {
    const figures = answerTimeFigures([], thresholds)
    assert.equal(figures.percentWithinTarget, null)
    assert.equal(figures.p90AnswerSeconds, null)
    assert.deepEqual(targetsMet(figures, thresholds), {
      targetMet: null,
      limitMet: null,
      met: null,
    })
  })

  it('meets the targets at 100 %', () => {
    const figures = answerTimeFigures([answeredAfter(3), answeredAfter(5)], thresholds)
    assert.equal(targetsMet(figures, thresholds).met, true)
  })
})

describe(answerTimeHours.name, () => {
  it('buckets by the New York hour of arrival', () => {
    const hours = answerTimeHours(
      [
        answeredAfter(3, '2026-07-04T14:10:00Z'),
        answeredAfter(30, '2026-07-04T14:50:00Z'),
        answeredAfter(5, '2026-07-04T04:05:00Z'),
      ],
      thresholds,
    )
    assert.deepEqual(
      hours.map((h) => [h.hour, h.answered, h.percentWithinTarget]),
      [
        [0, 1, 100],
        [10, 2, 50],
      ],
    )
  })
})
