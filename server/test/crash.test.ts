/**
 * Nothing acknowledged is lost, nothing resent is doubled: the platform runs while commands stream
 * in (on an embedded data folder, or on a fresh server database in the suite's server pass), is
 * killed with SIGKILL at a random moment, restarts on the same data, and the client resends every command it had no answer for, with the same Idempotency-Key.
 * At the end every acknowledged command has exactly one event and one audit row.
 *
 * `ECC_CRASH_CYCLES` sets the number of kills (10 by default; `npm run bench:crash` runs 100).
 */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openEmbedded, openServer, type DatabaseHandle } from '../db/database.ts'
import { createServerDatabase } from './test-database.ts'
import {
  logOnOverHttp,
  spawnServer,
  waitForHealth,
  type HttpSession,
  type ServerProcess,
} from './server-process.ts'

const CYCLES = Number(process.env.ECC_CRASH_CYCLES ?? 10)
const WRITERS = 4

const ON_SERVER = process.env.ECC_TEST_DATABASE === 'server'

const running: ServerProcess[] = []
const folders: string[] = []
const cleanups: (() => Promise<void>)[] = []
after(async () => {
  for (const server of running) server.child.kill('SIGKILL')
  await Promise.all(running.map((server) => server.exited))
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true })
  for (const cleanup of cleanups) await cleanup()
})

function dataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-crash-'))
  folders.push(dir)
  const template = process.env.ECC_TEST_PGLITE_TEMPLATE
  if (template && fs.existsSync(template)) fs.cpSync(template, dir, { recursive: true })
  return dir
}

/** Where the platform keeps its data in this pass: the environment that points at it, and a way in. */
interface Storage {
  env: Record<string, string>
  open(): Promise<DatabaseHandle>
}

async function freshStorage(): Promise<Storage> {
  if (ON_SERVER) {
    const { url, drop } = await createServerDatabase()
    cleanups.push(drop)
    return { env: { DATABASE_URL: url }, open: () => openServer(url) }
  }
  const dir = dataFolder()
  return { env: { ECC_DATA_DIR: dir }, open: () => openEmbedded(dir) }
}

async function start(storage: Storage): Promise<ServerProcess> {
  const server = await spawnServer({ ...storage.env, LOG_LEVEL: 'warn' })
  running.push(server)
  await waitForHealth(server)
  return server
}

interface Command {
  key: string
  reason: string
  state: 'ready' | 'not_ready'
}

/** Sends one state change; resolves true when the platform acknowledged it (2xx). */
async function send(
  server: ServerProcess,
  session: HttpSession,
  command: Command,
): Promise<boolean> {
  const response = await fetch(`${server.url}/api/positions/current/state`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'idempotency-key': command.key,
    },
    body: JSON.stringify({ state: command.state, reason: command.reason }),
  })
  const text = await response.text()
  assert.ok(response.status < 300, `command ${command.key} answered ${response.status}: ${text}`)
  return true
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

describe('a crash of the platform process', () => {
  it(`loses no acknowledged command and doubles no resent one (${CYCLES} kills)`, async (t) => {
    const storage = await freshStorage()
    const acked = new Set<string>()
    let unanswered: Command[] = []
    let next = 0
    let resent = 0

    for (let cycle = 0; cycle <= CYCLES; cycle++) {
      const server = await start(storage)
      const session = await logOnOverHttp(server.url, 'admin', 'ecc-demo-admin', 'ADM1')

      // What was in flight at the kill is resent first, with its original key.
      for (const command of unanswered) {
        if (await send(server, session, command)) acked.add(command.reason)
        resent++
      }
      unanswered = []
      if (cycle === CYCLES) {
        server.child.kill('SIGTERM')
        assert.equal(await server.exited, 0)
        break
      }

      const inFlight = new Map<string, Command>()
      let killed = false
      let failure: Error | undefined
      const writer = async (): Promise<void> => {
        while (!killed) {
          const n = next++
          const command: Command = {
            key: `crash-command-${n}`,
            reason: `crash test command ${n}`,
            state: n % 2 === 0 ? 'not_ready' : 'ready',
          }
          inFlight.set(command.key, command)
          try {
            await send(server, session, command)
            acked.add(command.reason)
            inFlight.delete(command.key)
          } catch (error) {
            // Once the process is killed, a failed request is expected; before, it is a bug.
            if (!killed) failure ??= error as Error
            return
          }
        }
      }
      const writers = Array.from({ length: WRITERS }, writer)
      await delay(100 + Math.random() * 900)
      killed = true
      server.child.kill('SIGKILL')
      await server.exited
      await Promise.all(writers)
      if (failure) throw failure
      unanswered = [...inFlight.values()]
    }

    t.diagnostic(`${acked.size} commands acknowledged, ${resent} of them resent after a kill`)
    assert.ok(acked.size >= CYCLES, `commands were acknowledged (${acked.size})`)
    assert.ok(resent > 0, 'some commands were in flight at a kill')

    const handle = await storage.open()
    try {
      const events = await sql<{ reason: string; copies: number }>`
        select payload->>'reason' as reason, count(*)::int as copies from events
        where type = 'position.state_changed' and payload->>'reason' like 'crash test command %'
        group by 1`.execute(handle.db)
      const audits = await sql<{ reason: string; copies: number }>`
        select details->>'reason' as reason, count(*)::int as copies from audit_log
        where event_type = 'position.state_changed' and details->>'reason' like 'crash test command %'
        group by 1`.execute(handle.db)
      for (const [name, rows] of [
        ['event', events.rows],
        ['audit row', audits.rows],
      ] as const) {
        const copies = new Map(rows.map((row) => [row.reason, row.copies]))
        const lost = [...acked].filter((reason) => !copies.has(reason))
        const doubled = rows.filter((row) => row.copies !== 1).map((row) => row.reason)
        assert.deepEqual(lost, [], `every acknowledged command has its ${name}`)
        assert.deepEqual(doubled, [], `no command has two of its ${name}s`)
        // Everything that reached the log was acknowledged, at the latest on resend.
        assert.equal(copies.size, acked.size, `no ${name} of a command nobody saw acknowledged`)
      }
    } finally {
      await handle.close()
    }
  })

  it('refuses a second process on the same data folder, leaving the first one serving', async () => {
    const dir = dataFolder()
    const first = await start({ env: { ECC_DATA_DIR: dir }, open: () => openEmbedded(dir) })
    const second = await spawnServer({ ECC_DATA_DIR: dir, LOG_LEVEL: 'warn' })
    running.push(second)
    assert.equal(await second.exited, 1)
    assert.match(second.output(), /the data folder is in use by process \d+/)
    const health = await fetch(`${first.url}/api/health`)
    assert.equal(health.status, 200)
  })
})
