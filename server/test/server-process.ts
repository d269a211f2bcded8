import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

/** The platform as a separate process (`server/main.ts`), for tests that kill or refuse it. */
export interface ServerProcess {
  child: ChildProcess
  url: string
  output(): string
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

/** Spawns the platform with `env` on top of a clean environment (no DATABASE_URL unless given). */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort()
  const { DATABASE_URL: _ignored, ...base } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...base,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      // Servers run side by side in tests: SIP on a port the system picks (logged at start).
      ECC_SIP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited }
}

/** Waits until the platform answers /api/health, or fails with what it printed. */
export async function waitForHealth(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exitCode: number | null | undefined
  void server.exited.then((code) => (exitCode = code))
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`the platform exited (${exitCode}):\n${server.output()}`)
    }
    try {
      const response = await fetch(`${server.url}/api/health`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the platform did not answer in time:\n${server.output()}`)
}

/** A session on a platform process, as a browser holds it: the cookie and the CSRF token. */
export interface HttpSession {
  cookie: string
  csrfToken: string
}

/** Logs on over HTTP (optionally at a position) and returns the session. */
export async function logOnOverHttp(
  url: string,
  username: string,
  password: string,
  position?: string,
): Promise<HttpSession> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, position }),
  })
  if (response.status !== 201) {
    throw new Error(`log-on of ${username} answered ${response.status}: ${await response.text()}`)
  }
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ecc_session='))
  if (!cookie) throw new Error('log-on set no session cookie')
  const { csrfToken } = (await response.json()) as { csrfToken: string }
  return { cookie: cookie.split(';')[0]!, csrfToken }
}
