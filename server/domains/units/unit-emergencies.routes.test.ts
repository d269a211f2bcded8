import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import {
  auditRows,
  buildAgency,
  buildIncident,
  buildUnit,
  staffWith,
} from '../../test/factories.ts'
import { openConsole } from '../../test/live-client.ts'

let t: TestPlatform
let baseUrl: string
before(async () => {
  t = await startTestPlatform({ timerScanMs: 3_600_000 })
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'

const eventsOf = (unitId: string, type: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', `unit:${unitId}`)
    .where('type', '=', type)
    .orderBy('id')
    .execute()

const emergenciesOf = (unitId: string) =>
  t.db.selectFrom('unit_emergencies').selectAll().where('unit_id', '=', unitId).execute()

/** A unit with an open emergency, pressed by a radio system. */
async function unitInEmergency(agencyId?: string) {
  const unit = await buildUnit(t, agencyId ? { agencyId } : {})
  const radio = await staffWith(t, ['integration'])
  const response = await radio.request('POST', `/api/units/${unit.id}/emergency`, {})
  assert.equal(response.statusCode, 201)
  return { unit, emergency: response.json<{ id: string }>() }
}

describe('POST /api/units/:id/emergency', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', `/api/units/${NO_SUCH_ID}/emergency`, {})
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const unit = await buildUnit(t)
    const radio = await staffWith(t, ['integration'])
    const halfFix = await radio.request('POST', `/api/units/${unit.id}/emergency`, { lat: 42.3 })
    assert.equal(halfFix.statusCode, 400)
    assert.equal(halfFix.json().error.field, 'lon')
    const outOfRange = await radio.request('POST', `/api/units/${unit.id}/emergency`, {
      lat: 142,
      lon: -71.8,
    })
    assert.equal(outOfRange.statusCode, 400)
    assert.equal(outOfRange.json().error.field, 'lat')
    assert.deepEqual(await emergenciesOf(unit.id), [])
  })

  it('refuses a call taker with 403, audited, and opens nothing', async () => {
    const unit = await buildUnit(t)
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', `/api/units/${unit.id}/emergency`, {})
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denied[0]?.subject_id, 'POST /api/units/:id/emergency')
    assert.deepEqual(await emergenciesOf(unit.id), [])
  })

  it('answers 404 unit_not_found for an unknown unit', async () => {
    const radio = await staffWith(t, ['integration'])
    const response = await radio.request('POST', `/api/units/${NO_SUCH_ID}/emergency`, {})
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'unit_not_found')
  })

  it('opens the emergency: reply, row, event to the agency dispatch floor, audit row', async () => {
    const agency = await buildAgency(t, { kind: 'police' })
    const unit = await buildUnit(t, { agencyId: agency.id, unitType: 'patrol', status: 'on_scene' })
    const incident = await buildIncident(t, { agencyId: agency.id, status: 'active' })
    await t.db
      .updateTable('units')
      .set({ incident_id: incident.id })
      .where('id', '=', unit.id)
      .execute()
    const radio = await staffWith(t, ['integration'])
    const response = await radio.request('POST', `/api/units/${unit.id}/emergency`, {
      lat: 42.2626,
      lon: -71.8023,
    })
    assert.equal(response.statusCode, 201)
    const body = response.json()
    assert.deepEqual(body, {
      id: body.id,
      unitId: unit.id,
      unitCode: unit.code,
      agencyId: agency.id,
      incidentId: incident.id,
      lat: 42.2626,
      lon: -71.8023,
      startedAt: body.startedAt,
      startedByUserId: radio.userId,
      acknowledgedAt: null,
      acknowledgedByUserId: null,
      stoppedAt: null,
      stoppedByUserId: null,
      stopReason: null,
    })

    const rows = await emergenciesOf(unit.id)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.incident_id, incident.id)
    assert.equal(rows[0]?.started_at.toISOString(), body.startedAt)
    assert.equal(rows[0]?.started_by_user_id, radio.userId)

    const events = await eventsOf(unit.id, 'unit.emergency_started')
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      emergencyId: body.id,
      unitId: unit.id,
      unitCode: unit.code,
      agencyId: agency.id,
      incidentId: incident.id,
      lat: 42.2626,
      lon: -71.8023,
      startedAt: body.startedAt,
    })
    assert.deepEqual(events[0]?.audience_roles, ['dispatcher', 'supervisor'])
    assert.deepEqual(events[0]?.audience_agency_ids, [agency.id])

    const audit = (await auditRows(t, 'unit.emergency_started')).filter(
      (r) => r.subject_id === body.id,
    )
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, radio.userId)
    assert.deepEqual(audit[0]?.details, {
      unitId: unit.id,
      code: unit.code,
      incidentId: incident.id,
      lat: 42.2626,
      lon: -71.8023,
      locatedBy: 'device',
    })
  })

  it("records the unit's last AVL fix when the device sends no position", async () => {
    const unit = await buildUnit(t)
    await t.db
      .updateTable('units')
      .set({ fix_lat: 42.27, fix_lon: -71.81, fix_at: t.clock.now() })
      .where('id', '=', unit.id)
      .execute()
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', `/api/units/${unit.id}/emergency`)
    assert.equal(response.statusCode, 201)
    assert.equal(response.json().lat, 42.27)
    assert.equal(response.json().lon, -71.81)
  })

  it('refuses a second press while one is open with 409 unit_emergency_open, even at once', async () => {
    const unit = await buildUnit(t)
    const radio = await staffWith(t, ['integration'])
    const press = () => radio.request('POST', `/api/units/${unit.id}/emergency`, {})
    const statuses = (await Promise.all([press(), press()])).map((r) => r.statusCode).sort()
    assert.deepEqual(statuses, [201, 409])
    const again = await press()
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'unit_emergency_open')
    assert.equal((await emergenciesOf(unit.id)).length, 1)
    assert.equal((await eventsOf(unit.id, 'unit.emergency_started')).length, 1)
  })

  it('reaches the dispatch consoles of the unit agency, not those of another agency', async () => {
    const fire = await buildAgency(t, { kind: 'fire' })
    const police = await buildAgency(t, { kind: 'police' })
    const fireDispatcher = await staffWith(t, ['dispatcher'], {
      agencyId: fire.id,
      atPosition: true,
    })
    const policeDispatcher = await staffWith(t, ['dispatcher'], {
      agencyId: police.id,
      atPosition: true,
    })
    const fireConsole = await openConsole(baseUrl, fireDispatcher.cookie)
    const policeConsole = await openConsole(baseUrl, policeDispatcher.cookie)
    await fireConsole.waitFor((m) => m.some((x) => x.type === 'live'))
    await policeConsole.waitFor((m) => m.some((x) => x.type === 'live'))

    // Events arrive in log order: once a console has a later event, an earlier one it lacks
    // was withheld, not late.
    const engine = await unitInEmergency(fire.id)
    const patrol = await unitInEmergency(police.id)
    const ladder = await unitInEmergency(fire.id)
    const started = (console: typeof fireConsole) =>
      console
        .events()
        .filter((e) => e.type === 'unit.emergency_started')
        .map((e) => (e.payload as { emergencyId: string }).emergencyId)
    await fireConsole.waitFor(() => started(fireConsole).includes(ladder.emergency.id))
    await policeConsole.waitFor(() => started(policeConsole).includes(patrol.emergency.id))
    assert.deepEqual(started(fireConsole), [engine.emergency.id, ladder.emergency.id])
    assert.deepEqual(started(policeConsole), [patrol.emergency.id])
    await fireConsole.close()
    await policeConsole.close()
  })
})

describe('POST /api/unit-emergencies/:id/acknowledge', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', `/api/unit-emergencies/${NO_SUCH_ID}/acknowledge`)
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', '/api/unit-emergencies/42/acknowledge')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'id')
  })

  it('refuses the radio system with 403, audited', async () => {
    const { emergency } = await unitInEmergency()
    const radio = await staffWith(t, ['integration'])
    const response = await radio.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/acknowledge`,
    )
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter((r) => r.user_id === radio.userId)
    assert.equal(denied[0]?.subject_id, 'POST /api/unit-emergencies/:id/acknowledge')
  })

  it("answers 404 unit_emergency_not_found for an unknown one, and another agency's, audited", async () => {
    const { emergency } = await unitInEmergency()
    const other = await buildAgency(t, { kind: 'ems' })
    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: other.id })
    for (const id of [NO_SUCH_ID, emergency.id]) {
      const response = await dispatcher.request('POST', `/api/unit-emergencies/${id}/acknowledge`)
      assert.equal(response.statusCode, 404)
      assert.equal(response.json().error.code, 'unit_emergency_not_found')
    }
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === dispatcher.userId,
    )
    assert.deepEqual(
      denied.map((r) => r.subject_id),
      [emergency.id],
    )
  })

  it('acknowledges: reply, row, event and audit row; twice is 409 already_acknowledged', async () => {
    const { unit, emergency } = await unitInEmergency()
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const response = await dispatcher.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/acknowledge`,
    )
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.equal(body.acknowledgedByUserId, dispatcher.userId)
    assert.equal(body.stoppedAt, null)
    const [row] = await emergenciesOf(unit.id)
    assert.equal(row?.acknowledged_at?.toISOString(), body.acknowledgedAt)
    assert.equal(row?.acknowledged_by_user_id, dispatcher.userId)
    const events = await eventsOf(unit.id, 'unit.emergency_acknowledged')
    assert.deepEqual(events[0]?.payload, {
      emergencyId: emergency.id,
      unitId: unit.id,
      unitCode: unit.code,
      incidentId: null,
      acknowledgedAt: body.acknowledgedAt,
      acknowledgedByUserId: dispatcher.userId,
    })
    assert.deepEqual(events[0]?.audience_agency_ids, [unit.agency_id])
    const audit = (await auditRows(t, 'unit.emergency_acknowledged')).filter(
      (r) => r.subject_id === emergency.id,
    )
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.position_id, dispatcher.positionId)

    const again = await dispatcher.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/acknowledge`,
    )
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'already_acknowledged')
    assert.equal((await eventsOf(unit.id, 'unit.emergency_acknowledged')).length, 1)
  })

  it('refuses a stopped emergency with 409 unit_emergency_stopped', async () => {
    const { emergency } = await unitInEmergency()
    const supervisor = await staffWith(t, ['supervisor'])
    await supervisor.request('POST', `/api/unit-emergencies/${emergency.id}/stop`, {
      reason: 'pressed by mistake',
    })
    const response = await supervisor.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/acknowledge`,
    )
    assert.equal(response.statusCode, 409)
    assert.equal(response.json().error.code, 'unit_emergency_stopped')
  })
})

describe('POST /api/unit-emergencies/:id/stop', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', `/api/unit-emergencies/${NO_SUCH_ID}/stop`, {
      reason: 'safe',
    })
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const { emergency } = await unitInEmergency()
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/stop`,
      { reason: '   ' },
    )
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'reason')
  })

  it('refuses a call taker with 403, audited', async () => {
    const { emergency } = await unitInEmergency()
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', `/api/unit-emergencies/${emergency.id}/stop`, {
      reason: 'safe',
    })
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denied[0]?.subject_id, 'POST /api/unit-emergencies/:id/stop')
  })

  it('stops: start, acknowledge and stop times kept; event and audit row; a new press opens anew', async () => {
    const { unit, emergency } = await unitInEmergency()
    const dispatcher = await staffWith(t, ['dispatcher'])
    await dispatcher.request('POST', `/api/unit-emergencies/${emergency.id}/acknowledge`)
    t.clock.advance(90_000)
    const response = await dispatcher.request(
      'POST',
      `/api/unit-emergencies/${emergency.id}/stop`,
      { reason: 'Officer safe, suspect in custody' },
    )
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.equal(body.stopReason, 'Officer safe, suspect in custody')
    assert.equal(body.stoppedByUserId, dispatcher.userId)
    assert.ok(body.startedAt < body.acknowledgedAt && body.acknowledgedAt < body.stoppedAt)

    const [row] = await emergenciesOf(unit.id)
    assert.equal(row?.stopped_at?.toISOString(), body.stoppedAt)
    assert.equal(row?.stop_reason, 'Officer safe, suspect in custody')
    const events = await eventsOf(unit.id, 'unit.emergency_stopped')
    assert.deepEqual(events[0]?.payload, {
      emergencyId: emergency.id,
      unitId: unit.id,
      unitCode: unit.code,
      incidentId: null,
      stoppedAt: body.stoppedAt,
      reason: 'Officer safe, suspect in custody',
    })
    const audit = (await auditRows(t, 'unit.emergency_stopped')).filter(
      (r) => r.subject_id === emergency.id,
    )
    assert.equal(audit[0]?.details.reason, 'Officer safe, suspect in custody')
    assert.equal(audit[0]?.details.acknowledgedAt, body.acknowledgedAt)

    const again = await dispatcher.request('POST', `/api/unit-emergencies/${emergency.id}/stop`, {
      reason: 'again',
    })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'unit_emergency_stopped')

    const radio = await staffWith(t, ['integration'])
    const next = await radio.request('POST', `/api/units/${unit.id}/emergency`, {})
    assert.equal(next.statusCode, 201)
    assert.notEqual(next.json().id, emergency.id)
  })
})

describe('GET /api/unit-emergencies', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/unit-emergencies?open=true')).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('GET', '/api/unit-emergencies?limit=0')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'limit')
  })

  it('refuses the radio system with 403, audited', async () => {
    const radio = await staffWith(t, ['integration'])
    const response = await radio.request('GET', '/api/unit-emergencies?open=true')
    assert.equal(response.statusCode, 403)
    const denied = (await auditRows(t, 'access.denied')).filter((r) => r.user_id === radio.userId)
    assert.equal(denied[0]?.subject_id, 'GET /api/unit-emergencies')
  })

  it("lists open emergencies; stopped ones leave it; agency staff see their agency's", async () => {
    const agency = await buildAgency(t, { kind: 'fire' })
    const ours = await unitInEmergency(agency.id)
    const stopped = await unitInEmergency(agency.id)
    const theirs = await unitInEmergency()
    const supervisor = await staffWith(t, ['supervisor'])
    await supervisor.request('POST', `/api/unit-emergencies/${stopped.emergency.id}/stop`, {
      reason: 'test',
    })

    const dispatcher = await staffWith(t, ['dispatcher'], { agencyId: agency.id })
    const response = await dispatcher.request('GET', '/api/unit-emergencies?open=true')
    assert.equal(response.statusCode, 200)
    assert.deepEqual(
      response.json().map((e: { id: string }) => e.id),
      [ours.emergency.id],
    )
    const center = (await supervisor.request('GET', '/api/unit-emergencies?open=true')).json()
    const ids = center.map((e: { id: string }) => e.id)
    assert.ok(ids.includes(ours.emergency.id) && ids.includes(theirs.emergency.id))
    assert.ok(!ids.includes(stopped.emergency.id))
    const all = (await dispatcher.request('GET', '/api/unit-emergencies')).json()
    assert.deepEqual(
      all.map((e: { id: string }) => e.id).sort(),
      [ours.emergency.id, stopped.emergency.id].sort(),
    )
  })
})
