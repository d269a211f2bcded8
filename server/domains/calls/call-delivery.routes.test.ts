import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { CallDelivery, CallText } from '@common/api/calls.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { offerDeliveredCall, receiveCallText, type DeliveredCall } from './index.ts'

let t: TestPlatform
let taker: StaffSession
let supervisor: StaffSession
before(async () => {
  t = await startTestPlatform()
  taker = await staffWith(t, ['call_taker'])
  supervisor = await staffWith(t, ['supervisor'])
})
after(() => t.close())

function delivered(overrides: Partial<DeliveredCall['delivery']> = {}): DeliveredCall {
  const id = randomBytes(4).toString('hex')
  return {
    offer: {
      externalId: `urn:emergency:uid:callid:${id}:bcf.example.test`,
      line: '911',
      ani: '+15085550123',
      location: {
        source: 'pidf_lo',
        civic: {
          houseNumber: '455',
          street: 'Main',
          streetType: 'St',
          town: 'Worcester',
          state: 'MA',
        },
      },
    },
    moreLocations: [
      { source: 'device', point: { lat: 42.26259, lon: -71.80229, uncertaintyM: 25 } },
    ],
    delivery: {
      transport: 'UDP',
      sipCallId: `call-${id}@bcf.example.test`,
      emergencyCallId: `urn:emergency:uid:callid:${id}:bcf.example.test`,
      emergencyIncidentId: `urn:emergency:uid:incidentid:${id}:bcf.example.test`,
      service: 'urn:service:sos',
      rawMessage: Buffer.from(`INVITE sip:psap SIP/2.0\r\nCall-ID: ${id}\r\n\r\n`),
      additionalData: [
        {
          block: 'ServiceInfo',
          byValue: true,
          uri: 'cid:s',
          summary: 'Residence · wireless',
          fields: [{ name: 'ServiceType', value: 'wireless' }],
          problems: [],
        },
      ],
      problems: ['ProviderInfo: could not be fetched'],
      nodeId: 'node-test',
      ...overrides,
    },
  }
}

describe('delivered NG911 calls', () => {
  it('keeps the call, every delivered location and the delivery in one command', async () => {
    const { created, call } = await offerDeliveredCall(t.platform.systemCtx(), delivered())
    assert.equal(created, true)
    assert.equal(call.locations.length, 2)
    assert.equal(call.locations.find((l) => l.isPrimary)?.source, 'pidf_lo')
    const response = await taker.request('GET', `/api/calls/${call.id}/delivery`)
    assert.equal(response.statusCode, 200)
    const delivery = response.json<CallDelivery>()
    assert.match(delivery.emergencyIncidentId ?? '', /^urn:emergency:uid:incidentid:/)
    assert.equal(delivery.additionalData[0]?.summary, 'Residence · wireless')
    assert.deepEqual(delivery.problems, ['ProviderInfo: could not be fetched'])
  })

  it('gives the raw INVITE to a supervisor only, and audits the read', async () => {
    const { call } = await offerDeliveredCall(t.platform.systemCtx(), delivered())
    assert.equal((await taker.request('GET', `/api/calls/${call.id}/delivery/raw`)).statusCode, 403)
    const raw = await supervisor.request('GET', `/api/calls/${call.id}/delivery/raw`)
    assert.equal(raw.statusCode, 200)
    assert.match(raw.body, /^INVITE sip:psap SIP\/2.0/)
    const audits = await auditRows(t, 'call.delivery_read')
    assert.ok(audits.some((row) => row.subject_id === call.id))
  })

  it('answers 404 for a call that delivered nothing', async () => {
    const plain = await (
      await staffWith(t, ['integration'])
    ).request('POST', '/api/calls', { line: '911' })
    const id = plain.json<{ id: string }>().id
    assert.equal((await taker.request('GET', `/api/calls/${id}/delivery`)).statusCode, 404)
  })
})

describe('the text conversation of a call', () => {
  it('keeps texts both ways, in order, each as a call.text event', async () => {
    const { call } = await offerDeliveredCall(t.platform.systemCtx(), delivered())
    await receiveCallText(t.platform.systemCtx(), call.id, {
      channel: 'sip_message',
      body: 'Help, fire on the 2nd floor',
    })
    const reply = await taker.request('POST', `/api/calls/${call.id}/texts`, {
      body: 'Help is on the way. Can you get out?',
    })
    assert.equal(reply.statusCode, 201)
    const texts = (await taker.request('GET', `/api/calls/${call.id}/texts`)).json<CallText[]>()
    assert.deepEqual(
      texts.map((x) => [x.direction, x.body]),
      [
        ['from_caller', 'Help, fire on the 2nd floor'],
        ['to_caller', 'Help is on the way. Can you get out?'],
      ],
    )
    const events = await t.db
      .selectFrom('events')
      .select('type')
      .where('stream', '=', `call:${call.id}`)
      .where('type', '=', 'call.text')
      .execute()
    assert.equal(events.length, 2)
  })

  it('refuses an empty reply naming the field, and a reply once the caller is gone', async () => {
    const { call } = await offerDeliveredCall(t.platform.systemCtx(), delivered())
    const empty = await taker.request('POST', `/api/calls/${call.id}/texts`, { body: ' ' })
    assert.equal(empty.statusCode, 400)
    assert.equal(empty.json().error.field, 'body')
    const phone = await staffWith(t, ['integration'])
    assert.equal((await phone.request('POST', `/api/calls/${call.id}/release`)).statusCode, 200)
    const late = await taker.request('POST', `/api/calls/${call.id}/texts`, { body: 'hello?' })
    assert.equal(late.statusCode, 409)
    assert.equal(late.json().error.field, 'body')
  })
})
