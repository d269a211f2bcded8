import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('POST /api/positions/current/state', () => {
  it('answers 401 without a session', async () => {
    assert.equal(
      (await t.request('POST', '/api/positions/current/state', { state: 'ready' })).statusCode,
      401,
    )
  })

  it('answers 400 naming the field', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const response = await calltaker.request('POST', '/api/positions/current/state', {
      state: 'signed_off',
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'state')
  })

  it('answers 404 when the caller sits at no position', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('POST', '/api/positions/current/state', {
      state: 'ready',
    })
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'position_not_found')
  })

  it('sets the state: reply, read table, event and audit row in one commit', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const response = await calltaker.request('POST', '/api/positions/current/state', {
      state: 'break',
      reason: 'lunch',
    })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().state, 'break')
    const row = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('id', '=', calltaker.positionId)
      .executeTakeFirstOrThrow()
    assert.equal(row.state, 'break')
    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `position:${calltaker.positionId}`)
      .where('type', '=', 'position.state_changed')
      .execute()
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      positionId: calltaker.positionId,
      code: row.code,
      state: 'break',
      previousState: 'not_ready',
      reason: 'lunch',
    })
    assert.equal(events[0]?.actor_user_id, calltaker.userId)
    const audit = (await auditRows(t, 'position.state_changed')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.deepEqual(audit[0]?.details, { from: 'not_ready', to: 'break', reason: 'lunch' })
  })

  it('runs a command repeated with the same Idempotency-Key once, and refuses the key for another body', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const headers = { 'idempotency-key': 'retry-test-0001' }
    const first = await calltaker.request(
      'POST',
      '/api/positions/current/state',
      { state: 'ready' },
      headers,
    )
    const second = await calltaker.request(
      'POST',
      '/api/positions/current/state',
      { state: 'ready' },
      headers,
    )
    assert.equal(first.statusCode, 200)
    assert.equal(second.statusCode, 200)
    assert.deepEqual(second.json(), first.json())
    const events = await t.db
      .selectFrom('events')
      .select('id')
      .where('stream', '=', `position:${calltaker.positionId}`)
      .where('type', '=', 'position.state_changed')
      .execute()
    assert.equal(events.length, 1)
    const other = await calltaker.request(
      'POST',
      '/api/positions/current/state',
      { state: 'break' },
      headers,
    )
    assert.equal(other.statusCode, 422)
    assert.equal(other.json().error.field, 'Idempotency-Key')
  })
})

describe('GET /api/positions', () => {
  it('shows the floor: who sits where, in which state', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const response = await dispatcher.request('GET', '/api/positions')
    assert.equal(response.statusCode, 200)
    const mine = response.json().find((p: { id: string }) => p.id === dispatcher.positionId)
    assert.equal(mine.username, dispatcher.username)
    assert.equal(mine.state, 'not_ready')
  })
})

describe('GET /api/positions/directory', () => {
  it('lists codes, names and kinds without a session, and no one who sits there', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const seated = (await calltaker.request('GET', '/api/positions')).json()[0]
    const response = await t.request('GET', '/api/positions/directory')
    assert.equal(response.statusCode, 200)
    const entry = response.json().find((p: { code: string }) => p.code === seated.code)
    assert.deepEqual(entry, { code: seated.code, name: seated.name, kind: seated.kind })
  })
})
