import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Incident, Recommendation } from '@common/api/incidents.ts'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { DEMO_LOGINS, loadDemoCenter } from './demo-center.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

async function logOn(username: string) {
  const login = DEMO_LOGINS.find((l) => l.username === username)!
  const response = await t.request('POST', '/api/session', {
    username,
    password: login.password,
    position: login.position ?? undefined,
  })
  assert.equal(response.statusCode, 201, response.body)
  const cookie = String(response.headers['set-cookie']).split(';')[0]!
  const { csrfToken } = response.json<{ csrfToken: string }>()
  return (method: string, url: string, body?: unknown) =>
    t.request(method, url, body, { cookie, 'x-csrf-token': csrfToken })
}

describe(loadDemoCenter.name, () => {
  it('loads the region once: six agencies, about sixty units, town run cards', async () => {
    assert.equal(await loadDemoCenter(t.platform.systemCtx()), true)
    assert.equal(await loadDemoCenter(t.platform.systemCtx()), false, 'a second start adds nothing')

    const units = await t.db.selectFrom('units').select(['code', 'agency_id']).execute()
    assert.ok(units.length >= 55 && units.length <= 65, `${units.length} units`)
    const agencies = await t.db.selectFrom('agencies').select(['code', 'town']).execute()
    assert.deepEqual(agencies.map((a) => a.code).sort(), ['LFD', 'LPD', 'SFD', 'SPD', 'WFD', 'WPD'])
    const towns = await t.db
      .selectFrom('response_plans')
      .select('town')
      .distinct()
      .where('town', 'is not', null)
      .execute()
    assert.deepEqual(towns.map((row) => row.town).sort(), ['Leicester', 'Shrewsbury', 'Worcester'])
    const layers = await t.db
      .selectFrom('geography_layers')
      .select(['layer', 'rows_imported', 'rows_rejected'])
      .orderBy('layer')
      .execute()
    assert.equal(layers.length, 6, 'every layer of the generated demo region')
    assert.ok(layers.every((l) => l.rows_imported > 0 && l.rows_rejected === 0))
    assert.equal(
      layers.find((l) => l.layer === 'jurisdictions')?.rows_imported,
      3,
      'Worcester, Shrewsbury, Leicester',
    )
  })

  it("sends a ladder from a neighbour to a Leicester building fire: the town's card, mutual aid", async () => {
    const dispatcher = await logOn('dispatcher')
    const opened = await dispatcher('POST', '/api/incidents', {
      natureCode: 'FIRE-STRUCT',
      location: {
        text: '3 Washburn Sq, Leicester',
        civic: { houseNumber: '3', street: 'Washburn', streetType: 'Sq', town: 'Leicester' },
      },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const incident = opened.json<Incident>()
    const recommendation = (
      await dispatcher('GET', `/api/incidents/${incident.id}/recommendation`)
    ).json<Recommendation>()
    const line = (type: string) => recommendation.lines.find((l) => l.unitType === type)!
    assert.equal(line('engine').wanted, 2, "Leicester's card, not the center-wide three engines")
    assert.deepEqual(line('engine').recommendedUnitCodes.sort(), ['LE1', 'LE2'])
    assert.equal(line('ladder').wanted, 1)
    assert.equal(line('ladder').missing, 0)
    const ladder = await t.db
      .selectFrom('units')
      .innerJoin('agencies', 'agencies.id', 'units.agency_id')
      .select('agencies.town')
      .where('units.id', '=', line('ladder').recommendedUnitIds[0]!)
      .executeTakeFirstOrThrow()
    assert.notEqual(ladder.town, 'Leicester', 'Leicester has no ladder of its own')
  })
})
