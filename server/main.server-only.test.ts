import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createServerDatabase } from './test/test-database.ts'
import { spawnServer, waitForHealth, type ServerProcess } from './test/server-process.ts'

let database: { url: string; drop: () => Promise<void> }
const started: ServerProcess[] = []
before(async () => {
  database = await createServerDatabase()
})
after(async () => {
  for (const server of started) server.child.kill('SIGKILL')
  await Promise.all(started.map((server) => server.exited))
  await database.drop()
})

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer(env)
  started.push(server)
  return server
}

describe('server/main.ts on a PostgreSQL server', () => {
  it('refuses production on a server whose synchronous_commit is off', async () => {
    const url = new URL(database.url)
    url.searchParams.set('options', '-c synchronous_commit=off')
    const server = await start({ NODE_ENV: 'production', DATABASE_URL: url.toString() })
    assert.equal(await server.exited, 1)
    assert.match(
      server.output(),
      /refusing to start in production: the PostgreSQL server runs with synchronous_commit off/,
    )
  })

  it('starts in production on a durable server and logs its durability class', async () => {
    const server = await start({ NODE_ENV: 'production', DATABASE_URL: database.url })
    await waitForHealth(server)
    assert.match(server.output(), /durability: server: fsync on/)
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { database: string }
    assert.equal(health.database, 'server')
  })
})
