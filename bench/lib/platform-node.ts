/**
 * A platform process for a benchmark: `server/main.ts` on a fresh database on the PostgreSQL
 * server, with the demo center loaded, and an administrator's session to set up staff with.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createServerDatabase } from '../../server/test/test-database.ts'
import {
  logOnOverHttp,
  spawnServer,
  waitForHealth,
  type HttpSession,
  type ServerProcess,
} from '../../server/test/server-process.ts'

export type Session = HttpSession

export interface PlatformNode {
  url: string
  databaseUrl: string
  /** The platform's process id, and what it has printed (its JSON log lines). */
  pid: number
  output(): string
  admin: Session
  request(session: Session, method: string, path: string, body?: unknown): Promise<unknown>
  /** Creates a position and a user seated at it, with these roles; returns the user's session. */
  staffAt(code: string, roles: string[]): Promise<Session>
  /** Starts another node of the platform on the same database, with `env` added. */
  addNode(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }>
  stop(): Promise<void>
}

export async function startPlatformNode(env: Record<string, string> = {}): Promise<PlatformNode> {
  const database = await createServerDatabase()
  // Recording files of the benchmark's calls go to a folder of its own, removed at the end.
  const recordings = await mkdtemp(path.join(os.tmpdir(), 'ecc-bench-recordings-'))
  const base = { DATABASE_URL: database.url, LOG_LEVEL: 'warn', ECC_RECORDINGS_DIR: recordings }
  let server: ServerProcess | undefined
  try {
    server = await spawnServer({ ...base, ...env })
    await waitForHealth(server)
  } catch (error) {
    server?.child.kill('SIGKILL')
    await database.drop()
    await rm(recordings, { recursive: true, force: true })
    throw error
  }
  const url = server.url
  const admin = await logOnOverHttp(url, 'admin', 'ecc-demo-admin', 'ADM1')

  // node:http with keep-alive costs the load generator less CPU than fetch; it shares the cores.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const request = (session: Session, method: string, path: string, body?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body)
      const call = http.request(
        `${url}${path}`,
        {
          method,
          agent,
          headers: {
            'content-type': 'application/json',
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            ...(payload === undefined ? {} : { 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => (text += chunk))
          response.on('end', () => {
            const status = response.statusCode ?? 0
            if (status >= 300) {
              reject(new Error(`${method} ${path} answered ${status}: ${text}`))
            } else {
              resolve(text ? (JSON.parse(text) as unknown) : undefined)
            }
          })
        },
      )
      call.on('error', reject)
      call.end(payload)
    })

  const running = server
  return {
    url,
    databaseUrl: database.url,
    pid: running.child.pid ?? 0,
    output: () => running.output(),
    admin,
    request,
    async staffAt(code, roles) {
      const username = `bench-${code.toLowerCase()}`
      const password = `bench-password-${code}`
      await request(admin, 'POST', '/api/positions', { code, name: code, kind: 'dispatch' })
      await request(admin, 'POST', '/api/users', {
        username,
        displayName: `Bench ${code}`,
        password,
        roles,
      })
      return logOnOverHttp(url, username, password, code)
    },
    async addNode(more) {
      const other = await spawnServer({ ...base, ...more })
      try {
        await waitForHealth(other)
      } catch (error) {
        other.child.kill('SIGKILL')
        throw error
      }
      return {
        url: other.url,
        async stop() {
          other.child.kill('SIGTERM')
          await other.exited
        },
      }
    },
    async stop() {
      agent.destroy()
      running.child.kill('SIGTERM')
      await running.exited
      await database.drop()
      await rm(recordings, { recursive: true, force: true })
    },
  }
}
