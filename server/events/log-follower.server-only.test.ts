import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { staffWith } from '../test/factories.ts'
import { openConsole } from '../test/live-client.ts'

// PGlite runs one transaction at a time, so an event can never commit behind another there:
// the trap this guards against exists only on a server with concurrent writers.
let t: TestPlatform
let baseUrl: string
before(async () => {
  t = await startTestPlatform()
  baseUrl = await t.platform.app.listen({ port: 0, host: '127.0.0.1' })
})
after(() => t.close())

describe('the log follower', () => {
  it('delivers an event that commits late with a lower sequence number, before the later one', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const console = await openConsole(baseUrl, dispatcher.cookie)
    await console.waitFor((m) => m.some((x) => x.type === 'live'))

    // A slow writer takes its sequence number first and commits last.
    const slow = new pg.Client({ connectionString: databaseUrlOf(t) })
    await slow.connect()
    try {
      await slow.query('begin')
      await slow.query(
        `insert into events (stream, type, payload) values ('test:gap', 'test.late', '{}') returning id`,
      )
      const fast = await calltaker.request('POST', '/api/positions/current/state', {
        state: 'ready',
        reason: 'fast',
      })
      assert.equal(fast.statusCode, 200)

      // The fast event has committed, but the horizon holds it while the slow writer runs.
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(console.events().length, 0, 'nothing may pass the running transaction')
      await slow.query('commit')
    } finally {
      await slow.end()
    }
    // Nobody signals the slow commit: the follower notices the held events by itself.
    await console.waitFor(() => console.events().length >= 2)
    assert.deepEqual(
      console.events().map((e) => e.type),
      ['test.late', 'position.state_changed'],
    )
    await console.close()
  })
})

function databaseUrlOf(platform: TestPlatform): string {
  const url = platform.database.url
  if (!url) throw new Error('this test needs the server database URL')
  return url
}
