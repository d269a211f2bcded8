import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { Incident } from '@common/api/incidents.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import {
  auditRows,
  buildAgency,
  buildIncident,
  buildUnit,
  staffWith,
} from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

/** A town of its own for each test, with a police and a fire agency serving it. */
async function town() {
  const name = `Town ${randomBytes(3).toString('hex')}`
  const code = randomBytes(2).toString('hex').toUpperCase()
  const police = await buildAgency(t, { code: `P${code}`, kind: 'police', town: name })
  const fire = await buildAgency(t, { code: `F${code}`, kind: 'fire', town: name })
  return { name, police, fire }
}

const at = (townName: string, houseNumber = '12') => ({
  civic: { houseNumber, street: 'Main', streetType: 'Street', town: townName },
  point: { lat: 42.2626, lon: -71.8023 },
})

describe('POST /api/incidents', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', '/api/incidents', {})
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const noNature = await calltaker.request('POST', '/api/incidents', { location: { text: 'x' } })
    assert.equal(noNature.statusCode, 400)
    assert.equal(noNature.json().error.field, 'natureCode')
    const noLocation = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'FALL',
      location: {},
    })
    assert.equal(noLocation.statusCode, 400)
    assert.equal(noLocation.json().error.field, 'location.civic')
    const badNature = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'NOPE',
      location: { text: 'Union Station' },
    })
    assert.equal(badNature.statusCode, 404)
    assert.equal(badNature.json().error.field, 'natureCode')
  })

  it('refuses a records clerk with 403 and audits the denial', async () => {
    const clerk = await staffWith(t, ['records_clerk'])
    const response = await clerk.request('POST', '/api/incidents', {
      natureCode: 'FALL',
      location: { text: 'x' },
    })
    assert.equal(response.statusCode, 403)
    const denials = (await auditRows(t, 'access.denied')).filter((r) => r.user_id === clerk.userId)
    assert.equal(denials.length, 1)
  })

  it("opens it for the town's agency of the nature's discipline, numbered, with its event and audit row", async () => {
    const { name, police, fire } = await town()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'CHEST-PAIN',
      location: at(name),
      narrative: '64-year-old male, chest pain, conscious',
    })
    assert.equal(response.statusCode, 201, response.body)
    const incident = response.json<Incident>()
    // EMS with no EMS agency in town goes to the town's fire department.
    assert.equal(incident.agencyId, fire.id)
    assert.match(incident.number, new RegExp(`^${fire.code}-20\\d\\d-000001$`))
    assert.equal(incident.priority, 1)
    assert.equal(incident.status, 'pending')
    assert.equal(incident.location.text, `12 Main Street, ${name}`)
    assert.equal(incident.notes[0]?.text, '64-year-old male, chest pain, conscious')

    const police1 = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'NOISE',
      kind: 'non_emergency',
      location: at(name),
    })
    assert.equal(police1.json<Incident>().agencyId, police.id)
    assert.equal(police1.json<Incident>().priority, 5)

    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `incident:${incident.id}`)
      .orderBy('id')
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['incident.created', 'incident.note_added'],
    )
    assert.equal(events[0]?.actor_position_id, calltaker.positionId)
    const audit = (await auditRows(t, 'incident.created')).filter(
      (r) => r.subject_id === incident.id,
    )
    assert.equal(audit.length, 1)
  })

  it('asks for the agency when the location names no town it serves', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'FALL',
      location: { point: { lat: 42.3, lon: -71.8 } },
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'agencyId')
    assert.equal(await countIncidentsWithNature('FALL'), 0)
  })

  it('hands out unique numbers to concurrent call takers', async () => {
    const { name, police } = await town()
    const calltaker = await staffWith(t, ['call_taker'])
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        calltaker.request('POST', '/api/incidents', {
          natureCode: 'SUSPICIOUS',
          location: at(name, String(i + 1)),
        }),
      ),
    )
    const numbers = responses.map((r) => r.json<Incident>().number)
    assert.equal(new Set(numbers).size, 12)
    assert.deepEqual(
      numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i + 1),
    )
    assert.ok(numbers.every((n) => n.startsWith(`${police.code}-`)))
  })
})

async function countIncidentsWithNature(code: string): Promise<number> {
  const row = await t.db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('nature_code', '=', code)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('POST /api/incidents/:id/priority', () => {
  it('needs a reason, names the field, and logs who changed what', async () => {
    const incident = await buildIncident(t, { priority: 3 })
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const noReason = await dispatcher.request('POST', `/api/incidents/${incident.id}/priority`, {
      priority: 1,
    })
    assert.equal(noReason.statusCode, 400)
    assert.equal(noReason.json().error.field, 'reason')
    const response = await dispatcher.request('POST', `/api/incidents/${incident.id}/priority`, {
      priority: 1,
      reason: 'caller reports a weapon',
    })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json<Incident>().priority, 1)
    const event = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `incident:${incident.id}`)
      .where('type', '=', 'incident.priority_changed')
      .executeTakeFirstOrThrow()
    assert.deepEqual(event.payload, {
      incidentId: incident.id,
      number: incident.number,
      priority: 1,
      previousPriority: 3,
      reason: 'caller reports a weapon',
    })
    assert.equal(event.actor_user_id, dispatcher.userId)
  })
})

describe('POST /api/incidents/:id/notes', () => {
  it('appends; a correction names the note it replaces, and the old one stays', async () => {
    const incident = await buildIncident(t)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const first = await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, {
      text: 'suspect wearing a red jacket',
    })
    assert.equal(first.statusCode, 201)
    const noteId = first.json<Incident>().notes[0]!.id
    const corrected = await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, {
      text: 'suspect wearing a blue jacket',
      supersedesNoteId: noteId,
    })
    const notes = corrected.json<Incident>().notes
    assert.equal(notes.length, 2)
    assert.equal(notes[0]?.supersededByNoteId, notes[1]?.id)
    assert.equal(notes[1]?.supersedesNoteId, noteId)

    const again = await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, {
      text: 'green jacket',
      supersedesNoteId: noteId,
    })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'note_already_superseded')
    await assert.rejects(
      sql`update incident_notes set text = 'changed' where id = ${noteId}`.execute(t.db),
      /append-only/,
    )
  })
})

describe('POST /api/incidents/:id/close and /reopen', () => {
  it('refuses while units are on it, needs an incident disposition, and reopens with a reason', async () => {
    const incident = await buildIncident(t, { natureCode: 'FIRE-ALARM' })
    const engine = await buildUnit(t, { status: 'available' })
    const dispatcher = await staffWith(t, ['dispatcher'])
    const sent = await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [engine.id],
    })
    assert.equal(sent.statusCode, 200, sent.body)

    const busy = await dispatcher.request('POST', `/api/incidents/${incident.id}/close`, {
      disposition: 'false_alarm',
    })
    assert.equal(busy.statusCode, 409)
    assert.equal(busy.json().error.code, 'units_still_assigned')
    assert.match(busy.json().error.message, new RegExp(engine.code))

    await dispatcher.request('POST', `/api/incidents/${incident.id}/units/${engine.id}/clear`, {})
    const callOnly = await dispatcher.request('POST', `/api/incidents/${incident.id}/close`, {
      disposition: 'misdial',
    })
    assert.equal(callOnly.statusCode, 404)
    assert.equal(callOnly.json().error.field, 'disposition')

    const closed = await dispatcher.request('POST', `/api/incidents/${incident.id}/close`, {
      disposition: 'false_alarm',
    })
    assert.equal(closed.statusCode, 200)
    assert.equal(closed.json<Incident>().status, 'closed')
    const late = await dispatcher.request('POST', `/api/incidents/${incident.id}/priority`, {
      priority: 1,
      reason: 'x',
    })
    assert.equal(late.statusCode, 409)
    assert.equal(late.json().error.code, 'incident_closed')

    const reopened = await dispatcher.request('POST', `/api/incidents/${incident.id}/reopen`, {
      reason: 'alarm sounding again',
    })
    assert.equal(reopened.statusCode, 200)
    assert.equal(reopened.json<Incident>().status, 'active')
    assert.equal(reopened.json<Incident>().number, incident.number)
  })
})

describe('GET /api/incidents/unverified-locations', () => {
  it('lists locations used without verification until a supervisor follows them up', async () => {
    const { name } = await town()
    const calltaker = await staffWith(t, ['call_taker'])
    const supervisor = await staffWith(t, ['supervisor'])
    const opened = await calltaker.request('POST', '/api/incidents', {
      natureCode: 'WELFARE',
      location: { ...at(name, '999'), overrideReason: 'caller insists; not in the address list' },
    })
    const id = opened.json<Incident>().id
    const listed = await supervisor.request('GET', '/api/incidents/unverified-locations')
    const entry = listed.json<Incident[]>().find((i) => i.id === id)
    assert.equal(entry?.location.overrideReason, 'caller insists; not in the address list')
    assert.equal(
      (await calltaker.request('GET', '/api/incidents/unverified-locations')).statusCode,
      403,
    )

    const done = await supervisor.request('POST', `/api/incidents/${id}/location/follow-up`, {
      note: 'new construction; added to the MSAG request list',
    })
    assert.equal(done.statusCode, 200)
    const after = await supervisor.request('GET', '/api/incidents/unverified-locations')
    assert.equal(
      after.json<Incident[]>().find((i) => i.id === id),
      undefined,
    )
  })
})
