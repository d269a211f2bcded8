import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import type { AgencyKind } from '@common/domain/agencies.ts'
import type { UnitStatus, UnitType } from '@common/domain/units.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, buildUnit } from '../../test/factories.ts'
import { scanUnitTimers, startUnitTimerScanner } from './unit-timer-scanner.ts'

let t: TestPlatform
before(async () => {
  // The platform's own scanner is held off: these tests scan when they choose.
  t = await startTestPlatform({ timerScanMs: 3_600_000 })
})
after(() => t.close())

const UNIT_TYPE: Record<AgencyKind, UnitType> = {
  police: 'patrol',
  fire: 'engine',
  ems: 'ambulance',
}

/** A unit of an agency of `kind`, whose `status` timer starts now on the platform clock. */
async function unitTimedFrom(status: UnitStatus, kind: AgencyKind = 'fire') {
  const agency = await buildAgency(t, { kind })
  const unit = await buildUnit(t, { agencyId: agency.id, unitType: UNIT_TYPE[kind], status })
  const now = t.clock.now()
  await t.db
    .updateTable('units')
    .set({ status_changed_at: now, timer_started_at: now })
    .where('id', '=', unit.id)
    .execute()
  return unit
}

const alertsOf = (unitId: string) =>
  t.db
    .selectFrom('unit_timer_alerts')
    .selectAll()
    .where('unit_id', '=', unitId)
    .orderBy('raised_at')
    .execute()

const raisedEventsOf = (unitId: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', `unit:${unitId}`)
    .where('type', '=', 'unit.timer_raised')
    .orderBy('id')
    .execute()

const scan = () => scanUnitTimers(t.platform.systemCtx())

describe(scanUnitTimers.name, () => {
  it('raises a dispatched unit: warn at 60 s and alert at 120 s, not before', async () => {
    const unit = await unitTimedFrom('dispatched')
    t.clock.advance(59_000)
    await scan()
    assert.deepEqual(await alertsOf(unit.id), [])

    t.clock.advance(1_000)
    const warned = (await scan()).filter((r) => r.unitId === unit.id)
    assert.equal(warned.length, 1)
    assert.deepEqual(warned[0], {
      alertId: warned[0]?.alertId,
      unitId: unit.id,
      unitCode: unit.code,
      status: 'dispatched',
      level: 'warn',
      label: 'Dispatched, not en route',
      seconds: warned[0]?.seconds,
      thresholdSeconds: 60,
      incidentId: null,
    })
    assert.ok(warned[0].seconds >= 60 && warned[0].seconds < 65)
    t.clock.advance(59_000)
    await scan()
    assert.deepEqual(
      (await alertsOf(unit.id)).map((a) => a.level),
      ['warn'],
    )

    t.clock.advance(1_000)
    await scan()
    const alerts = await alertsOf(unit.id)
    assert.deepEqual(
      alerts.map((a) => [a.level, a.threshold_seconds, a.label, a.status]),
      [
        ['warn', 60, 'Dispatched, not en route', 'dispatched'],
        ['alert', 120, 'Dispatched, not en route', 'dispatched'],
      ],
    )
    const events = await raisedEventsOf(unit.id)
    assert.deepEqual(
      events.map((e) => (e.payload as { level: string }).level),
      ['warn', 'alert'],
    )
    assert.equal((events[0]?.payload as { alertId: string }).alertId, alerts[0]?.id)
    assert.deepEqual(events[1]?.audience_roles, ['dispatcher', 'supervisor'])
    assert.deepEqual(events[1]?.audience_agency_ids, [unit.agency_id])
    assert.equal(events[1]?.actor_user_id, null)
  })

  it('raises each alert once however often it scans', async () => {
    const unit = await unitTimedFrom('dispatched')
    t.clock.advance(61_000)
    await scan()
    await scan()
    assert.equal((await alertsOf(unit.id)).length, 1)
    assert.equal((await raisedEventsOf(unit.id)).length, 1)
  })

  it('raises each alert once when two nodes scan at the same moment', async () => {
    const units = await Promise.all([unitTimedFrom('dispatched'), unitTimedFrom('en_route')])
    t.clock.advance(15 * 60_000)
    const [a, b] = await Promise.all([scan(), scan()])
    const ours = [...a, ...b].filter((r) => units.some((u) => u.id === r.unitId))
    assert.deepEqual(
      ours.map((r) => `${r.unitCode}:${r.level}`).sort(),
      units.map((u) => `${u.code}:alert`).sort(),
    )
    for (const unit of units) {
      assert.deepEqual(
        (await alertsOf(unit.id)).map((x) => x.level),
        ['alert'],
        'past both thresholds at once: the alert alone',
      )
      assert.equal((await raisedEventsOf(unit.id)).length, 1)
    }
  })

  it("uses the agency kind's own row: police on scene at 15 min, fire at 20 min", async () => {
    const police = await unitTimedFrom('on_scene', 'police')
    const fire = await unitTimedFrom('on_scene', 'fire')
    t.clock.advance(15 * 60_000)
    await scan()
    const policeAlerts = await alertsOf(police.id)
    assert.deepEqual(
      policeAlerts.map((a) => [a.level, a.threshold_seconds, a.label]),
      [['warn', 900, 'On-scene check-in due']],
    )
    assert.deepEqual(await alertsOf(fire.id), [])
    t.clock.advance(5 * 60_000)
    await scan()
    assert.deepEqual(
      (await alertsOf(fire.id)).map((a) => [a.level, a.threshold_seconds, a.label]),
      [['warn', 1200, 'On-scene accountability check due']],
    )
  })

  it('raises nothing for a status without a timer', async () => {
    const unit = await unitTimedFrom('available')
    t.clock.advance(24 * 3600_000)
    await scan()
    assert.deepEqual(await alertsOf(unit.id), [])
  })

  it('restarts after a status change: a new timer raises its own alerts', async () => {
    const unit = await unitTimedFrom('dispatched')
    t.clock.advance(60_000)
    await scan()
    const now = t.clock.now()
    await t.db
      .updateTable('units')
      .set({ status: 'en_route', status_changed_at: now, timer_started_at: now })
      .where('id', '=', unit.id)
      .execute()
    t.clock.advance(10 * 60_000)
    await scan()
    assert.deepEqual(
      (await alertsOf(unit.id)).map((a) => [a.status, a.level]),
      [
        ['dispatched', 'warn'],
        ['en_route', 'warn'],
      ],
    )
  })

  it('copies a timer start with microseconds exactly, so it does not raise again', async () => {
    const unit = await unitTimedFrom('dispatched')
    // A status set by SQL now() carries microseconds a JavaScript Date cannot hold.
    await t.db
      .updateTable('units')
      .set({ timer_started_at: '2020-01-01T00:00:00.123456Z' })
      .where('id', '=', unit.id)
      .execute()
    await scan()
    await scan()
    assert.deepEqual(
      (await alertsOf(unit.id)).map((a) => a.level),
      ['alert'],
    )
  })
})

describe(startUnitTimerScanner.name, () => {
  it('scans on its interval, and stops', async () => {
    const unit = await unitTimedFrom('dispatched')
    t.clock.advance(60_000)
    const scanner = startUnitTimerScanner({
      ctx: () => t.platform.systemCtx(),
      intervalMs: 20,
      log: pino({ level: 'silent' }),
    })
    const deadline = Date.now() + 5_000
    while ((await alertsOf(unit.id)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await scanner.stop()
    assert.equal((await alertsOf(unit.id)).length, 1)
  })
})
