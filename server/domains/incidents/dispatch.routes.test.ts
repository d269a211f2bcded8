import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Incident, Recommendation } from '@common/api/incidents.ts'
import type { Unit } from '@common/api/units.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import {
  auditRows,
  buildAgency,
  buildIncident,
  buildStation,
  buildUnit,
  staffWith,
} from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const unitRow = (id: string) =>
  t.db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

const assignmentStates = async (unitId: string) =>
  (
    await t.db
      .selectFrom('unit_assignments')
      .select(['incident_id', 'state'])
      .where('unit_id', '=', unitId)
      .orderBy('assigned_at')
      .execute()
  ).map((a) => [a.incident_id, a.state])

describe('POST /api/incidents/:id/dispatch', () => {
  it('answers 403 to a call taker and 400 naming the field', async () => {
    const incident = await buildIncident(t)
    const calltaker = await staffWith(t, ['call_taker'])
    const refused = await calltaker.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [],
    })
    assert.equal(refused.statusCode, 403)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const empty = await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [],
    })
    assert.equal(empty.statusCode, 400)
    assert.equal(empty.json().error.field, 'unitIds')
  })

  it('assigns a free unit, sets it dispatched, makes the incident active, all in one commit', async () => {
    const incident = await buildIncident(t, { natureCode: 'FIRE-VEH' })
    const engine = await buildUnit(t, { status: 'in_quarters' })
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const response = await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [engine.id],
    })
    assert.equal(response.statusCode, 200, response.body)
    const view = response.json<Incident>()
    assert.equal(view.status, 'active')
    assert.ok(view.firstDispatchedAt)
    assert.deepEqual(
      view.units.map((u) => [u.code, u.state, u.unitStatus]),
      [[engine.code, 'active', 'dispatched']],
    )
    const unit = await unitRow(engine.id)
    assert.equal(unit.status, 'dispatched')
    assert.equal(unit.incident_id, incident.id)
    const timeline = await t.db
      .selectFrom('events')
      .select(['type', 'stream'])
      .where((eb) =>
        eb.or([
          eb('stream', '=', `incident:${incident.id}`),
          eb(sql<string>`payload ->> 'incidentId'`, '=', incident.id),
        ]),
      )
      .orderBy('id')
      .execute()
    assert.deepEqual(
      timeline.map((e) => e.type),
      ['unit.dispatched', 'unit.status_changed', 'incident.status_changed'],
    )
    const audit = (await auditRows(t, 'unit.dispatched')).filter(
      (r) => r.subject_id === incident.id,
    )
    assert.equal(audit.length, 1)
  })

  it('refuses an out-of-service unit and a committed one, unless stacking is asked for', async () => {
    const first = await buildIncident(t)
    const second = await buildIncident(t)
    const broken = await buildUnit(t, { status: 'out_of_service' })
    const busy = await buildUnit(t, { unitType: 'patrol', status: 'available' })
    const dispatcher = await staffWith(t, ['dispatcher'])
    const oos = await dispatcher.request('POST', `/api/incidents/${first.id}/dispatch`, {
      unitIds: [broken.id],
    })
    assert.equal(oos.statusCode, 409)
    assert.equal(oos.json().error.code, 'unit_not_available')

    await dispatcher.request('POST', `/api/incidents/${first.id}/dispatch`, { unitIds: [busy.id] })
    const refused = await dispatcher.request('POST', `/api/incidents/${second.id}/dispatch`, {
      unitIds: [busy.id],
    })
    assert.equal(refused.statusCode, 409)
    assert.match(refused.json().error.message, new RegExp(`on ${first.number}`))
    assert.deepEqual(await assignmentStates(busy.id), [[first.id, 'active']])

    const stacked = await dispatcher.request('POST', `/api/incidents/${second.id}/dispatch`, {
      unitIds: [busy.id],
      allowStacking: true,
    })
    assert.equal(stacked.statusCode, 200)
    assert.equal(stacked.json<Incident>().status, 'pending')
    assert.deepEqual(await assignmentStates(busy.id), [
      [first.id, 'active'],
      [second.id, 'stacked'],
    ])

    // Cleared from the first, the unit takes the stacked incident at once.
    const cleared = await dispatcher.request(
      'POST',
      `/api/incidents/${first.id}/units/${busy.id}/clear`,
      { reason: 'report taken' },
    )
    assert.equal(cleared.statusCode, 200)
    assert.deepEqual(await assignmentStates(busy.id), [
      [first.id, 'cleared'],
      [second.id, 'active'],
    ])
    const unit = await unitRow(busy.id)
    assert.equal(unit.status, 'dispatched')
    assert.equal(unit.incident_id, second.id)
    const secondNow = await dispatcher.request('GET', `/api/incidents/${second.id}`)
    assert.equal(secondNow.json<Incident>().status, 'active')
  })

  it('holds a unit to one active assignment in the database itself', async () => {
    const a = await buildIncident(t)
    const b = await buildIncident(t)
    const unit = await buildUnit(t)
    const row = (incident: typeof a) => ({
      unit_id: unit.id,
      incident_id: incident.id,
      incident_number: incident.number,
      state: 'active' as const,
      assigned_at: new Date(),
    })
    await t.db.insertInto('unit_assignments').values(row(a)).execute()
    await assert.rejects(
      t.db.insertInto('unit_assignments').values(row(b)).execute(),
      /unit_assignments_one_active/,
    )
  })

  it('gives each of two racing dispatchers a clear answer: one unit, one incident', async () => {
    const a = await buildIncident(t)
    const b = await buildIncident(t)
    const unit = await buildUnit(t, { status: 'available' })
    const one = await staffWith(t, ['dispatcher'])
    const two = await staffWith(t, ['dispatcher'])
    const results = await Promise.all([
      one.request('POST', `/api/incidents/${a.id}/dispatch`, { unitIds: [unit.id] }),
      two.request('POST', `/api/incidents/${b.id}/dispatch`, { unitIds: [unit.id] }),
    ])
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409])
    const active = (await assignmentStates(unit.id)).filter(([, state]) => state === 'active')
    assert.equal(active.length, 1)
  })
})

describe('POST /api/units/:id/status', () => {
  it('follows the normal order, refuses a skipped step without override, and logs an override', async () => {
    const incident = await buildIncident(t)
    const unit = await buildUnit(t, { unitType: 'patrol', status: 'available' })
    const dispatcher = await staffWith(t, ['dispatcher'])
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [unit.id],
    })

    const skipped = await dispatcher.request('POST', `/api/units/${unit.id}/status`, {
      status: 'on_scene',
    })
    assert.equal(skipped.statusCode, 409)
    assert.equal(skipped.json().error.code, 'status_transition_not_allowed')
    const noReason = await dispatcher.request('POST', `/api/units/${unit.id}/status`, {
      status: 'on_scene',
      override: true,
    })
    assert.equal(noReason.statusCode, 400)
    assert.equal(noReason.json().error.field, 'reason')
    const overridden = await dispatcher.request('POST', `/api/units/${unit.id}/status`, {
      status: 'on_scene',
      override: true,
      reason: 'officer was around the corner; arrived before calling en route',
    })
    assert.equal(overridden.statusCode, 200, overridden.body)
    assert.equal(overridden.json<Unit>().status, 'on_scene')
    const audit = (await auditRows(t, 'unit.status_overridden')).filter(
      (r) => r.subject_id === unit.id,
    )
    assert.deepEqual([audit[0]?.details.from, audit[0]?.details.to], ['dispatched', 'on_scene'])

    const notAssigned = await buildUnit(t, { status: 'available' })
    const enRoute = await dispatcher.request('POST', `/api/units/${notAssigned.id}/status`, {
      status: 'en_route',
    })
    assert.equal(enRoute.statusCode, 409)
    assert.equal(enRoute.json().error.code, 'unit_not_assigned')
  })

  it('clears the active assignment when the unit reports available', async () => {
    const incident = await buildIncident(t)
    const unit = await buildUnit(t, { status: 'available' })
    const dispatcher = await staffWith(t, ['dispatcher'])
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [unit.id],
    })
    await dispatcher.request('POST', `/api/units/${unit.id}/status`, { status: 'en_route' })
    await dispatcher.request('POST', `/api/units/${unit.id}/status`, { status: 'on_scene' })
    const response = await dispatcher.request('POST', `/api/units/${unit.id}/status`, {
      status: 'available',
    })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json<Unit>().incidentId, null)
    assert.deepEqual(await assignmentStates(unit.id), [[incident.id, 'cleared']])
    const out = await dispatcher.request('POST', `/api/units/${unit.id}/status`, {
      status: 'out_of_service',
    })
    assert.equal(out.statusCode, 400)
    assert.equal(out.json().error.field, 'reason')
  })
})

describe('POST /api/incidents/:id/units/:unitId/clear', () => {
  it('refuses to clear a transporting unit without an override, and logs the override', async () => {
    const incident = await buildIncident(t)
    const unit = await buildUnit(t, { status: 'available' })
    const dispatcher = await staffWith(t, ['dispatcher'])
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [unit.id],
    })
    for (const status of ['en_route', 'on_scene', 'transporting']) {
      const moved = await dispatcher.request('POST', `/api/units/${unit.id}/status`, { status })
      assert.equal(moved.statusCode, 200, moved.body)
    }
    const url = `/api/incidents/${incident.id}/units/${unit.id}/clear`
    const refused = await dispatcher.request('POST', url, { reason: 'transport cancelled' })
    assert.equal(refused.statusCode, 409)
    assert.equal(refused.json().error.code, 'status_transition_not_allowed')
    assert.equal((await unitRow(unit.id)).status, 'transporting')

    const cleared = await dispatcher.request('POST', url, {
      reason: 'transport cancelled',
      override: true,
    })
    assert.equal(cleared.statusCode, 200, cleared.body)
    assert.equal((await unitRow(unit.id)).status, 'available')
    const overrides = (await auditRows(t, 'unit.status_overridden')).filter(
      (row) => row.subject_id === unit.id,
    )
    assert.equal(overrides.length, 1)
  })
})

describe('run cards: GET /api/incidents/:id/recommendation and POST /api/incidents/:id/alarm', () => {
  it("recommends the town's free units first and reports a shortfall with its reason", async () => {
    const town = `Run ${Date.now()}`
    const fire = await buildAgency(t, { code: `R${Date.now() % 100000}`, kind: 'fire', town })
    const station = await buildStation(t, { agencyId: fire.id, town })
    const engines = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        buildUnit(t, {
          agencyId: fire.id,
          stationId: station.id,
          code: `E${Date.now() % 10000}${n}`,
        }),
      ),
    )
    await buildUnit(t, { agencyId: fire.id, stationId: station.id, unitType: 'chief' })
    const incident = await buildIncident(t, { natureCode: 'FIRE-STRUCT', town, agencyId: fire.id })
    const dispatcher = await staffWith(t, ['dispatcher'])

    const recommendation = (
      await dispatcher.request('GET', `/api/incidents/${incident.id}/recommendation`)
    ).json<Recommendation>()
    const engineLine = recommendation.lines.find((l) => l.unitType === 'engine')!
    assert.equal(engineLine.wanted, 3)
    assert.equal(engineLine.recommendedUnitIds.length, 3)
    assert.ok(engineLine.recommendedUnitIds.every((id) => engines.some((e) => e.id === id)))
    const ladderLine = recommendation.lines.find((l) => l.unitType === 'ladder')!
    assert.equal(ladderLine.missing, 1)
    assert.match(ladderLine.reason ?? '', /no ladder is available/)

    const first = recommendation.lines.flatMap((l) => l.recommendedUnitIds)
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, { unitIds: first })
    const upgraded = await dispatcher.request('POST', `/api/incidents/${incident.id}/alarm`, {})
    assert.equal(upgraded.statusCode, 200, upgraded.body)
    const body = upgraded.json<{ incident: Incident; recommendation: Recommendation }>()
    assert.equal(body.incident.alarmLevel, 2)
    // Level 2 adds two engines; only two are left, and nothing already sent is taken off.
    const active = body.incident.units.filter((u) => u.state === 'active')
    assert.equal(active.filter((u) => u.unitType === 'engine').length, 5)
    assert.equal(active.filter((u) => u.unitType === 'chief').length, 1)
    const ladders = body.recommendation.lines.find((l) => l.unitType === 'ladder')!
    assert.equal(ladders.missing, 2)
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `incident:${incident.id}`)
      .where('type', '=', 'incident.alarm_upgraded')
      .executeTakeFirstOrThrow()
    assert.deepEqual((event.payload as { shortfall: unknown[] }).shortfall.length > 0, true)
  })
})
