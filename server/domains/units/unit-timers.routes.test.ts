import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { UnitStatus } from '@common/domain/units.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, buildUnit, staffWith } from '../../test/factories.ts'
import { scanUnitTimers } from './unit-timer-scanner.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform({ timerScanMs: 3_600_000 })
})
after(() => t.close())

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'

async function timedUnit(status: UnitStatus = 'dispatched', agencyId?: string) {
  const unit = await buildUnit(t, { status, ...(agencyId ? { agencyId } : {}) })
  const now = t.clock.now()
  await t.db
    .updateTable('units')
    .set({ status_changed_at: now, timer_started_at: now })
    .where('id', '=', unit.id)
    .execute()
  return unit
}

/** A dispatched unit whose warning has been raised; returns the unit and its alert. */
async function warnedUnit(agencyId?: string) {
  const unit = await timedUnit('dispatched', agencyId)
  t.clock.advance(60_000)
  await scanUnitTimers(t.platform.systemCtx())
  const alert = await t.db
    .selectFrom('unit_timer_alerts')
    .selectAll()
    .where('unit_id', '=', unit.id)
    .executeTakeFirstOrThrow()
  return { unit, alert }
}

const eventsOf = (unitId: string, type: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', `unit:${unitId}`)
    .where('type', '=', type)
    .execute()

describe('GET /api/unit-timers', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/unit-timers?open=true')).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('GET', '/api/unit-timers?open=perhaps')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'open')
  })

  it('refuses a call taker with 403, audited', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('GET', '/api/unit-timers?open=true')
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denied[0]?.subject_id, 'GET /api/unit-timers')
    assert.equal(denied[0]?.outcome, 'denied')
  })

  it('lists open alerts with unit code, status, level, label, raisedAt and seconds over', async () => {
    const { unit, alert } = await warnedUnit()
    t.clock.advance(15_000)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('GET', '/api/unit-timers?open=true')
    assert.equal(response.statusCode, 200)
    const mine = response.json().find((a: { id: string }) => a.id === alert.id)
    assert.deepEqual(mine, {
      id: alert.id,
      unitId: unit.id,
      unitCode: unit.code,
      agencyId: unit.agency_id,
      incidentId: null,
      status: 'dispatched',
      level: 'warn',
      label: 'Dispatched, not en route',
      thresholdSeconds: 60,
      timerStartedAt: alert.timer_started_at.toISOString(),
      raisedAt: alert.raised_at.toISOString(),
      timerRunning: true,
      secondsOver: mine.secondsOver,
      acknowledgedAt: null,
      acknowledgedByUserId: null,
    })
    // 15 s of test clock, plus the real time the test took.
    assert.ok(mine.secondsOver >= 15 && mine.secondsOver < 25, `secondsOver ${mine.secondsOver}`)
  })

  it("shows agency staff their own agency's alerts only", async () => {
    const agency = await buildAgency(t, { kind: 'fire' })
    const ours = await warnedUnit(agency.id)
    const theirs = await warnedUnit()
    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: agency.id })
    const ids = (await dispatcher.request('GET', '/api/unit-timers?open=true'))
      .json()
      .map((a: { id: string }) => a.id)
    assert.ok(ids.includes(ours.alert.id))
    assert.ok(!ids.includes(theirs.alert.id))
  })
})

describe('POST /api/unit-timers/:id/acknowledge', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', `/api/unit-timers/${NO_SUCH_ID}/acknowledge`)
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', '/api/unit-timers/nope/acknowledge')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'id')
  })

  it('refuses a call taker with 403, audited, and changes nothing', async () => {
    const { alert } = await warnedUnit()
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', `/api/unit-timers/${alert.id}/acknowledge`)
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denied[0]?.subject_id, 'POST /api/unit-timers/:id/acknowledge')
    const row = await t.db
      .selectFrom('unit_timer_alerts')
      .select('acknowledged_at')
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.acknowledged_at, null)
  })

  it('answers 404 unit_timer_not_found for another agency, audited', async () => {
    const { alert } = await warnedUnit()
    const other = await buildAgency(t, { kind: 'police' })
    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: other.id })
    const response = await dispatcher.request('POST', `/api/unit-timers/${alert.id}/acknowledge`)
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'unit_timer_not_found')
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === dispatcher.userId,
    )
    assert.equal(denied[0]?.subject_id, alert.id)
    assert.equal(denied[0]?.outcome, 'denied')
  })

  it('answers 404 unit_timer_not_found for an unknown alert', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', `/api/unit-timers/${NO_SUCH_ID}/acknowledge`)
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'unit_timer_not_found')
  })

  it('acknowledges: reply, row, event and audit row; it leaves the open list; twice is 409', async () => {
    const { unit, alert } = await warnedUnit()
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const response = await dispatcher.request('POST', `/api/unit-timers/${alert.id}/acknowledge`)
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.equal(body.id, alert.id)
    assert.equal(body.acknowledgedByUserId, dispatcher.userId)
    assert.ok(body.acknowledgedAt)

    const row = await t.db
      .selectFrom('unit_timer_alerts')
      .selectAll()
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.acknowledged_by_user_id, dispatcher.userId)
    assert.equal(row.acknowledged_at?.toISOString(), body.acknowledgedAt)

    const events = await eventsOf(unit.id, 'unit.timer_acknowledged')
    assert.deepEqual(events[0]?.payload, {
      alertId: alert.id,
      unitId: unit.id,
      unitCode: unit.code,
      status: 'dispatched',
      level: 'warn',
      incidentId: null,
      acknowledgedByUserId: dispatcher.userId,
    })
    assert.equal(events[0]?.actor_position_id, dispatcher.positionId)
    assert.deepEqual(events[0]?.audience_agency_ids, [unit.agency_id])

    const audit = (await auditRows(t, 'unit.timer_acknowledged')).filter(
      (r) => r.subject_id === alert.id,
    )
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, dispatcher.userId)
    assert.equal(audit[0]?.position_id, dispatcher.positionId)
    assert.deepEqual(audit[0]?.details, {
      unitId: unit.id,
      code: unit.code,
      status: 'dispatched',
      level: 'warn',
      raisedAt: alert.raised_at.toISOString(),
    })

    const open = (await dispatcher.request('GET', '/api/unit-timers?open=true')).json()
    assert.ok(!open.some((a: { id: string }) => a.id === alert.id))
    const all = (await dispatcher.request('GET', '/api/unit-timers')).json()
    assert.ok(all.some((a: { id: string }) => a.id === alert.id))

    const again = await dispatcher.request('POST', `/api/unit-timers/${alert.id}/acknowledge`)
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'already_acknowledged')
    assert.equal((await eventsOf(unit.id, 'unit.timer_acknowledged')).length, 1)
  })
})

describe('POST /api/units/:id/check-in', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('POST', `/api/units/${NO_SUCH_ID}/check-in`)).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', '/api/units/E12/check-in')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'id')
  })

  it('refuses a call taker with 403, audited', async () => {
    const unit = await timedUnit('on_scene')
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', `/api/units/${unit.id}/check-in`)
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denied[0]?.subject_id, 'POST /api/units/:id/check-in')
  })

  it('answers 404 unit_not_found for an unknown unit', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', `/api/units/${NO_SUCH_ID}/check-in`)
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'unit_not_found')
  })

  it('restarts the timer: the next warning comes a full period later; open alerts are answered', async () => {
    const police = await buildAgency(t, { kind: 'police' })
    const unit = await buildUnit(t, { agencyId: police.id, unitType: 'patrol', status: 'on_scene' })
    const started = t.clock.now()
    await t.db
      .updateTable('units')
      .set({ timer_started_at: started })
      .where('id', '=', unit.id)
      .execute()
    t.clock.advance(15 * 60_000)
    await scanUnitTimers(t.platform.systemCtx())
    const warn = await t.db
      .selectFrom('unit_timer_alerts')
      .selectAll()
      .where('unit_id', '=', unit.id)
      .executeTakeFirstOrThrow()

    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: police.id })
    const response = await dispatcher.request('POST', `/api/units/${unit.id}/check-in`)
    assert.equal(response.statusCode, 200)
    const checkedInAt = t.clock.now()
    const body = response.json()
    assert.deepEqual(body, {
      unitId: unit.id,
      unitCode: unit.code,
      status: 'on_scene',
      timerStartedAt: body.timerStartedAt,
      acknowledgedAlertIds: [warn.id],
    })
    assert.ok(Math.abs(new Date(body.timerStartedAt).getTime() - checkedInAt.getTime()) < 1000)

    const row = await t.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', unit.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.timer_started_at.toISOString(), body.timerStartedAt)
    assert.equal(row.status, 'on_scene')
    const acked = await t.db
      .selectFrom('unit_timer_alerts')
      .selectAll()
      .where('id', '=', warn.id)
      .executeTakeFirstOrThrow()
    assert.equal(acked.acknowledged_by_user_id, dispatcher.userId)

    const events = await eventsOf(unit.id, 'unit.checked_in')
    assert.deepEqual(events[0]?.payload, {
      unitId: unit.id,
      unitCode: unit.code,
      status: 'on_scene',
      incidentId: null,
      timerStartedAt: body.timerStartedAt,
      acknowledgedAlertIds: [warn.id],
    })
    const audit = (await auditRows(t, 'unit.checked_in')).filter((r) => r.subject_id === unit.id)
    assert.deepEqual(audit[0]?.details, {
      code: unit.code,
      status: 'on_scene',
      previousTimerStartedAt: started.toISOString(),
      timerStartedAt: body.timerStartedAt,
      acknowledgedAlertIds: [warn.id],
    })

    t.clock.advance(15 * 60_000 - 1_000)
    await scanUnitTimers(t.platform.systemCtx())
    const before = await t.db
      .selectFrom('unit_timer_alerts')
      .select('id')
      .where('unit_id', '=', unit.id)
      .execute()
    assert.equal(before.length, 1, 'no new warning before a full period')
    t.clock.advance(1_000)
    await scanUnitTimers(t.platform.systemCtx())
    const next = await t.db
      .selectFrom('unit_timer_alerts')
      .selectAll()
      .where('unit_id', '=', unit.id)
      .where('acknowledged_at', 'is', null)
      .execute()
    assert.deepEqual(
      next.map((a) => [a.level, a.timer_started_at.toISOString()]),
      [['warn', body.timerStartedAt]],
    )
  })

  it('refuses agency staff a unit of another agency with 404, audited', async () => {
    const unit = await timedUnit('on_scene')
    const other = await buildAgency(t, { kind: 'police' })
    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: other.id })
    const response = await dispatcher.request('POST', `/api/units/${unit.id}/check-in`)
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'unit_not_found')
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === dispatcher.userId,
    )
    assert.equal(denied[0]?.subject_id, unit.id)
    assert.equal((await eventsOf(unit.id, 'unit.checked_in')).length, 0)
  })
})

describe('GET /api/unit-timer-settings', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/unit-timer-settings')).statusCode, 401)
  })

  it('lists every setting to any member of staff', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('GET', '/api/unit-timer-settings')
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.ok(
      body.some(
        (s: { status: string; agencyKind: string }) =>
          s.status === 'dispatched' && s.agencyKind === '*',
      ),
    )
    assert.deepEqual(
      body.find(
        (s: { status: string; agencyKind: string }) =>
          s.status === 'on_scene' && s.agencyKind === 'police',
      ),
      {
        status: 'on_scene',
        agencyKind: 'police',
        warnSeconds: 900,
        alertSeconds: 1200,
        label: 'On-scene check-in due',
      },
    )
  })
})

describe('PUT /api/unit-timer-settings', () => {
  const setting = {
    status: 'en_route',
    agencyKind: 'ems',
    warnSeconds: 480,
    alertSeconds: 720,
    label: 'En route, not on scene (EMS)',
  }

  it('answers 401 without a session', async () => {
    assert.equal((await t.request('PUT', '/api/unit-timer-settings', setting)).statusCode, 401)
  })

  it('answers 400 naming the field when the alert comes before the warning', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request('PUT', '/api/unit-timer-settings', {
      ...setting,
      alertSeconds: 300,
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'alertSeconds')
  })

  it('answers 400 naming the field for an unknown agency kind', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request('PUT', '/api/unit-timer-settings', {
      ...setting,
      agencyKind: 'coast_guard',
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'agencyKind')
  })

  it('refuses a dispatcher with 403, audited, and changes nothing', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('PUT', '/api/unit-timer-settings', setting)
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === dispatcher.userId,
    )
    assert.equal(denied[0]?.subject_id, 'PUT /api/unit-timer-settings')
    const row = await t.db
      .selectFrom('unit_timer_settings')
      .selectAll()
      .where('status', '=', 'en_route')
      .where('agency_kind', '=', 'ems')
      .executeTakeFirst()
    assert.equal(row, undefined)
  })

  it('adds, then replaces a row: audited with before and after, and used by the next scan', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const added = await supervisor.request('PUT', '/api/unit-timer-settings', setting)
    assert.equal(added.statusCode, 200)
    assert.deepEqual(added.json(), setting)
    const changed = await supervisor.request('PUT', '/api/unit-timer-settings', {
      ...setting,
      warnSeconds: 420,
    })
    assert.equal(changed.statusCode, 200)
    const row = await t.db
      .selectFrom('unit_timer_settings')
      .selectAll()
      .where('status', '=', 'en_route')
      .where('agency_kind', '=', 'ems')
      .executeTakeFirstOrThrow()
    assert.equal(row.warn_seconds, 420)
    const audit = (await auditRows(t, 'unit_timer_setting.updated')).filter(
      (r) => r.subject_id === 'en_route:ems',
    )
    assert.deepEqual(
      audit.map((r) => r.details),
      [
        { before: null, after: setting },
        { before: setting, after: { ...setting, warnSeconds: 420 } },
      ],
    )
    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', 'unit_timer_setting:en_route:ems')
      .orderBy('id')
      .execute()
    assert.deepEqual(events.at(-1)?.payload, { ...setting, warnSeconds: 420 })

    const ems = await buildAgency(t, { kind: 'ems' })
    const ambulance = await buildUnit(t, {
      agencyId: ems.id,
      unitType: 'ambulance',
      status: 'en_route',
    })
    await t.db
      .updateTable('units')
      .set({ timer_started_at: t.clock.now() })
      .where('id', '=', ambulance.id)
      .execute()
    t.clock.advance(420_000)
    await scanUnitTimers(t.platform.systemCtx())
    const alerts = await t.db
      .selectFrom('unit_timer_alerts')
      .selectAll()
      .where('unit_id', '=', ambulance.id)
      .execute()
    assert.deepEqual(
      alerts.map((a) => [a.level, a.threshold_seconds, a.label]),
      [['warn', 420, 'En route, not on scene (EMS)']],
    )
  })
})
