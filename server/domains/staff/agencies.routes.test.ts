import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, staffWith } from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const agency = { code: 'HPD', name: 'Holden Police Department', kind: 'police', town: 'Holden' }

describe('POST /api/agencies', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('POST', '/api/agencies', agency)).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/agencies', {
      ...agency,
      kind: 'coast guard',
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'kind')
    const lower = await admin.request('POST', '/api/agencies', { ...agency, code: 'hpd!' })
    assert.equal(lower.json().error.field, 'code')
  })

  it('refuses a supervisor with 403 and audits it', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request('POST', '/api/agencies', agency)
    assert.equal(response.statusCode, 403)
    const denial = (await auditRows(t, 'access.denied')).filter(
      (row) => row.user_id === supervisor.userId,
    )
    assert.equal(denial.length, 1)
  })

  it('adds the agency: reply, row, event and audit row', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/agencies', agency)
    assert.equal(response.statusCode, 201)
    const body = response.json()
    assert.deepEqual({ ...body, id: undefined }, { ...agency, id: undefined, isActive: true })
    const row = await t.db
      .selectFrom('agencies')
      .selectAll()
      .where('code', '=', 'HPD')
      .executeTakeFirstOrThrow()
    assert.equal(row.town, 'Holden')
    const events = await t.db
      .selectFrom('events')
      .select('type')
      .where('stream', '=', `agency:${row.id}`)
      .execute()
    assert.deepEqual(
      events.map((e) => e.type),
      ['agency.created'],
    )
    assert.equal(
      (await auditRows(t, 'agency.created')).filter((r) => r.subject_id === row.id).length,
      1,
    )
    const again = await admin.request('POST', '/api/agencies', agency)
    assert.equal(again.statusCode, 409)
  })
})

describe('PATCH /api/agencies/:id', () => {
  it('changes the name and records before and after', async () => {
    const admin = await staffWith(t, ['administrator'])
    const row = await buildAgency(t)
    const response = await admin.request('PATCH', `/api/agencies/${row.id}`, { name: 'Renamed PD' })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().name, 'Renamed PD')
    const audit = (await auditRows(t, 'agency.updated')).filter((r) => r.subject_id === row.id)
    assert.deepEqual(audit[0]?.details.changed, ['name'])
  })

  it('answers 404 for an unknown agency', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request(
      'PATCH',
      '/api/agencies/00000000-0000-4000-8000-000000000000',
      { name: 'X' },
    )
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'agency_not_found')
  })
})

describe('GET /api/agencies', () => {
  it('lists agencies for any member of staff', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const row = await buildAgency(t)
    const response = await calltaker.request('GET', '/api/agencies')
    assert.equal(response.statusCode, 200)
    assert.ok(response.json().some((a: { id: string }) => a.id === row.id))
  })
})
