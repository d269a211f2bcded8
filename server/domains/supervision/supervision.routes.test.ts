import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { AnswerTimesReport } from '@common/api/supervision.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { staffWith } from '../../test/factories.ts'
import { dayOf } from './center-day.ts'

let t: TestPlatform
let phone: StaffSession
let supervisor: StaffSession
before(async () => {
  t = await startTestPlatform()
  phone = await staffWith(t, ['integration'])
  supervisor = await staffWith(t, ['supervisor'], { atPosition: true })
})
after(() => t.close())

const URL = '/api/reports/answer-times'

async function offer911(): Promise<CallView> {
  const response = await phone.request('POST', '/api/calls', {
    externalId: `sip-${randomBytes(4).toString('hex')}`,
    line: '911',
    ani: '5085551234',
  })
  assert.equal(response.statusCode, 201, response.body)
  return response.json<CallView>()
}

async function report(day?: string): Promise<AnswerTimesReport> {
  const response = await supervisor.request('GET', day ? `${URL}?day=${day}` : URL)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<AnswerTimesReport>()
}

describe('GET /api/reports/answer-times', () => {
  it('answers 401 without a session, 403 to a call taker, and 400 naming day', async () => {
    assert.equal((await t.request('GET', URL)).statusCode, 401)
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal((await calltaker.request('GET', URL)).statusCode, 403)
    for (const day of ['yesterday', '2026-02-30']) {
      const bad = await supervisor.request('GET', `${URL}?day=${day}`)
      assert.equal(bad.statusCode, 400, day)
      assert.equal(bad.json<{ error: { field: string } }>().error.field, 'day')
    }
  })

  it('gives the thresholds and no verdict on a day without calls', async () => {
    const empty = await report('2001-01-01')
    assert.deepEqual(empty.thresholds, {
      answerSeconds: 15,
      answerTargetPercent: 90,
      limitSeconds: 20,
      limitTargetPercent: 95,
    })
    assert.equal(empty.from, '2001-01-01T05:00:00.000Z')
    assert.equal(empty.offered, 0)
    assert.equal(empty.met, null)
    assert.deepEqual(empty.hours, [])
  })

  it("measures the day's 911 calls against both targets, by hour, and follows the settings", async () => {
    const quick = await offer911()
    const slow = await offer911()
    const abandoned = await offer911()
    const complaint = await phone.request('POST', '/api/calls', { line: 'non_emergency' })
    assert.equal(complaint.statusCode, 201)
    assert.equal(
      (await supervisor.request('POST', `/api/calls/${quick.id}/answer`, {})).statusCode,
      200,
    )
    t.clock.advance(18_000)
    assert.equal(
      (await supervisor.request('POST', `/api/calls/${slow.id}/answer`, {})).statusCode,
      200,
    )
    const released = await phone.request('POST', `/api/calls/${abandoned.id}/release`, {})
    assert.equal(released.statusCode, 200, released.body)
    const ringing = await offer911()

    const day = dayOf(new Date(quick.arrivedAt))
    const figures = await report(day)
    assert.equal(figures.day, day)
    assert.equal(figures.offered, 4) // the complaint line is not counted
    assert.equal(figures.answered, 2)
    assert.equal(figures.abandoned, 1)
    assert.equal(figures.ringing, 1)
    assert.equal(figures.percentWithinTarget, 50)
    assert.equal(figures.percentWithinLimit, 100)
    assert.equal(figures.p90AnswerSeconds !== null && figures.p90AnswerSeconds >= 18, true)
    assert.equal(figures.targetMet, false)
    assert.equal(figures.limitMet, true)
    assert.equal(figures.met, false)
    assert.equal(
      figures.hours.reduce((sum, hour) => sum + hour.offered, 0),
      4,
    )
    assert.ok(Date.parse(ringing.arrivedAt) < Date.parse(figures.to))

    // A center that adopted 20 s as its first target meets it with the same calls.
    const saved = { ...t.config.answerTimes }
    t.config.answerTimes.answerSeconds = 20
    try {
      const relaxed = await report(day)
      assert.equal(relaxed.thresholds.answerSeconds, 20)
      assert.equal(relaxed.percentWithinTarget, 100)
      assert.equal(relaxed.met, true)
    } finally {
      t.config.answerTimes = saved
    }
  })
})

describe('GET /api/reports/answer-targets', () => {
  it('gives any member of staff the targets in force, and nobody without a session', async () => {
    assert.equal((await t.request('GET', '/api/reports/answer-targets')).statusCode, 401)
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('GET', '/api/reports/answer-targets')
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), t.config.answerTimes)
  })
})
