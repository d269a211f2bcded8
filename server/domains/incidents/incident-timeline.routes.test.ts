import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { IncidentTimeline } from '@common/api/timeline.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, buildUnit, incidentFromCall, staffWith } from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('GET /api/incidents/:id/timeline', () => {
  it('answers 401 without a session and 404 for an unknown incident', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    assert.equal((await t.request('GET', `/api/incidents/${id}/timeline`)).statusCode, 401)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const missing = await dispatcher.request('GET', `/api/incidents/${id}/timeline`)
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().error.code, 'incident_not_found')
  })

  it('tells the incident from the first ring: calls, units and notes, with who and where', async () => {
    const town = `Tl ${randomBytes(3).toString('hex')}`
    const fire = await buildAgency(t, {
      code: `T${randomBytes(3).toString('hex').toUpperCase()}`,
      kind: 'fire',
      town,
    })
    const engine = await buildUnit(t, { agencyId: fire.id, status: 'available' })
    const phone = await staffWith(t, ['integration'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const location = {
      source: 'ali',
      civic: { houseNumber: '5', street: 'Elm', streetType: 'St', town },
      point: { lat: 42.41, lon: -71.61 },
    }
    const { incident } = await incidentFromCall(
      phone,
      calltaker,
      { line: '911', ani: '5085550101', location },
      'SMOKE-INV',
    )
    const second = (
      await phone.request('POST', '/api/calls', { line: '911', ani: '5085550102', location })
    ).json<CallView>()
    await calltaker.request('POST', `/api/calls/${second.id}/attach`, { incidentId: incident.id })
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [engine.id],
    })
    await dispatcher.request('POST', `/api/units/${engine.id}/status`, { status: 'en_route' })
    await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, {
      text: 'smoke from the eaves',
    })

    const response = await dispatcher.request(
      'GET',
      `/api/incidents/${incident.id}/timeline?download=true`,
    )
    assert.equal(response.statusCode, 200)
    assert.match(
      String(response.headers['content-disposition']),
      new RegExp(`${incident.number}-timeline.json`),
    )
    const timeline = response.json<IncidentTimeline>()
    assert.deepEqual(
      timeline.entries.map((e) => e.type),
      [
        'call.offered',
        'call.answered',
        'incident.created',
        'call.attached',
        'call.offered',
        'call.attached',
        'unit.dispatched',
        'unit.status_changed',
        'incident.status_changed',
        'unit.status_changed',
        'incident.note_added',
      ],
    )
    const answered = timeline.entries[1]!
    assert.equal(answered.actorUsername, calltaker.username)
    assert.match(answered.summary, /^Call answered at P/)
    const enRoute = timeline.entries[9]!
    assert.equal(enRoute.summary, `${engine.code} en route`)
    assert.equal(enRoute.actorUsername, dispatcher.username)
    assert.ok(timeline.entries.every((e, i, all) => i === 0 || all[i - 1]!.at <= e.at))
  })
})
