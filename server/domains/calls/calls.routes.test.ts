import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, buildIncident, staffWith } from '../../test/factories.ts'

let t: TestPlatform
let phone: StaffSession
before(async () => {
  t = await startTestPlatform()
  phone = await staffWith(t, ['integration'])
})
after(() => t.close())

const unique = () => randomBytes(4).toString('hex')
/** Somewhere of its own for each test, so candidates from other tests stay away. */
const spot = () => ({ lat: 42.1 + Math.random() * 0.3, lon: -71.95 + Math.random() * 0.3 })

function offer(body: Record<string, unknown> = {}) {
  return phone.request('POST', '/api/calls', {
    externalId: `sip-${unique()}`,
    line: '911',
    ani: '5085551234',
    classOfService: 'WRLS',
    ...body,
  })
}

const eventsOf = (stream: string) =>
  t.db.selectFrom('events').selectAll().where('stream', '=', stream).orderBy('id').execute()

describe('POST /api/calls', () => {
  it('answers 401 without a session, 403 to a call taker, and 400 naming the field', async () => {
    assert.equal((await t.request('POST', '/api/calls', { line: '911' })).statusCode, 401)
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal((await calltaker.request('POST', '/api/calls', { line: '911' })).statusCode, 403)
    const badLine = await offer({ line: 'fax' })
    assert.equal(badLine.statusCode, 400)
    assert.equal(badLine.json().error.field, 'line')
    const badAni = await offer({ ani: 'call me' })
    assert.equal(badAni.statusCode, 400)
    assert.equal(badAni.json().error.field, 'ani')
  })

  it('stamps the arrival, keeps the delivered location as primary, and is the same call when offered again', async () => {
    const externalId = `sip-${unique()}`
    const before = Date.now()
    const first = await offer({
      externalId,
      location: {
        source: 'ali',
        civic: { houseNumber: '455', street: 'Main', streetType: 'St', town: 'Worcester' },
        point: { ...spot(), uncertaintyM: 30 },
      },
    })
    assert.equal(first.statusCode, 201, first.body)
    const call = first.json<CallView>()
    assert.equal(call.status, 'ringing')
    assert.ok(Date.parse(call.arrivedAt) >= before - 1000)
    assert.equal(call.locations.length, 1)
    assert.equal(call.locations[0]?.isPrimary, true)
    assert.equal(call.locations[0]?.text, '455 Main St, Worcester')

    const again = await offer({ externalId, line: 'non_emergency' })
    assert.equal(again.statusCode, 200)
    assert.equal(again.json<CallView>().id, call.id)
    assert.equal(again.json<CallView>().line, '911')
    assert.deepEqual(
      (await eventsOf(`call:${call.id}`)).map((e) => e.type),
      ['call.offered'],
    )
    assert.equal(
      (await auditRows(t, 'call.offered')).filter((r) => r.subject_id === call.id).length,
      1,
    )
  })
})

describe('POST /api/calls/:id/answer', () => {
  it('answers at the call taker’s position once; a phone system must name the position', async () => {
    const call = (await offer()).json<CallView>()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const answered = await calltaker.request('POST', `/api/calls/${call.id}/answer`, {})
    assert.equal(answered.statusCode, 200, answered.body)
    assert.equal(answered.json<CallView>().answeredByPositionId, calltaker.positionId)
    assert.ok(answered.json<CallView>().answeredAt)
    const twice = await calltaker.request('POST', `/api/calls/${call.id}/answer`, {})
    assert.equal(twice.statusCode, 409)

    const other = (await offer()).json<CallView>()
    const noPosition = await phone.request('POST', `/api/calls/${other.id}/answer`, {})
    assert.equal(noPosition.statusCode, 400)
    assert.equal(noPosition.json().error.field, 'position')
  })
})

describe('duplicate calls', () => {
  it('offers the open incident nearby and the one called from the same number, with reasons', async () => {
    const here = spot()
    const nearby = await buildIncident(t, { lat: here.lat + 0.0005, lon: here.lon })
    const far = await buildIncident(t, { lat: here.lat + 0.05, lon: here.lon })
    const ani = `508555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`
    const sameCaller = await buildIncident(t, { lat: null, lon: null })
    const earlier = (await offer({ ani })).json<CallView>()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    await calltaker.request('POST', `/api/calls/${earlier.id}/attach`, {
      incidentId: sameCaller.id,
    })

    const call = (
      await offer({ ani, location: { source: 'pidf_lo', point: here } })
    ).json<CallView>()
    const candidates = call.duplicateCandidates
    assert.deepEqual(
      candidates.map((c) => [c.number, c.reasons]),
      [
        [nearby.number, ['nearby']],
        [sameCaller.number, ['same_callback_number']],
      ],
    )
    assert.ok(candidates[0]!.distanceM! > 40 && candidates[0]!.distanceM! < 70)
    assert.ok(!candidates.some((c) => c.incidentId === far.id))
    const offered = (await eventsOf(`call:${call.id}`))[0]!
    assert.equal((offered.payload as CallView).duplicateCandidates.length, 2)

    const dismissed = await calltaker.request('POST', `/api/calls/${call.id}/not-duplicate`, {
      incidentId: nearby.id,
      reason: 'different building, caller on the far side',
    })
    assert.deepEqual(
      dismissed.json<CallView>().duplicateCandidates.map((c) => c.incidentId),
      [sameCaller.id],
    )
    assert.equal(
      (await auditRows(t, 'call.duplicate_dismissed')).filter((r) => r.subject_id === call.id)
        .length,
      1,
    )

    const countBefore = await countIncidents()
    const attached = await calltaker.request('POST', `/api/calls/${call.id}/attach`, {
      incidentId: sameCaller.id,
    })
    assert.equal(attached.statusCode, 200)
    const body = attached.json<CallWithIncident>()
    assert.equal(body.call.incidentId, sameCaller.id)
    assert.equal(body.call.attachedAs, 'duplicate')
    assert.equal(body.incident.number, sameCaller.number)
    assert.equal(await countIncidents(), countBefore)
  })
})

async function countIncidents(): Promise<number> {
  const row = await t.db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('call locations', () => {
  it('adds a later location without replacing the delivered one; promoting is explicit and logged', async () => {
    const delivered = { source: 'ali', point: spot() }
    const call = (await offer({ location: delivered })).json<CallView>()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const added = await calltaker.request('POST', `/api/calls/${call.id}/locations`, {
      source: 'caller_stated',
      civic: { houseNumber: '12', street: 'Elm', streetType: 'St', town: 'Worcester' },
    })
    assert.equal(added.statusCode, 201)
    const locations = added.json<CallView>().locations
    assert.deepEqual(
      locations.map((l) => [l.source, l.isPrimary]),
      [
        ['ali', true],
        ['caller_stated', false],
      ],
    )
    const promoted = await calltaker.request(
      'POST',
      `/api/calls/${call.id}/locations/${locations[1]!.id}/promote`,
    )
    assert.equal(promoted.statusCode, 200)
    assert.deepEqual(
      promoted.json<CallView>().locations.map((l) => l.isPrimary),
      [false, true],
    )
    const audit = (await auditRows(t, 'call.location_promoted')).filter(
      (r) => r.subject_id === call.id,
    )
    assert.equal(audit[0]?.details.previousLocationId, locations[0]!.id)
  })
})

describe('POST /api/calls/:id/incident', () => {
  it("creates the incident at the call's primary location and links the call, once", async () => {
    const town = `Ctown ${unique()}`
    const police = await buildAgency(t, {
      code: `C${unique().toUpperCase()}`.slice(0, 8),
      kind: 'police',
      town,
    })
    const call = (
      await offer({
        location: {
          source: 'ali',
          civic: { houseNumber: '7', street: 'Oak', streetType: 'Ave', town },
          point: spot(),
        },
      })
    ).json<CallView>()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    await calltaker.request('POST', `/api/calls/${call.id}/answer`, {})
    const created = await calltaker.request('POST', `/api/calls/${call.id}/incident`, {
      natureCode: 'DOMESTIC',
      narrative: 'caller reports yelling next door',
    })
    assert.equal(created.statusCode, 201, created.body)
    const { call: linked, incident } = created.json<CallWithIncident>()
    assert.equal(incident.agencyId, police.id)
    assert.equal(incident.kind, 'emergency')
    assert.equal(incident.location.text, `7 Oak Ave, ${town}`)
    assert.equal(linked.incidentId, incident.id)
    assert.equal(linked.attachedAs, 'originating')
    const created2 = (await eventsOf(`incident:${incident.id}`))[0]!
    assert.equal((created2.payload as { callId: string }).callId, call.id)

    const again = await calltaker.request('POST', `/api/calls/${call.id}/incident`, {
      natureCode: 'DOMESTIC',
    })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'call_already_linked')
  })
})

describe('ending calls', () => {
  it('closes a call on no incident only with a call disposition', async () => {
    const call = (await offer()).json<CallView>()
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const none = await calltaker.request('POST', `/api/calls/${call.id}/close`, {})
    assert.equal(none.statusCode, 400)
    assert.equal(none.json().error.field, 'disposition')
    const wrong = await calltaker.request('POST', `/api/calls/${call.id}/close`, {
      disposition: 'arrest',
    })
    assert.equal(wrong.statusCode, 404)
    assert.equal(wrong.json().error.field, 'disposition')
    const closed = await calltaker.request('POST', `/api/calls/${call.id}/close`, {
      disposition: 'misdial',
    })
    assert.equal(closed.statusCode, 200)
    assert.equal(closed.json<CallView>().disposition, 'misdial')
    const late = await calltaker.request('POST', `/api/calls/${call.id}/incident`, {
      natureCode: 'FALL',
    })
    assert.equal(late.json().error.code, 'call_closed')
  })

  it('transfers a switchboard call without an incident, and marks a call released unanswered as abandoned', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const switchboard = (await offer({ line: 'switchboard' })).json<CallView>()
    await calltaker.request('POST', `/api/calls/${switchboard.id}/answer`, {})
    const moved = await calltaker.request('POST', `/api/calls/${switchboard.id}/transfer`, {
      to: 'WPD Records',
    })
    assert.equal(moved.statusCode, 200)
    assert.equal(moved.json<CallView>().transferredTo, 'WPD Records')
    assert.equal(moved.json<CallView>().disposition, 'transferred')
    assert.ok(moved.json<CallView>().closedAt)

    const hungUp = (await offer()).json<CallView>()
    const released = await phone.request('POST', `/api/calls/${hungUp.id}/release`)
    assert.equal(released.json<CallView>().abandoned, true)
    assert.equal(released.json<CallView>().closedAt, null)
  })
})

describe('premise information on a call', () => {
  it('shows the cautions of the primary address', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const address = { houseNumber: '31', street: 'Pine', streetType: 'Street', town: 'Worcester' }
    await supervisor.request('POST', '/api/premise-cautions', {
      address,
      kind: 'animal',
      text: 'two large dogs',
    })
    const call = (
      await offer({ location: { source: 'ali', civic: { ...address, streetType: 'St' } } })
    ).json<CallView>()
    assert.deepEqual(
      call.premise?.cautions.map((c) => c.text),
      ['two large dogs'],
    )
  })
})
