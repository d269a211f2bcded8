import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { logOn, startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import {
  TEST_PASSWORD,
  auditRows,
  buildAgency,
  buildUser,
  staffWith,
} from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const newUser = {
  username: 'j.doe',
  displayName: 'Jane Doe',
  password: 'a long enough password',
  roles: ['dispatcher'],
}

describe('POST /api/users', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('POST', '/api/users', newUser)
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/users', { ...newUser, roles: ['pilot'] })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'roles.0')
    const short = await admin.request('POST', '/api/users', { ...newUser, password: 'short' })
    assert.equal(short.json().error.message, 'password: at least 12 characters')
  })

  it('refuses a dispatcher with 403 and audits the denial', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('POST', '/api/users', newUser)
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.code, 'forbidden')
    const denial = (await auditRows(t, 'access.denied')).filter(
      (row) => row.user_id === dispatcher.userId,
    )
    assert.equal(denial.length, 1)
    assert.equal(denial[0]?.outcome, 'denied')
    assert.equal(denial[0]?.subject_id, 'POST /api/users')
    const created = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', newUser.username)
      .execute()
    assert.equal(created.length, 0)
  })

  it('creates the account: reply, stored argon2id hash, event and audit row', async () => {
    const admin = await staffWith(t, ['administrator'])
    const agency = await buildAgency(t)
    const response = await admin.request('POST', '/api/users', { ...newUser, agencyId: agency.id })
    assert.equal(response.statusCode, 201)
    const body = response.json()
    assert.equal(body.username, 'j.doe')
    assert.deepEqual(body.roles, ['dispatcher'])
    assert.equal(body.agencyId, agency.id)
    assert.equal('passwordHash' in body, false)
    const row = await t.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow()
    assert.match(row.password_hash, /^\$argon2id\$/)
    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `user:${body.id}`)
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['user.created'],
    )
    assert.deepEqual(events[0]?.audience_roles, ['administrator', 'supervisor'])
    const audit = (await auditRows(t, 'user.created')).filter((r) => r.subject_id === body.id)
    assert.equal(audit[0]?.user_id, admin.userId)
    assert.deepEqual(audit[0]?.details.roles, ['dispatcher'])
    const session = await logOn(t, 'j.doe', newUser.password)
    assert.equal(session.userId, body.id)
  })

  it('refuses a taken username with 409 and writes nothing', async () => {
    const admin = await staffWith(t, ['administrator'])
    const existing = await buildUser(t)
    const eventsBefore = await t.db.selectFrom('events').select('id').execute()
    const response = await admin.request('POST', '/api/users', {
      ...newUser,
      username: existing.username,
    })
    assert.equal(response.statusCode, 409)
    assert.equal(response.json().error.field, 'username')
    const eventsAfter = await t.db.selectFrom('events').select('id').execute()
    assert.equal(eventsAfter.length, eventsBefore.length)
  })

  it('refuses an unknown agency with 404 naming agencyId', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/users', {
      ...newUser,
      username: 'someone.else',
      agencyId: '00000000-0000-4000-8000-000000000000',
    })
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.field, 'agencyId')
  })
})

describe('PATCH /api/users/:id', () => {
  it('answers 400 for an empty change and for a bad id', async () => {
    const admin = await staffWith(t, ['administrator'])
    const user = await buildUser(t)
    const empty = await admin.request('PATCH', `/api/users/${user.id}`, {})
    assert.equal(empty.statusCode, 400)
    assert.equal(empty.json().error.message, 'body: nothing to change')
    const badId = await admin.request('PATCH', '/api/users/not-a-uuid', { isActive: false })
    assert.equal(badId.statusCode, 400)
    assert.equal(badId.json().error.field, 'id')
  })

  it('deactivating a user ends their sessions at once, and is audited with before and after', async () => {
    const admin = await staffWith(t, ['administrator'])
    const user = await buildUser(t, { roles: ['call_taker'] })
    const session = await logOn(t, user.username, TEST_PASSWORD)
    const response = await admin.request('PATCH', `/api/users/${user.id}`, {
      isActive: false,
      roles: ['supervisor'],
    })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().isActive, false)
    assert.equal((await session.request('GET', '/api/session')).statusCode, 401)
    const relog = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(relog.statusCode, 401)
    const audit = (await auditRows(t, 'user.updated')).filter((r) => r.subject_id === user.id)
    assert.deepEqual(audit[0]?.details.roles, { before: ['call_taker'], after: ['supervisor'] })
  })

  it('clears a lock-out early', async () => {
    const admin = await staffWith(t, ['administrator'])
    const user = await buildUser(t)
    for (let i = 0; i < 5; i++) {
      await t.request('POST', '/api/session', { username: user.username, password: 'wrong' })
    }
    const locked = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(locked.statusCode, 423)
    assert.equal(
      (await admin.request('PATCH', `/api/users/${user.id}`, { unlock: true })).statusCode,
      200,
    )
    const open = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(open.statusCode, 201)
  })
})
