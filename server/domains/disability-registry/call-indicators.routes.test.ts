import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import type {
  CallDisabilityIndicators,
  DisabilityRequest,
} from '@common/api/disability-registry.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, staffWith } from '../../test/factories.ts'
import { openConsole } from '../../test/live-client.ts'
import { addressFixture } from '../geography/address-fixture.ts'
import { writeAddressLayers } from '../geography/address-fixture.db.ts'

// Markers that must never leave the registry except on the answering position's call screen.
const PERSON = 'Zelda Quixote'
const NOTE = 'OXYGEN-CONCENTRATOR-MARKER in the back bedroom'

let t: TestPlatform
let baseUrl: string
let phone: StaffSession
let apartment3: string
before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
  await writeAddressLayers(t.db, addressFixture())
  const worcester = await buildAgency(t, { code: 'WPD', kind: 'police', town: 'Worcester' })
  await buildAgency(t, { code: 'WFD', kind: 'fire', town: 'Worcester' })
  phone = await staffWith(t, ['integration'])
  const coordinator = await staffWith(t, ['disability_coordinator'], { agencyId: worcester.id })
  const paper = await coordinator.request('POST', '/api/disability-requests', {
    personName: PERSON,
    address: {
      houseNumber: '2',
      street: 'Coppage',
      streetType: 'Drive',
      unit: 'Apt 3',
      town: 'Worcester',
    },
    kinds: ['oxygen_life_support', 'mobility'],
    note: NOTE,
    contactPhone: '508-555-0133',
  })
  assert.equal(paper.statusCode, 201, paper.body)
  const entered = await coordinator.request(
    'POST',
    `/api/disability-requests/${paper.json<DisabilityRequest>().id}/enter`,
    {},
  )
  assert.equal(entered.statusCode, 200, entered.body)
  apartment3 = entered.json<DisabilityRequest>().indicatorId!
})
after(() => t.close())

const at = (unit?: string): CivicAddress => ({
  houseNumber: '2',
  street: 'Coppage',
  streetType: 'Dr',
  ...(unit ? { unit } : {}),
  town: 'Worcester',
  state: 'MA',
})

/** A call offered on `line` from `civic`, answered by a new call taker at a new position. */
async function answeredCall(civic: CivicAddress, line = '911') {
  return answeredCallBy(await staffWith(t, ['call_taker'], { atPosition: true }), civic, line)
}

async function answeredCallBy(calltaker: StaffSession, civic: CivicAddress, line = '911') {
  const offered = await phone.request('POST', '/api/calls', {
    line,
    ani: '+15085550199',
    location: { source: 'ali', civic },
  })
  assert.equal(offered.statusCode, 201, offered.body)
  const call = offered.json<CallView>()
  const answered = await calltaker.request('POST', `/api/calls/${call.id}/answer`, {})
  assert.equal(answered.statusCode, 200, answered.body)
  return { call, calltaker }
}

const indicatorsOf = async (session: StaffSession, callId: string) => {
  const response = await session.request('GET', `/api/calls/${callId}/disability-indicators`)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<CallDisabilityIndicators>().indicators
}

const auditOf = async (eventType: string, callId: string) =>
  (await auditRows(t, eventType)).filter(
    (row) => (row.details as { callId?: string }).callId === callId,
  )

describe('GET /api/calls/:id/disability-indicators', () => {
  it('answers 401 without a session, 403 to a coordinator, 404 for an unknown call', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    assert.equal((await t.request('GET', `/api/calls/${id}/disability-indicators`)).statusCode, 401)
    const coordinator = await staffWith(t, ['disability_coordinator'])
    const refused = await coordinator.request('GET', `/api/calls/${id}/disability-indicators`)
    assert.equal(refused.statusCode, 403)
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const missing = await calltaker.request('GET', `/api/calls/${id}/disability-indicators`)
    assert.equal(missing.statusCode, 404)
  })

  it('the apartment rule: shown for a call from unit 3, not for one from unit 4 or the building', async () => {
    const fromUnit3 = await answeredCall(at('#3'))
    const shown = await indicatorsOf(fromUnit3.calltaker, fromUnit3.call.id)
    assert.deepEqual(
      shown.map((i) => [i.id, i.personName, i.note]),
      [[apartment3, PERSON, NOTE]],
    )
    assert.deepEqual(shown[0]?.kinds, ['oxygen_life_support', 'mobility'])
    const [displayed] = await auditOf('disability_indicator.displayed', fromUnit3.call.id)
    assert.equal(displayed?.subject_id, apartment3)
    assert.equal(displayed?.user_id, fromUnit3.calltaker.userId)
    assert.ok(displayed?.position_id)

    for (const unit of ['Apt 4', undefined]) {
      const other = await answeredCall(at(unit))
      assert.deepEqual(await indicatorsOf(other.calltaker, other.call.id), [], String(unit))
      // Nothing to refuse there: no audit row names apartment 3 for that call.
      assert.equal((await auditOf('disability_indicator.denied', other.call.id)).length, 0)
      assert.equal((await auditOf('disability_indicator.displayed', other.call.id)).length, 0)
    }

    // "Unit 3" typed another way is the same apartment.
    const typedOtherwise = await answeredCall({
      ...at('Unit 3'),
      street: 'COPPAGE',
      streetType: 'DRIVE',
    })
    assert.equal((await indicatorsOf(typedOtherwise.calltaker, typedOtherwise.call.id)).length, 1)
  })

  it('the call-closed rule: the same call taker sees nothing once the call is closed (denial audited)', async () => {
    const { call, calltaker } = await answeredCall(at('Apt 3'))
    assert.equal((await indicatorsOf(calltaker, call.id)).length, 1)
    const closed = await calltaker.request('POST', `/api/calls/${call.id}/close`, {
      disposition: 'misdial',
    })
    assert.equal(closed.statusCode, 200, closed.body)
    assert.deepEqual(await indicatorsOf(calltaker, call.id), [])
    const [denied] = await auditOf('disability_indicator.denied', call.id)
    assert.equal(denied?.outcome, 'denied')
    assert.equal((denied?.details as { reason?: string }).reason, 'call_closed')
    assert.equal(denied?.user_id, calltaker.userId)
  })

  it('the other-position rule: another call taker, a supervisor and a dispatcher see nothing (audited)', async () => {
    const { call, calltaker } = await answeredCall(at('3'))
    const others = [
      await staffWith(t, ['call_taker'], { atPosition: true }),
      await staffWith(t, ['supervisor'], { atPosition: true }),
      await staffWith(t, ['dispatcher']),
    ]
    for (const other of others) {
      const response = await other.request('GET', `/api/calls/${call.id}/disability-indicators`)
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), { indicators: [] }, 'looks like an address with none')
    }
    const denied = await auditOf('disability_indicator.denied', call.id)
    assert.deepEqual(
      denied.map((row) => row.user_id),
      others.map((o) => o.userId),
    )
    assert.ok(
      denied.every((row) => (row.details as { reason?: string }).reason === 'not_answered_here'),
    )
    assert.equal((await indicatorsOf(calltaker, call.id)).length, 1)
  })

  it('shows nothing on a call that is not on a 911 line', async () => {
    const { call, calltaker } = await answeredCall(at('Apt 3'), 'non_emergency')
    assert.deepEqual(await indicatorsOf(calltaker, call.id), [])
    const [denied] = await auditOf('disability_indicator.denied', call.id)
    assert.equal((denied?.details as { reason?: string }).reason, 'not_911')
  })
})

describe('nothing of the registry outside the answering position', () => {
  it('leaves no trace in the incident list, the call, the EIDO or the live stream', async () => {
    const supervisor = await staffWith(t, ['supervisor'], { atPosition: true })
    const live = await openConsole(baseUrl, supervisor.cookie)
    try {
      const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
      const { call } = await answeredCallBy(calltaker, at('Apt 3'))
      const opened = await calltaker.request('POST', `/api/calls/${call.id}/incident`, {
        natureCode: 'FIRE-STRUCT',
      })
      assert.equal(opened.statusCode, 201, opened.body)
      const { incident } = opened.json<CallWithIncident>()
      assert.equal((await indicatorsOf(calltaker, call.id)).length, 1)
      const dispatcher = await staffWith(t, ['dispatcher'])
      const bodies = [
        (await dispatcher.request('GET', '/api/incidents')).body,
        (await calltaker.request('GET', `/api/calls/${call.id}`)).body,
        (await dispatcher.request('GET', `/api/incidents/${incident.id}`)).body,
        (await dispatcher.request('GET', `/api/incidents/${incident.id}/eido`)).body,
      ]
      await live.waitFor((messages) => JSON.stringify(messages).includes(incident.id))
      bodies.push(JSON.stringify(live.messages))
      for (const body of bodies) {
        assert.ok(body.length > 2)
        for (const secret of [PERSON, 'OXYGEN-CONCENTRATOR', apartment3, 'disability']) {
          assert.ok(!body.includes(secret), `${secret} leaked: ${body.slice(0, 200)}`)
        }
      }
    } finally {
      await live.close()
    }
  })
})
