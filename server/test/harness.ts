import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { LightMyRequestResponse } from 'fastify'
import pino from 'pino'
import { buildPlatform, type Platform } from '../app.ts'
import { loadConfig, type Config } from '../config.ts'
import type { DatabaseHandle } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import type { Kysely } from 'kysely'
import { CSRF_HEADER, SESSION_COOKIE } from '../domains/staff/index.ts'

export interface TestClock {
  now: () => Date
  /** Moves the platform's clock forward (idle time-outs, lock-outs, retention). */
  advance(ms: number): void
}

export interface TestPlatform {
  platform: Platform
  database: DatabaseHandle
  db: Kysely<Database>
  config: Config
  clock: TestClock
  /** An anonymous request. */
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/** A platform on a fresh database, for one test file. Requests go in-process through `app.inject`. */
export async function startTestPlatform(overrides: Partial<Config> = {}): Promise<TestPlatform> {
  const { openTestDatabase } = await import('./test-database.ts')
  const { handle, dispose } = await openTestDatabase()
  // The status-timer scanner stays out of the way unless a test asks for it (it calls the scan).
  // Each platform keeps its recording files in a folder of its own, removed on close.
  const recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'ecc-recordings-'))
  const defaults = loadConfig({ NODE_ENV: 'test' })
  const config: Config = {
    ...defaults,
    timerScanMs: 3_600_000,
    recordings: { ...defaults.recordings, dir: recordingsDir, sweepMs: 86_400_000 },
    ...overrides,
  }
  let offset = 0
  const clock: TestClock = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms
    },
  }
  const logger = pino({ level: process.env.ECC_TEST_LOG ?? 'silent' })
  const platform = await buildPlatform({ config, database: handle, logger, now: clock.now })
  await platform.app.ready()
  return {
    platform,
    database: handle,
    db: handle.db,
    config,
    clock,
    request: (method, url, body, headers = {}) =>
      platform.app.inject({
        method: method as 'GET',
        url,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        payload: body === undefined ? undefined : JSON.stringify(body),
      }),
    async close() {
      await platform.close()
      await handle.close()
      await dispose()
      await rm(recordingsDir, { recursive: true, force: true })
    },
  }
}

/** A logged-on member of staff: requests carry the session cookie and the CSRF token. */
export interface StaffSession {
  cookie: string
  csrfToken: string
  userId: string
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

export async function logOn(
  t: TestPlatform,
  username: string,
  password: string,
  position?: string,
): Promise<StaffSession> {
  const response = await t.request('POST', '/api/session', {
    username,
    password,
    ...(position ? { position } : {}),
  })
  if (response.statusCode !== 201) {
    throw new Error(`log-on failed: ${response.statusCode} ${response.body}`)
  }
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)
  const view = response.json<{ csrfToken: string; user: { id: string } }>()
  if (!cookie) throw new Error('log-on set no session cookie')
  const cookieHeader = `${SESSION_COOKIE}=${cookie.value}`
  return {
    cookie: cookieHeader,
    csrfToken: view.csrfToken,
    userId: view.user.id,
    request: (method, url, body, headers = {}) =>
      t.request(method, url, body, {
        cookie: cookieHeader,
        [CSRF_HEADER]: view.csrfToken,
        ...headers,
      }),
  }
}
