import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { spawnServer, waitForHealth, type ServerProcess } from './test/server-process.ts'

const started: ServerProcess[] = []
const folders: string[] = []
after(async () => {
  for (const server of started) server.child.kill('SIGKILL')
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true })
  await Promise.resolve()
})

/** A data folder that starts from the test runner's migrated template when there is one. */
function dataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-main-'))
  folders.push(dir)
  const template = process.env.ECC_TEST_PGLITE_TEMPLATE
  if (template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true })
  return dir
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer(env)
  started.push(server)
  return server
}

describe('server/main.ts', () => {
  it('refuses production on the embedded database, saying why and what to do', async () => {
    const server = await start({ NODE_ENV: 'production', ECC_DATA_DIR: dataFolder() })
    assert.equal(await server.exited, 1)
    assert.match(server.output(), /refusing to start in production on the embedded database/)
    assert.match(server.output(), /ECC_ALLOW_EMBEDDED=1/)
  })

  it('starts on the embedded database, logs its durability class and loads the demo center', async () => {
    const dir = dataFolder()
    const server = await start({ ECC_DATA_DIR: dir })
    await waitForHealth(server)
    const output = server.output()
    assert.match(output, /durability: embedded: survives a process crash, not power loss/)
    assert.match(output, /admin +ecc-demo-admin +ADM1/)
    const logOn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'dispatcher',
        password: 'ecc-demo-dispatcher',
        position: 'FD1',
      }),
    })
    assert.equal(logOn.status, 201)

    server.child.kill('SIGTERM')
    assert.equal(await server.exited, 0)
    assert.equal(
      fs.existsSync(path.join(dir, 'ecc.lock')),
      false,
      'a clean stop frees the data folder',
    )
  })

  it('starts in production on the embedded database only when told ECC_ALLOW_EMBEDDED=1', async () => {
    const server = await start({
      NODE_ENV: 'production',
      ECC_ALLOW_EMBEDDED: '1',
      ECC_DATA_DIR: dataFolder(),
    })
    await waitForHealth(server)
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { database: string }
    assert.equal(health.database, 'embedded')
    assert.doesNotMatch(server.output(), /Demo log-ins/, 'production loads no demo accounts')
  })
})
