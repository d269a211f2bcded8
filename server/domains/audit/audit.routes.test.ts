import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { hashAuditContent } from './audit-hash.ts'
import { sealAuditChain, verifyAuditChain } from './index.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('GET /api/audit', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/audit')).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request('GET', '/api/audit?limit=5000')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'limit')
  })

  it('refuses a call taker with 403 and audits the denial', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    assert.equal((await calltaker.request('GET', '/api/audit')).statusCode, 403)
    const denial = (await auditRows(t, 'access.denied')).filter(
      (row) => row.user_id === calltaker.userId,
    )
    assert.equal(denial[0]?.subject_id, 'GET /api/audit')
  })

  it('lists rows newest first, filtered, and audits the read itself', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request(
      'GET',
      `/api/audit?eventType=session.log_on&userId=${supervisor.userId}`,
    )
    assert.equal(response.statusCode, 200)
    const rows = response.json()
    assert.equal(rows.length, 1)
    assert.equal(rows[0].outcome, 'success')
    assert.equal(rows[0].username, supervisor.username)
    const reads = (await auditRows(t, 'audit.read')).filter(
      (row) => row.user_id === supervisor.userId,
    )
    assert.equal(reads.length, 1)
    assert.equal(reads[0]?.details.rows, 1)
  })
})

describe('POST /api/audit/purge', () => {
  it('refuses to delete rows inside the retention period, and audits the refusal', async () => {
    const admin = await staffWith(t, ['administrator'])
    const before = await t.db.selectFrom('audit_log').select('id').execute()
    const response = await admin.request('POST', '/api/audit/purge', {
      before: new Date().toISOString(),
    })
    assert.equal(response.statusCode, 409)
    assert.equal(response.json().error.code, 'audit_retention')
    assert.equal(response.json().error.field, 'before')
    const refusal = (await auditRows(t, 'audit.purge')).filter(
      (row) => row.user_id === admin.userId,
    )
    assert.equal(refusal[0]?.outcome, 'denied')
    const remaining = await t.db.selectFrom('audit_log').select('id').execute()
    assert.equal(remaining.length, before.length + 1, 'nothing deleted; the refusal added')
  })

  it('the database itself refuses to delete a young row, whoever asks', async () => {
    await staffWith(t, ['call_taker'], { atPosition: true })
    await assert.rejects(sql`delete from audit_log`.execute(t.db), /retention period/)
    await assert.rejects(sql`update audit_log set outcome = 'success'`.execute(t.db), /append-only/)
    await assert.rejects(sql`delete from events`.execute(t.db), /append-only/)
    await assert.rejects(sql`truncate audit_log cascade`.execute(t.db), /append-only/)
  })

  it('deletes rows older than the retention period and keeps the chain verifiable', async () => {
    const admin = await staffWith(t, ['administrator'])
    await insertAuditRowAt(new Date(Date.now() - 800 * 86_400_000))
    await sealAuditChain(t.db, { wait: true })
    const before = new Date(Date.now() - 400 * 86_400_000).toISOString()
    const response = await admin.request('POST', '/api/audit/purge', { before })
    assert.equal(response.statusCode, 200)
    assert.deepEqual(response.json(), { deleted: 1 })
    const purge = (await auditRows(t, 'audit.purge')).filter((r) => r.outcome === 'success')
    assert.equal(purge[0]?.details.deleted, 1)
    assert.equal(typeof purge[0]?.details.lastChainHash, 'string')
    await sealAuditChain(t.db, { wait: true })
    const report = await verifyAuditChain(t.db)
    assert.equal(report.ok, true, JSON.stringify(report.firstBroken))
  })
})

describe('the hash chain', () => {
  it('verifies an untouched log and names the first row changed behind its back', async () => {
    await staffWith(t, ['dispatcher'])
    await sealAuditChain(t.db, { wait: true })
    const clean = await verifyAuditChain(t.db)
    assert.equal(clean.ok, true)
    assert.ok(clean.sealed > 5)

    const victim = await t.db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow()
    await tamper(
      `update audit_log set outcome = 'success', details = '{"forged":true}' where id = ${victim.id}`,
    )
    const report = await verifyAuditChain(t.db)
    assert.equal(report.ok, false)
    assert.equal(report.firstBroken?.auditId, victim.id)
    assert.match(report.firstBroken?.reason ?? '', /changed/)
  })

  it('names the row after one that was deleted', async () => {
    const fresh = await startTestPlatform()
    try {
      for (let i = 0; i < 5; i++) await staffWith(fresh, ['dispatcher'])
      await sealAuditChain(fresh.db, { wait: true })
      const rows = await fresh.db.selectFrom('audit_log').select('id').orderBy('id').execute()
      const deleted = rows[2]!.id
      await withTriggersOff(fresh, `delete from audit_log where id = ${deleted}`)
      const report = await verifyAuditChain(fresh.db)
      assert.equal(report.ok, false)
      assert.equal(report.firstBroken?.auditId, rows[3]!.id)
      assert.match(report.firstBroken?.reason ?? '', /missing/)
    } finally {
      await fresh.close()
    }
  })

  it('POST /api/audit/verify seals, checks and reports the break', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/audit/verify')
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().ok, false, 'the row forged above is still there')
  })
})

async function insertAuditRowAt(at: Date): Promise<void> {
  const content = {
    at,
    component: 'test',
    eventType: 'test.old_row',
    outcome: 'success',
    userId: null,
    username: null,
    positionId: null,
    subjectType: null,
    subjectId: null,
    details: {},
    requestId: null,
  }
  await t.db
    .insertInto('audit_log')
    .values({
      at,
      component: 'test',
      event_type: 'test.old_row',
      outcome: 'success',
      details: '{}',
      row_hash: hashAuditContent(content),
    })
    .execute()
}

/** What an intruder with database rights could do: switch the guards off and edit. */
async function tamper(statement: string): Promise<void> {
  await withTriggersOff(t, statement)
}

async function withTriggersOff(platform: TestPlatform, statement: string): Promise<void> {
  await platform.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx)
    await sql.raw(statement).execute(trx)
  })
}
