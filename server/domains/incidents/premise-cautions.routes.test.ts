import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildIncident, staffWith } from '../../test/factories.ts'
import { findPremiseInfo } from './index.ts'

const DAY_MS = 86_400_000
const LOOKBACK_DAYS = 30

let t: TestPlatform
before(async () => {
  t = await startTestPlatform({ premiseLookbackDays: LOOKBACK_DAYS })
})
after(() => t.close())

/** A house of its own for each test, so that tests do not see each other's cautions. */
function newAddress() {
  const houseNumber = String(randomInt(1, 99_999))
  return {
    address: {
      houseNumber,
      preDirection: 'North',
      street: 'Main',
      streetType: 'Street',
      town: 'Worcester',
    },
    key: `${houseNumber} N MAIN ST|WORCESTER`,
    query: `houseNumber=${houseNumber}&preDirection=n&street=main&streetType=st&town=worcester`,
  }
}

const premiseEvents = (key: string, type: string) =>
  t.db
    .selectFrom('events')
    .selectAll()
    .where('stream', '=', `premise:${key}`)
    .where('type', '=', type)
    .execute()

const cautionRowsAt = (key: string) =>
  t.db.selectFrom('premise_cautions').selectAll().where('address_key', '=', key).execute()

describe('POST /api/premise-cautions', () => {
  it('answers 401 without a session', async () => {
    const { address } = newAddress()
    const response = await t.request('POST', '/api/premise-cautions', {
      address,
      kind: 'hazard',
      text: 'oxygen in use',
    })
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field, and writes nothing', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const { address, key } = newAddress()
    const badKind = await supervisor.request('POST', '/api/premise-cautions', {
      address,
      kind: 'ghosts',
      text: 'haunted',
    })
    assert.equal(badKind.statusCode, 400)
    assert.equal(badKind.json().error.field, 'kind')
    const noStreet = await supervisor.request('POST', '/api/premise-cautions', {
      address: { ...address, street: undefined },
      kind: 'hazard',
      text: 'oxygen in use',
    })
    assert.equal(noStreet.statusCode, 400)
    assert.equal(noStreet.json().error.field, 'address.street')
    const pastExpiry = await supervisor.request('POST', '/api/premise-cautions', {
      address,
      kind: 'hazard',
      text: 'oxygen in use',
      expiresAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    })
    assert.equal(pastExpiry.statusCode, 400)
    assert.equal(pastExpiry.json().error.field, 'expiresAt')
    assert.deepEqual(await cautionRowsAt(key), [])
    assert.deepEqual(await premiseEvents(key, 'premise_caution.added'), [])
  })

  it('refuses a dispatcher with 403 and audits the denial', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const { address, key } = newAddress()
    const response = await dispatcher.request('POST', '/api/premise-cautions', {
      address,
      kind: 'weapons',
      text: 'firearms in the house',
    })
    assert.equal(response.statusCode, 403)
    assert.equal(response.json().error.code, 'forbidden')
    const denial = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === dispatcher.userId,
    )
    assert.equal(denial.length, 1)
    assert.equal(denial[0]?.outcome, 'denied')
    assert.equal(denial[0]?.subject_id, 'POST /api/premise-cautions')
    assert.deepEqual(await cautionRowsAt(key), [])
  })

  it('adds a caution under the normal address key: reply, row, event and audit row', async () => {
    const supervisor = await staffWith(t, ['supervisor'], { atPosition: true })
    const { address, key } = newAddress()
    const expiresAt = new Date(t.clock.now().getTime() + 30 * DAY_MS).toISOString()
    const response = await supervisor.request('POST', '/api/premise-cautions', {
      address: { ...address, unit: '3' },
      kind: 'animal',
      text: 'aggressive dog in the yard',
      expiresAt,
    })
    assert.equal(response.statusCode, 201)
    const caution = response.json()
    assert.equal(caution.addressKey, key)
    assert.equal(caution.locationText, `${address.houseNumber} North Main Street Apt 3, Worcester`)
    assert.equal(caution.town, 'Worcester')
    assert.equal(caution.kind, 'animal')
    assert.equal(caution.status, 'active')
    assert.equal(caution.expiresAt, expiresAt)
    assert.equal(caution.createdByUserId, supervisor.userId)
    assert.equal(caution.removedAt, null)

    const rows = await cautionRowsAt(key)
    assert.equal(rows.length, 1)
    assert.equal(rows[0]?.id, caution.id)
    assert.equal(rows[0]?.text, 'aggressive dog in the yard')
    assert.equal(rows[0]?.expires_at?.toISOString(), expiresAt)
    assert.equal(rows[0]?.created_by_user_id, supervisor.userId)

    const events = await premiseEvents(key, 'premise_caution.added')
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      cautionId: caution.id,
      addressKey: key,
      locationText: caution.locationText,
      town: 'Worcester',
      kind: 'animal',
      text: 'aggressive dog in the yard',
      expiresAt,
    })
    assert.equal(events[0]?.actor_user_id, supervisor.userId)
    assert.equal(events[0]?.actor_position_id, supervisor.positionId)

    const audit = (await auditRows(t, 'premise_caution.added')).filter(
      (r) => r.subject_id === caution.id,
    )
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, supervisor.userId)
    assert.equal(audit[0]?.subject_type, 'premise_caution')
    assert.deepEqual(audit[0]?.details, {
      addressKey: key,
      kind: 'animal',
      text: 'aggressive dog in the yard',
      expiresAt,
    })
  })
})

describe('GET /api/premises', () => {
  it('answers 401 without a session', async () => {
    const { query } = newAddress()
    assert.equal((await t.request('GET', `/api/premises?${query}`)).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const response = await calltaker.request('GET', '/api/premises?houseNumber=12&town=Worcester')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'street')
  })

  it('shows the cautions in force however the address is typed, not expired or removed ones', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const calltaker = await staffWith(t, ['call_taker'])
    const { address, key, query } = newAddress()
    const add = async (text: string, expiresInMs?: number) => {
      const response = await supervisor.request('POST', '/api/premise-cautions', {
        address,
        kind: 'caution',
        text,
        ...(expiresInMs
          ? { expiresAt: new Date(t.clock.now().getTime() + expiresInMs).toISOString() }
          : {}),
      })
      assert.equal(response.statusCode, 201)
      return response.json().id as string
    }
    const standing = await add('standing caution')
    const expiring = await add('expires in a minute', 60_000)
    const removed = await add('to be removed')
    const removal = await supervisor.request('POST', `/api/premise-cautions/${removed}/remove`, {
      reason: 'resident moved',
    })
    assert.equal(removal.statusCode, 200)

    const before = await calltaker.request('GET', `/api/premises?${query}`)
    assert.equal(before.statusCode, 200)
    assert.equal(before.json().addressKey, key)
    assert.deepEqual(
      before
        .json()
        .cautions.map((c: { id: string }) => c.id)
        .sort(),
      [standing, expiring].sort(),
    )

    t.clock.advance(2 * 60_000)
    const later = await calltaker.request('GET', `/api/premises?${query}`)
    assert.deepEqual(
      later.json().cautions.map((c: { id: string }) => c.id),
      [standing],
    )
  })

  it('lists prior incidents at the address within the look-back, newest first', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const { key, query } = newAddress()
    const now = t.clock.now().getTime()
    const recent = await buildIncident(t, {
      addressKey: key,
      natureCode: 'DOMESTIC',
      priority: 1,
      createdAt: new Date(now - 2 * DAY_MS),
    })
    await t.db
      .updateTable('incidents')
      .set({ status: 'closed', disposition: 'arrest', closed_at: new Date(now - DAY_MS) })
      .where('id', '=', recent.id)
      .execute()
    const older = await buildIncident(t, {
      addressKey: key,
      createdAt: new Date(now - (LOOKBACK_DAYS - 1) * DAY_MS),
    })
    await buildIncident(t, {
      addressKey: key,
      createdAt: new Date(now - (LOOKBACK_DAYS + 1) * DAY_MS),
    })
    await buildIncident(t, { addressKey: '1 ELSEWHERE RD|WORCESTER' })

    const response = await calltaker.request('GET', `/api/premises?${query}`)
    assert.equal(response.statusCode, 200)
    const info = response.json()
    assert.equal(info.lookbackDays, LOOKBACK_DAYS)
    assert.deepEqual(
      info.priorIncidents.map((i: { id: string }) => i.id),
      [recent.id, older.id],
    )
    assert.deepEqual(info.priorIncidents[0], {
      id: recent.id,
      number: recent.number,
      natureCode: 'DOMESTIC',
      priority: 1,
      status: 'closed',
      createdAt: recent.created_at.toISOString(),
      disposition: 'arrest',
    })
  })
})

describe(findPremiseInfo.name, () => {
  it('leaves out the incident being taken', async () => {
    const { key } = newAddress()
    const earlier = await buildIncident(t, {
      addressKey: key,
      createdAt: new Date(t.clock.now().getTime() - DAY_MS),
    })
    const current = await buildIncident(t, { addressKey: key })
    const ctx = t.platform.systemCtx()
    const all = await findPremiseInfo(ctx.db, ctx, key)
    assert.deepEqual(
      all.priorIncidents.map((i) => i.id),
      [current.id, earlier.id],
    )
    const others = await findPremiseInfo(ctx.db, ctx, key, { excludeIncidentId: current.id })
    assert.deepEqual(
      others.priorIncidents.map((i) => i.id),
      [earlier.id],
    )
    assert.deepEqual(others.cautions, [])
  })
})

describe('POST /api/premise-cautions/:id/remove', () => {
  const addCaution = async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const { address, key, query } = newAddress()
    const response = await supervisor.request('POST', '/api/premise-cautions', {
      address,
      kind: 'hazard',
      text: 'propane tanks in the garage',
    })
    assert.equal(response.statusCode, 201)
    return { id: response.json().id as string, key, query }
  }

  it('answers 401 without a session', async () => {
    const { id } = await addCaution()
    const response = await t.request('POST', `/api/premise-cautions/${id}/remove`, {
      reason: 'gone',
    })
    assert.equal(response.statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const { id } = await addCaution()
    const noReason = await supervisor.request('POST', `/api/premise-cautions/${id}/remove`, {})
    assert.equal(noReason.statusCode, 400)
    assert.equal(noReason.json().error.field, 'reason')
    const badId = await supervisor.request('POST', '/api/premise-cautions/42/remove', {
      reason: 'gone',
    })
    assert.equal(badId.statusCode, 400)
    assert.equal(badId.json().error.field, 'id')
  })

  it('refuses a call taker with 403 and audits the denial; the caution stays', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const { id } = await addCaution()
    const response = await calltaker.request('POST', `/api/premise-cautions/${id}/remove`, {
      reason: 'gone',
    })
    assert.equal(response.statusCode, 403)
    const denial = (await auditRows(t, 'access.denied')).filter(
      (r) => r.user_id === calltaker.userId,
    )
    assert.equal(denial[0]?.subject_id, 'POST /api/premise-cautions/:id/remove')
    const row = await t.db
      .selectFrom('premise_cautions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.equal(row.removed_at, null)
  })

  it('answers 404 premise_caution_not_found for an unknown caution', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const response = await supervisor.request(
      'POST',
      '/api/premise-cautions/00000000-0000-4000-8000-000000000000/remove',
      { reason: 'gone' },
    )
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'premise_caution_not_found')
  })

  it('removes the caution: reply, row, event and audit row; a second removal is 409', async () => {
    const admin = await staffWith(t, ['administrator'])
    const { id, key, query } = await addCaution()
    const response = await admin.request('POST', `/api/premise-cautions/${id}/remove`, {
      reason: 'tanks removed',
    })
    assert.equal(response.statusCode, 200)
    assert.equal(response.json().status, 'removed')
    assert.equal(response.json().removedByUserId, admin.userId)

    const row = await t.db
      .selectFrom('premise_cautions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    assert.ok(row.removed_at)
    assert.equal(row.removed_by_user_id, admin.userId)
    assert.equal(response.json().removedAt, row.removed_at.toISOString())

    const events = await premiseEvents(key, 'premise_caution.removed')
    assert.equal(events.length, 1)
    assert.deepEqual(events[0]?.payload, {
      cautionId: id,
      addressKey: key,
      reason: 'tanks removed',
    })
    const audit = (await auditRows(t, 'premise_caution.removed')).filter((r) => r.subject_id === id)
    assert.equal(audit.length, 1)
    assert.equal(audit[0]?.user_id, admin.userId)
    assert.deepEqual(audit[0]?.details, { addressKey: key, reason: 'tanks removed' })

    const calltaker = await staffWith(t, ['call_taker'])
    const info = await calltaker.request('GET', `/api/premises?${query}`)
    assert.deepEqual(info.json().cautions, [])

    const again = await admin.request('POST', `/api/premise-cautions/${id}/remove`, {
      reason: 'twice',
    })
    assert.equal(again.statusCode, 409)
    assert.equal(again.json().error.code, 'premise_caution_already_removed')
    assert.equal((await premiseEvents(key, 'premise_caution.removed')).length, 1)
  })
})

describe('GET /api/premise-cautions', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await t.request('GET', '/api/premise-cautions')).statusCode, 401)
  })

  it('answers 400 naming the field', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const response = await dispatcher.request('GET', '/api/premise-cautions?includeRemoved=perhaps')
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'includeRemoved')
  })

  it('lists a town’s cautions in force; removed ones only when asked', async () => {
    const supervisor = await staffWith(t, ['supervisor'])
    const dispatcher = await staffWith(t, ['dispatcher'])
    const add = async (town: string) => {
      const response = await supervisor.request('POST', '/api/premise-cautions', {
        address: { houseNumber: String(randomInt(1, 99_999)), street: 'Elm', town },
        kind: 'access',
        text: 'gate code 1234',
      })
      assert.equal(response.statusCode, 201)
      return response.json().id as string
    }
    const kept = await add('Holden')
    const removed = await add('Holden')
    const elsewhere = await add('Paxton')
    await supervisor.request('POST', `/api/premise-cautions/${removed}/remove`, {
      reason: 'gate replaced',
    })

    const active = await dispatcher.request('GET', '/api/premise-cautions?town=holden')
    assert.equal(active.statusCode, 200)
    assert.deepEqual(
      active.json().map((c: { id: string }) => c.id),
      [kept],
    )
    const all = await dispatcher.request(
      'GET',
      '/api/premise-cautions?town=Holden&includeRemoved=true',
    )
    const statuses = Object.fromEntries(
      all.json().map((c: { id: string; status: string }) => [c.id, c.status]),
    )
    assert.deepEqual(statuses, { [kept]: 'active', [removed]: 'removed' })
    assert.equal(statuses[elsewhere], undefined)
  })
})
