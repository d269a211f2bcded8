import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildIncident, staffWith } from '../../test/factories.ts'
import { openConsole } from '../../test/live-client.ts'

const HOUR_MS = 3_600_000

let t: TestPlatform
let baseUrl: string
before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

const boloEvents = (id: string, type: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', `bolo:${id}`)
    .where('type', '=', type)
    .execute()

const boloCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('bolos')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

const vehicleBolo = {
  kind: 'vehicle',
  plate: '1abc 23',
  plateState: 'ma',
  vehicle: 'Red Honda Civic, dent in the rear bumper',
  details: 'Left the scene of a hit and run, heading north on Route 12',
}

describe('POST /api/bolos', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('POST', '/api/bolos', vehicleBolo)).statusCode, 401)
  })

  it('answers 400 naming the field, and writes nothing', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const before = await boloCount()
    const cases: [Record<string, unknown>, string][] = [
      [{ ...vehicleBolo, kind: 'boat' }, 'kind'],
      [{ kind: 'vehicle', details: 'no plate, no vehicle' }, 'plate'],
      [{ kind: 'person', vehicle: 'blue van', details: 'no person' }, 'person'],
      [{ ...vehicleBolo, plate: 'AB!C' }, 'plate'],
      [{ ...vehicleBolo, details: '' }, 'details'],
      [{ ...vehicleBolo, expiresAt: '2099-01-01T00:00:00Z', expiresInHours: 4 }, 'expiresInHours'],
      [{ ...vehicleBolo, expiresAt: new Date(Date.now() - HOUR_MS).toISOString() }, 'expiresAt'],
      [{ ...vehicleBolo, expiresInHours: 24 * 365 }, 'expiresInHours'],
      [{ ...vehicleBolo, incidentId: '00000000-0000-4000-8000-000000000000' }, 'incidentId'],
    ]
    for (const [body, field] of cases) {
      const response = await dispatcher.request('POST', '/api/bolos', body)
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`)
      assert.equal(response.json().error.field, field, response.body)
    }
    assert.equal(await boloCount(), before)
  })

  it('refuses a records clerk with 403 and audits the denial', async () => {
    const clerk = await staffWith(t, ['records_clerk'])
    const before = await boloCount()
    const response = await clerk.request('POST', '/api/bolos', vehicleBolo)
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.code, 'forbidden')
    const denial = (await auditRows(t, 'access.denied')).filter((r) => r.user_id === clerk.userId)
    assert.equal(denial.length, 1)
    assert.equal(denial[0]?.outcome, 'denied')
    assert.equal(denial[0]?.subject_id, 'POST /api/bolos')
    assert.equal(await boloCount(), before)
  })

  it('issues a BOLO with its plate normalised: reply, row, event and audit row', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const incident = await buildIncident(t)
    const response = await dispatcher.request('POST', '/api/bolos', {
      ...vehicleBolo,
      incidentId: incident.id,
    })
    assert.equal(response.statusCode, 201)
    const bolo = response.json()
    assert.equal(bolo.plate, '1ABC23')
    assert.equal(bolo.plateState, 'MA')
    assert.equal(bolo.kind, 'vehicle')
    assert.equal(bolo.vehicle, vehicleBolo.vehicle)
    assert.equal(bolo.person, null)
    assert.equal(bolo.incidentId, incident.id)
    assert.equal(bolo.status, 'active')
    assert.equal(bolo.createdByUserId, dispatcher.userId)
    assert.equal(Date.parse(bolo.expiresAt) - Date.parse(bolo.createdAt), 24 * HOUR_MS)

    const row = await t.db
      .selectFrom('bolos')
      .selectAll()
      .where('id', '=', bolo.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.plate, '1ABC23')
    assert.equal(row.details, vehicleBolo.details)
    assert.equal(row.expires_at.toISOString(), bolo.expiresAt)
    assert.equal(row.cancelled_at, null)

    const events = await boloEvents(bolo.id, 'bolo.issued')
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      boloId: bolo.id,
      kind: 'vehicle',
      plate: '1ABC23',
      plateState: 'MA',
      vehicle: vehicleBolo.vehicle,
      person: null,
      details: vehicleBolo.details,
      incidentId: incident.id,
      expiresAt: bolo.expiresAt,
    })
    assert.deepEqual(events[0]?.audience_roles, ['dispatcher', 'supervisor'])
    assert.equal(events[0]?.actor_position_id, dispatcher.positionId)

    const audit = (await auditRows(t, 'bolo.issued')).filter((r) => r.subject_id === bolo.id)
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, dispatcher.userId)
    assert.deepEqual(audit[0]?.details, {
      kind: 'vehicle',
      plate: '1ABC23',
      incidentId: incident.id,
      expiresAt: bolo.expiresAt,
    })
  })

  it('issues a person BOLO expiring when told', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request('POST', '/api/bolos', {
      kind: 'person',
      person: 'Missing man, 82, grey coat, walks with a cane',
      details: 'Wandered from 14 Elm St; has dementia',
      expiresInHours: 6,
    })
    assert.equal(response.statusCode, 201)
    const bolo = response.json()
    assert.equal(bolo.plate, null)
    assert.equal(Date.parse(bolo.expiresAt) - Date.parse(bolo.createdAt), 6 * HOUR_MS)
  })

  it('reaches every dispatch position live, and not a records clerk', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const clerk = await staffWith(t, ['records_clerk'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const dispatchConsole = await openConsole(baseUrl, dispatcher.cookie)
    const clerkConsole = await openConsole(baseUrl, clerk.cookie)
    await dispatchConsole.waitFor((m) => m.some((x) => x.type === 'live'))
    await clerkConsole.waitFor((m) => m.some((x) => x.type === 'live'))

    const issued = await dispatcher.request('POST', '/api/bolos', {
      ...vehicleBolo,
      plate: 'LIVE 1',
    })
    assert.equal(issued.statusCode, 201)
    const id = issued.json().id as string
    const cancelled = await dispatcher.request('POST', `/api/bolos/${id}/cancel`, {
      reason: 'vehicle stopped in Holden',
    })
    assert.equal(cancelled.statusCode, 200)
    // Every console may see a position's state; once the clerk has it, anything committed
    // before it that the clerk may see has arrived too.
    const marker = await calltaker.request('POST', '/api/positions/current/state', {
      state: 'ready',
      reason: 'after the BOLO',
    })
    assert.equal(marker.statusCode, 200)

    const isBolo = (type: string) => type === 'bolo.issued' || type === 'bolo.cancelled'
    await dispatchConsole.waitFor(() =>
      dispatchConsole.events().some((e) => e.type === 'position.state_changed'),
    )
    const heard = dispatchConsole.events().filter((e) => isBolo(e.type))
    assert.deepEqual(
      heard.map((e) => [e.type, e.stream]),
      [
        ['bolo.issued', `bolo:${id}`],
        ['bolo.cancelled', `bolo:${id}`],
      ],
    )
    assert.equal((heard[0]?.payload as { plate: string }).plate, 'LIVE1')

    await clerkConsole.waitFor(() =>
      clerkConsole.events().some((e) => e.type === 'position.state_changed'),
    )
    assert.deepEqual(
      clerkConsole.events().filter((e) => isBolo(e.type)),
      [],
    )
    await dispatchConsole.close()
    await clerkConsole.close()
  })
})

describe('GET /api/bolos', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/bolos')).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const clerk = await staffWith(t, ['records_clerk'])
    const response = await clerk.request('GET', '/api/bolos?includeExpired=perhaps')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'includeExpired')
  })

  it('finds a plate however it is typed, and the vehicle, person and details ignoring case', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const clerk = await staffWith(t, ['records_clerk'])
    const issue = async (body: Record<string, unknown>) => {
      const response = await dispatcher.request('POST', '/api/bolos', body)
      assert.equal(response.statusCode, 201, response.body)
      return response.json().id as string
    }
    const car = await issue({
      kind: 'vehicle',
      plate: '7XY-Z 99',
      vehicle: 'Green Subaru Outback',
      details: 'Stolen from Shrewsbury St',
    })
    const man = await issue({
      kind: 'person',
      person: 'Tall man in an orange parka',
      details: 'Armed robbery suspect, 50% chance he is on foot',
    })
    const search = async (q: string) => {
      const response = await clerk.request('GET', `/api/bolos?q=${encodeURIComponent(q)}`)
      assert.equal(response.statusCode, 200)
      return response.json().map((b: { id: string }) => b.id) as string[]
    }
    assert.deepEqual(await search('7xyz 99'), [car])
    assert.deepEqual(await search('7XYZ99'), [car])
    assert.deepEqual(await search('xy-z9'), [car])
    assert.deepEqual(await search('green subaru'), [car])
    assert.deepEqual(await search('SHREWSBURY'), [car])
    assert.deepEqual(await search('Orange Parka'), [man])
    assert.deepEqual(await search('50%'), [man])
    assert.deepEqual(await search('0%'), [man])
    assert.deepEqual(await search('nothing like this'), [])
  })

  it('lists BOLOs in force; expired and cancelled ones only when asked', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const issue = async (plate: string, expiresInHours: number) => {
      const response = await dispatcher.request('POST', '/api/bolos', {
        kind: 'vehicle',
        plate,
        details: 'expiry test',
        expiresInHours,
      })
      assert.equal(response.statusCode, 201)
      return response.json().id as string
    }
    const lasting = await issue('EXP1', 24)
    const brief = await issue('EXP2', 0.01)
    const cancelled = await issue('EXP3', 24)
    await dispatcher.request('POST', `/api/bolos/${cancelled}/cancel`, { reason: 'found' })
    t.clock.advance(60_000)
    const active = await dispatcher.request('GET', '/api/bolos?q=exp')
    assert.deepEqual(
      active.json().map((b: { id: string }) => b.id),
      [lasting],
    )
    const all = await dispatcher.request('GET', '/api/bolos?q=exp&includeExpired=true')
    const statuses = Object.fromEntries(
      all.json().map((b: { id: string; status: string }) => [b.id, b.status]),
    )
    assert.deepEqual(statuses, {
      [lasting]: 'active',
      [brief]: 'expired',
      [cancelled]: 'cancelled',
    })
  })
})

describe('POST /api/bolos/:id/cancel', () => {
  const issueBolo = async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', '/api/bolos', vehicleBolo)
    assert.equal(response.statusCode, 201)
    return response.json().id as string
  }

  it('answers 401 without a session', async () => {
    const id = await issueBolo()
    const response = await t.request('POST', `/api/bolos/${id}/cancel`, { reason: 'found' })
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const id = await issueBolo()
    const response = await dispatcher.request('POST', `/api/bolos/${id}/cancel`, { reason: ' ' })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'reason')
  })

  it('refuses a records clerk with 403 and audits the denial; the BOLO stands', async () => {
    const clerk = await staffWith(t, ['records_clerk'])
    const id = await issueBolo()
    const response = await clerk.request('POST', `/api/bolos/${id}/cancel`, { reason: 'found' })
    assert.equal(response.statusCode, 403)
    const denial = (await auditRows(t, 'access.denied')).filter((r) => r.user_id === clerk.userId)
    assert.equal(denial[0]?.subject_id, 'POST /api/bolos/:id/cancel')
    const row = await t.db
      .selectFrom('bolos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.cancelled_at, null)
  })

  it('answers 404 bolo_not_found for an unknown BOLO', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request(
      'POST',
      '/api/bolos/00000000-0000-4000-8000-000000000000/cancel',
      { reason: 'found' },
    )
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'bolo_not_found')
  })

  it('cancels the BOLO: reply, row, event and audit row; a second cancel is 409', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const id = await issueBolo()
    const response = await supervisor.request('POST', `/api/bolos/${id}/cancel`, {
      reason: 'vehicle recovered',
    })
    assert.equal(response.statusCode, 200)
    const bolo = response.json()
    assert.equal(bolo.status, 'cancelled')
    assert.equal(bolo.cancelReason, 'vehicle recovered')
    assert.equal(bolo.cancelledByUserId, supervisor.userId)

    const row = await t.db
      .selectFrom('bolos')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.cancelled_at?.toISOString(), bolo.cancelledAt)
    assert.equal(row.cancelled_by_user_id, supervisor.userId)
    assert.equal(row.cancel_reason, 'vehicle recovered')

    const events = await boloEvents(id, 'bolo.cancelled')
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      boloId: id,
      incidentId: null,
      reason: 'vehicle recovered',
    })
    assert.deepEqual(events[0]?.audience_roles, ['dispatcher', 'supervisor'])
    const audit = (await auditRows(t, 'bolo.cancelled')).filter((r) => r.subject_id === id)
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, supervisor.userId)
    assert.deepEqual(audit[0]?.details, { reason: 'vehicle recovered' })

    const again = await supervisor.request('POST', `/api/bolos/${id}/cancel`, {
      reason: 'twice',
    })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'bolo_already_cancelled')
    assert.equal((await boloEvents(id, 'bolo.cancelled')).length, 1)
  })
})
