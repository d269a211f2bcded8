import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureDebianPackage } from '../../../scripts/debian-package.ts'

/**
 * Runs a scenario of this folder with sipp (Debian's `sip-tester`) against the platform's SIP
 * port on loopback, bounded in calls and time, and resolves with its exit code and output.
 */
export const SCENARIOS = path.dirname(fileURLToPath(import.meta.url))

/** Debian's sipp; installed when missing and root (npm test does it first). */
export function sippPath(): string {
  return ensureDebianPackage('/usr/bin/sipp', 'sip-tester')
}

export interface SippRun {
  code: number
  output: string
}

export async function runSipp(
  scenario: string,
  port: number,
  options: {
    cwd: string
    transport?: 'u1' | 't1'
    calls?: number
    rate?: number
    extra?: string[]
  },
): Promise<SippRun> {
  const [localPort, mediaPort] = [await freePort(), await freePort()]
  const args = [
    `127.0.0.1:${port}`,
    '-sf',
    path.isAbsolute(scenario) ? scenario : path.join(SCENARIOS, scenario),
    '-i',
    '127.0.0.1',
    '-mi',
    '127.0.0.1',
    '-p',
    String(localPort),
    '-mp',
    String(mediaPort - (mediaPort % 2)),
    '-t',
    options.transport ?? 'u1',
    '-m',
    String(options.calls ?? 1),
    '-r',
    String(options.rate ?? 10),
    '-nostdin',
    '-timeout',
    '60s',
    '-timeout_error',
    ...(options.extra ?? []),
  ]
  const child = spawn(sippPath(), args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number>((resolve) =>
    child.on('close', (exit) => resolve(exit ?? -1)),
  )
  return { code, output }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
