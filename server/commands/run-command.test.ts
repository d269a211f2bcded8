import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { buildAgency } from '../test/factories.ts'
import { CommandRetry, runCommand } from './run-command.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const failure = (code: string) => Object.assign(new Error(`simulated ${code}`), { code })

describe(runCommand.name, () => {
  it('runs a transaction rolled back by a deadlock again, and its work is written once', async () => {
    const agency = await buildAgency(t)
    let attempts = 0
    await runCommand(t.platform.systemCtx(), async (trx) => {
      attempts++
      await trx
        .insertInto('incident_number_counters')
        .values({ agency_id: agency.id, year: 2000 + attempts, last_value: 1 })
        .execute()
      if (attempts === 1) throw failure('40P01')
    })
    assert.equal(attempts, 2)
    const rows = await t.db
      .selectFrom('incident_number_counters')
      .select('year')
      .where('agency_id', '=', agency.id)
      .execute()
    assert.deepEqual(
      rows.map((r) => r.year),
      [2002],
    )
  })

  it('runs a command that threw CommandRetry again', async () => {
    let attempts = 0
    const result = await runCommand(t.platform.systemCtx(), () => {
      attempts++
      return attempts < 3 ? Promise.reject(new CommandRetry('locked too late')) : Promise.resolve(7)
    })
    assert.deepEqual({ result, attempts }, { result: 7, attempts: 3 })
  })

  it('gives up after five attempts, and does not retry other errors', async () => {
    let attempts = 0
    await assert.rejects(
      runCommand(t.platform.systemCtx(), () => {
        attempts++
        return Promise.reject(failure('40P01'))
      }),
      /simulated 40P01/,
    )
    assert.equal(attempts, 5)
    attempts = 0
    await assert.rejects(
      runCommand(t.platform.systemCtx(), () => {
        attempts++
        return Promise.reject(failure('23505'))
      }),
      /simulated 23505/,
    )
    assert.equal(attempts, 1)
  })
})
