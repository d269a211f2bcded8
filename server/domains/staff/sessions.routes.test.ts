import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { SESSION_COOKIE } from './index.ts'
import { logOn, startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { TEST_PASSWORD, auditRows, buildPosition, buildUser } from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('POST /api/session', () => {
  it('answers 400 naming the missing field', async () => {
    const response = await t.request('POST', '/api/session', { password: 'x' })
    assert.equal(response.statusCode, 400)
    assert.deepEqual(response.json().error, {
      code: 'invalid_input',
      message: 'username: required',
      field: 'username',
    })
  })

  it('refuses a wrong password with 401 and audits the failure', async () => {
    const user = await buildUser(t)
    const response = await t.request('POST', '/api/session', {
      username: user.username,
      password: 'wrong password',
    })
    assert.equal(response.statusCode, 401)
    assert.equal(response.json().error.code, 'invalid_credentials')
    const rows = (await auditRows(t, 'session.log_on')).filter((row) => row.user_id === user.id)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.outcome, 'failure')
    assert.equal(rows[0]?.details.reason, 'bad_password')
    const sessions = await t.db
      .selectFrom('sessions')
      .where('user_id', '=', user.id)
      .selectAll()
      .execute()
    assert.equal(sessions.length, 0)
  })

  it('answers an unknown username exactly as a wrong password, and audits it', async () => {
    const response = await t.request('POST', '/api/session', {
      username: 'nobody-here',
      password: 'whatever',
    })
    assert.equal(response.statusCode, 401)
    assert.equal(response.json().error.message, 'username or password is wrong')
    const rows = (await auditRows(t, 'session.log_on')).filter(
      (row) => row.username === 'nobody-here',
    )
    assert.equal(rows[0]?.details.reason, 'unknown_user')
  })

  it('locks the account after 5 failures for 10 minutes, even for the right password', async () => {
    const user = await buildUser(t)
    for (let i = 0; i < 4; i++) {
      const r = await t.request('POST', '/api/session', {
        username: user.username,
        password: 'bad',
      })
      assert.equal(r.statusCode, 401)
    }
    const fifth = await t.request('POST', '/api/session', {
      username: user.username,
      password: 'bad',
    })
    assert.equal(fifth.statusCode, 423)
    assert.equal(fifth.json().error.code, 'account_locked')
    const locked = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(locked.statusCode, 423)
    const lockRows = (await auditRows(t, 'account.locked')).filter((row) => row.user_id === user.id)
    assert.equal(lockRows.length, 1)

    t.clock.advance(9 * 60_000)
    const stillLocked = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(stillLocked.statusCode, 423)
    t.clock.advance(61_000)
    const open = await t.request('POST', '/api/session', {
      username: user.username,
      password: TEST_PASSWORD,
    })
    assert.equal(open.statusCode, 201)
  })

  it('logs on at a position: cookie, session row, seated position, event and audit row', async () => {
    const user = await buildUser(t, { roles: ['dispatcher'] })
    const position = await buildPosition(t, { kind: 'dispatch' })
    const response = await t.request('POST', '/api/session', {
      username: user.username.toUpperCase(),
      password: TEST_PASSWORD,
      position: position.code,
    })
    assert.equal(response.statusCode, 201)
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)
    assert.ok(cookie?.httpOnly)
    assert.equal(cookie?.sameSite, 'Strict')
    const body = response.json()
    assert.equal(body.user.username, user.username)
    assert.equal(body.position.code, position.code)
    assert.equal(body.idleTimeoutSeconds, 1800)

    const sessions = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute()
    assert.equal(sessions.length, 1)
    assert.notEqual(sessions[0]?.id, cookie?.value, 'the token itself is never stored')
    const seated = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('id', '=', position.id)
      .executeTakeFirstOrThrow()
    assert.equal(seated.user_id, user.id)
    assert.equal(seated.state, 'not_ready')
    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `position:${position.id}`)
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['position.signed_on'],
    )
    const audit = (await auditRows(t, 'session.log_on')).filter((row) => row.user_id === user.id)
    assert.equal(audit[0]?.outcome, 'success')
    assert.equal(audit[0]?.position_id, position.id)
  })

  it('refuses a position staffed by someone else with 409', async () => {
    const position = await buildPosition(t)
    const first = await buildUser(t)
    await logOn(t, first.username, TEST_PASSWORD, position.code)
    const second = await buildUser(t)
    const response = await t.request('POST', '/api/session', {
      username: second.username,
      password: TEST_PASSWORD,
      position: position.code,
    })
    assert.equal(response.statusCode, 409)
    assert.equal(response.json().error.field, 'position')
  })
})

describe('GET /api/session', () => {
  it('answers 401 without a session', async () => {
    const response = await t.request('GET', '/api/session')
    assert.equal(response.statusCode, 401)
    assert.equal(response.json().error.code, 'not_authenticated')
  })

  it('ends a session idle past 30 minutes: 401 session_expired, audited, position freed', async () => {
    const user = await buildUser(t)
    const position = await buildPosition(t)
    const session = await logOn(t, user.username, TEST_PASSWORD, position.code)
    assert.equal((await session.request('GET', '/api/session')).statusCode, 200)
    t.clock.advance(31 * 60_000)
    const response = await session.request('GET', '/api/session')
    assert.equal(response.statusCode, 401)
    assert.equal(response.json().error.code, 'session_expired')
    const audit = (await auditRows(t, 'session.expired')).filter((row) => row.user_id === user.id)
    assert.equal(audit.length, 1)
    const freed = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('id', '=', position.id)
      .executeTakeFirstOrThrow()
    assert.equal(freed.user_id, null)
    assert.equal(freed.state, 'signed_off')
  })
})

describe('DELETE /api/session', () => {
  it('refuses a change without the CSRF token with 403, and audits it', async () => {
    const user = await buildUser(t)
    const session = await logOn(t, user.username, TEST_PASSWORD)
    const response = await t.request('DELETE', '/api/session', undefined, {
      cookie: session.cookie,
    })
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.code, 'csrf_failed')
    const audit = (await auditRows(t, 'access.denied')).filter((row) => row.user_id === user.id)
    assert.equal(audit[0]?.details.reason, 'csrf_failed')
    assert.equal(
      (await session.request('GET', '/api/session')).statusCode,
      200,
      'the session is still open',
    )
  })

  it('logs off: the session ends, the position is freed, the cookie no longer works', async () => {
    const user = await buildUser(t)
    const position = await buildPosition(t)
    const session = await logOn(t, user.username, TEST_PASSWORD, position.code)
    const response = await session.request('DELETE', '/api/session')
    assert.equal(response.statusCode, 200)
    assert.equal((await session.request('GET', '/api/session')).statusCode, 401)
    const row = await t.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    assert.equal(row.end_reason, 'logged_off')
    const freed = await t.db
      .selectFrom('positions')
      .selectAll()
      .where('id', '=', position.id)
      .executeTakeFirstOrThrow()
    assert.equal(freed.user_id, null)
    assert.equal(
      (await auditRows(t, 'session.log_off')).filter((r) => r.user_id === user.id).length,
      1,
    )
  })
})
