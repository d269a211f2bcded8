/**
 * Two platform processes on one PostgreSQL database, as a center runs them for failover: a console
 * on one node sees what is committed through the other, and a console that reconnects to either
 * node with its last position gets exactly what it missed.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { LiveEvent } from '@common/api/events.ts'
import { createServerDatabase } from './test-database.ts'
import { openConsole } from './live-client.ts'
import {
  logOnOverHttp,
  spawnServer,
  waitForHealth,
  type HttpSession,
  type ServerProcess,
} from './server-process.ts'

let nodeA: ServerProcess
let nodeB: ServerProcess
let dropDatabase: () => Promise<void>

before(async () => {
  const { url, drop } = await createServerDatabase()
  dropDatabase = drop
  // A migrates and loads the demo center first; B then starts on a ready database.
  nodeA = await spawnServer({ DATABASE_URL: url, LOG_LEVEL: 'warn' })
  await waitForHealth(nodeA)
  nodeB = await spawnServer({ DATABASE_URL: url, LOG_LEVEL: 'warn' })
  await waitForHealth(nodeB)
})

after(async () => {
  for (const node of [nodeA, nodeB]) node?.child.kill('SIGKILL')
  await Promise.all([nodeA?.exited, nodeB?.exited])
  await dropDatabase?.()
})

function logOn(node: ServerProcess, username: string, position: string): Promise<HttpSession> {
  return logOnOverHttp(node.url, username, `ecc-demo-${username}`, position)
}

async function setState(node: ServerProcess, session: HttpSession, reason: string): Promise<void> {
  const response = await fetch(`${node.url}/api/positions/current/state`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify({ state: 'not_ready', reason }),
  })
  assert.equal(response.status, 200, await response.text())
}

function reasons(events: LiveEvent[]): (string | null)[] {
  return events.flatMap((event) =>
    event.type === 'position.state_changed'
      ? [(event as LiveEvent<'position.state_changed'>).payload.reason]
      : [],
  )
}

describe('two platform nodes on one database', () => {
  it('delivers to a console on node B, in commit order, what was written through node A', async () => {
    const writer = await logOn(nodeA, 'admin', 'ADM1')
    const supervisor = await logOn(nodeB, 'supervisor', 'SUP1')
    const console = await openConsole(nodeB.url, supervisor.cookie)
    await console.waitFor((m) => m.some((x) => x.type === 'live'))

    const sent = Array.from({ length: 20 }, (_, i) => `through A ${i}`)
    for (const reason of sent) await setState(nodeA, writer, reason)

    await console.waitFor(() => reasons(console.events()).length >= sent.length, 30_000)
    assert.deepEqual(reasons(console.events()), sent)
    await console.close()
  })

  it('resumes a console on either node from its last position, with no gap and no duplicate', async () => {
    const writer = await logOn(nodeA, 'admin', 'ADM1')
    const supervisor = await logOn(nodeB, 'supervisor', 'SUP1')
    const first = await openConsole(nodeB.url, supervisor.cookie)
    await first.waitFor((m) => m.some((x) => x.type === 'live'))
    await setState(nodeA, writer, 'seen before the drop')
    await first.waitFor(() => reasons(first.events()).includes('seen before the drop'), 30_000)
    const lastSeen = first.events().at(-1)!.position
    await first.close()

    const missed = ['missed 1', 'missed 2', 'missed 3']
    for (const reason of missed) await setState(nodeA, writer, reason)

    const expected = [...missed]
    for (const node of [nodeA, nodeB]) {
      const resumed = await openConsole(node.url, supervisor.cookie, lastSeen)
      await resumed.waitFor(() => reasons(resumed.events()).length >= expected.length, 30_000)
      assert.deepEqual(reasons(resumed.events()), expected, `caught up on ${node.url}`)
      // A marker written afterwards is the next and only new event: no duplicate follows.
      const marker = `after resuming on ${node.url}`
      await setState(nodeA, writer, marker)
      await resumed.waitFor(() => reasons(resumed.events()).includes(marker), 30_000)
      expected.push(marker)
      assert.deepEqual(reasons(resumed.events()), expected, `resumed on ${node.url}`)
      await resumed.close()
    }
  })
})
