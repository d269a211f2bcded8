import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Recommendation, ResponsePlanLine } from '@common/api/incidents.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, buildIncident, staffWith } from '../../test/factories.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

/** A town of its own for each test, served by a new fire agency, so cards do not collide. */
async function newTown(): Promise<string> {
  const suffix = randomBytes(3).toString('hex')
  const town = `Cardton ${suffix}`
  await buildAgency(t, { code: `C${suffix.toUpperCase()}`, kind: 'fire', town })
  return town
}

const card = (town: string | null, ...rows: [number, string, number][]) => ({
  town,
  lines: rows.map(([alarmLevel, unitType, unitCount]) => ({ alarmLevel, unitType, unitCount })),
})

async function planOf(natureCode: string, town: string | null): Promise<ResponsePlanLine[]> {
  const admin = await staffWith(t, ['administrator'])
  const all = (await admin.request('GET', '/api/response-plans')).json<ResponsePlanLine[]>()
  return all.filter((line) => line.natureCode === natureCode && line.town === town)
}

describe('PUT /api/response-plans/:natureCode', () => {
  it('is for administrators: 401 without a session, 403 for a dispatcher', async () => {
    const town = await newTown()
    const body = card(town, [1, 'engine', 1])
    assert.equal((await t.request('PUT', '/api/response-plans/SMOKE-INV', body)).statusCode, 401)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const refused = await dispatcher.request('PUT', '/api/response-plans/SMOKE-INV', body)
    assert.equal(refused.statusCode, 403)
    assert.deepEqual(await planOf('SMOKE-INV', town), [])
  })

  it('refuses bad cards with a 400 naming the field, and an unknown nature code with 404', async () => {
    const admin = await staffWith(t, ['administrator'])
    const town = await newTown()
    const cases: [unknown, string, RegExp][] = [
      [card(town, [1, 'engine', 1], [1, 'engine', 2]), 'lines', /names engine twice/],
      [card(town, [1, 'engine', 1], [3, 'engine', 2]), 'lines', /level 2 is missing/],
      [card(town, [2, 'engine', 1]), 'lines', /level 1 is missing/],
      [card(null), 'lines', /center-wide run card needs at least one line/],
      [card(town, [1, 'engine', 0]), 'lines.0.unitCount', /./],
      [card(town, [1, 'hovercraft', 1]), 'lines.0.unitType', /./],
      [card(town, [6, 'engine', 1]), 'lines.0.alarmLevel', /./],
      [card('Atlantis', [1, 'engine', 1]), 'town', /no agency of the center serves Atlantis/],
      [{ lines: [] }, 'town', /./],
    ]
    for (const [body, field, message] of cases) {
      const response = await admin.request('PUT', '/api/response-plans/FIRE-STRUCT', body)
      assert.equal(response.statusCode, 400, JSON.stringify(body))
      assert.equal(response.json().error.field, field, JSON.stringify(body))
      assert.match(response.json().error.message, message)
    }
    const unknown = await admin.request('PUT', '/api/response-plans/NO-SUCH', card(town))
    assert.equal(unknown.statusCode, 404)
    assert.equal(unknown.json().error.code, 'nature_code_not_found')
    assert.deepEqual(await planOf('FIRE-STRUCT', town), [], 'nothing half-written')
  })

  it("gives a town its own card, used for the town's incidents, logged and audited", async () => {
    const admin = await staffWith(t, ['administrator'])
    const dispatcher = await staffWith(t, ['dispatcher'])
    const town = await newTown()
    const incident = await buildIncident(t, { natureCode: 'FIRE-STRUCT', town })
    const wantedOf = async (level: number) => {
      await t.db
        .updateTable('incidents')
        .set({ alarm_level: level })
        .where('id', '=', incident.id)
        .execute()
      const recommendation = (
        await dispatcher.request('GET', `/api/incidents/${incident.id}/recommendation`)
      ).json<Recommendation>()
      return Object.fromEntries(recommendation.lines.map((l) => [l.unitType, l.wanted]))
    }
    const centerWide = await wantedOf(1)
    assert.equal(centerWide.engine, 3, 'the center-wide first alarm before the town has a card')

    const replaced = await admin.request(
      'PUT',
      '/api/response-plans/FIRE-STRUCT',
      card(
        town.toUpperCase(),
        [1, 'engine', 2],
        [1, 'chief', 1],
        [2, 'engine', 3],
        [2, 'ladder', 1],
      ),
    )
    assert.equal(replaced.statusCode, 200, replaced.body)
    const lines = replaced.json<ResponsePlanLine[]>()
    assert.ok(
      lines.every((line) => line.town === town),
      'stored as the agency spells the town',
    )
    assert.deepEqual(
      lines.map((l) => [l.alarmLevel, l.unitType, l.unitCount]),
      [
        [1, 'chief', 1],
        [1, 'engine', 2],
        [2, 'engine', 3],
        [2, 'ladder', 1],
      ],
    )
    assert.deepEqual(await wantedOf(1), { chief: 1, engine: 2 })
    assert.deepEqual(await wantedOf(2), { chief: 1, engine: 5, ladder: 1 })

    const second = await admin.request(
      'PUT',
      '/api/response-plans/FIRE-STRUCT',
      card(town, [1, 'engine', 1]),
    )
    assert.equal(second.statusCode, 200)
    const events = await t.db
      .selectFrom('events')
      .selectAll()
      .where('stream', '=', `response_plan:FIRE-STRUCT:${town}`)
      .orderBy('events.id')
      .execute()
    assert.equal(events.length, 2)
    const payload = events[1]!.payload as {
      lines: unknown[]
      previousLines: { unitType: string }[]
    }
    assert.deepEqual(payload.lines, [{ alarmLevel: 1, unitType: 'engine', unitCount: 1 }])
    assert.deepEqual(
      payload.previousLines.map((l) => l.unitType),
      ['chief', 'engine', 'engine', 'ladder'],
    )
    const audits = (await auditRows(t, 'response_plan.replaced')).filter(
      (row) => row.subject_id === `FIRE-STRUCT:${town}`,
    )
    assert.equal(audits.length, 2)

    const removed = await admin.request('PUT', '/api/response-plans/FIRE-STRUCT', card(town))
    assert.deepEqual(removed.json(), [])
    assert.equal((await wantedOf(1)).engine, 3, 'the center-wide card applies again')
  })

  it('keeps one whole card when two administrators replace it at once', async () => {
    const admin = await staffWith(t, ['administrator'])
    const town = await newTown()
    const cards = [
      card(town, [1, 'engine', 1], [1, 'ladder', 1]),
      card(town, [1, 'engine', 2], [2, 'engine', 2], [2, 'chief', 1]),
    ]
    const responses = await Promise.all(
      cards.map((body) => admin.request('PUT', '/api/response-plans/WIRES-DOWN', body)),
    )
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      [200, 200],
    )
    const stored = (await planOf('WIRES-DOWN', town))
      .map((l) => `${l.alarmLevel}/${l.unitType}/${l.unitCount}`)
      .sort()
    const whole = cards.map((body) =>
      body.lines.map((l) => `${l.alarmLevel}/${l.unitType}/${l.unitCount}`).sort(),
    )
    assert.ok(
      whole.some((lines) => JSON.stringify(lines) === JSON.stringify(stored)),
      `a mixture: ${stored.join(', ')}`,
    )
  })
})
