import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildResident } from '../../test/residents.ts'
import { deliverBatch } from './outbox-delivery.ts'

/** A text and voice gateway on loopback: refuses the first message, takes the rest. */
let received: { id: string; channel: string; to: string; body: string; auth: string }[] = []
let refuseNext = true
const provider = http.createServer((request, response) => {
  let text = ''
  request.on('data', (chunk: Buffer) => (text += chunk.toString()))
  request.on('end', () => {
    if (refuseNext) {
      refuseNext = false
      response.writeHead(503).end()
      return
    }
    const message = JSON.parse(text) as (typeof received)[number]
    received.push({ ...message, auth: request.headers.authorization ?? '' })
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ id: `gw-${received.length}` }))
  })
})

let t: TestPlatform
before(async () => {
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve))
  const { port } = provider.address() as AddressInfo
  t = await startTestPlatform({
    messageProvider: { url: `http://127.0.0.1:${port}/messages`, token: 'gateway-secret' },
    // The test sends each batch itself; the worker's own timer stays out of the way.
    outboxDeliveryMs: 3_600_000,
  })
})
after(async () => {
  await t.close()
  provider.close()
})

describe('outbox delivery through an HTTP provider', () => {
  it('sends pending messages with the token, retries a refusal, and records the provider id', async () => {
    received = []
    const resident = await buildResident(t)
    const added = await resident.request('POST', '/api/portal/phones', { number: '5085550190' })
    assert.equal(added.statusCode, 201, added.body)
    const row = () =>
      t.db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('recipient', '=', '+15085550190')
        .executeTakeFirstOrThrow()
    assert.equal((await row()).status, 'pending')

    await deliverBatch(t.platform.systemCtx(), t.config.messageProvider!)
    const refused = await row()
    assert.deepEqual(
      [refused.status, refused.attempts, refused.last_error],
      ['pending', 1, 'provider answered 503'],
    )

    await deliverBatch(t.platform.systemCtx(), t.config.messageProvider!)
    const sent = await row()
    assert.deepEqual([sent.status, sent.attempts, sent.provider_id], ['sent', 2, 'gw-1'])
    assert.equal(received.length, 1)
    assert.deepEqual(
      { channel: received[0]!.channel, to: received[0]!.to, auth: received[0]!.auth },
      { channel: 'sms', to: '+15085550190', auth: 'Bearer gateway-secret' },
    )
    assert.match(received[0]!.body, /\b\d{6}\b is your code/)

    await deliverBatch(t.platform.systemCtx(), t.config.messageProvider!)
    assert.equal(received.length, 1, 'a sent message is never sent again')
  })
})
