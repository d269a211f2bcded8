import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = '/usr/bin/chromium'
const INSTALL = 'apt-get install -y chromium'

/**
 * Debian's Chromium, the only browser the journeys use (playwright-core never downloads one).
 * Installs it when it is missing and we are root, since a fresh machine has none; otherwise
 * throws naming the command to run.
 */
export function chromiumPath(): string {
  if (fs.existsSync(CHROMIUM)) return CHROMIUM
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run \`sudo ${INSTALL}\`, then retry.`)
  }
  process.stdout.write(`Chromium is missing: ${INSTALL}\n`)
  // A fresh machine often has stale package lists: update only when the first try fails.
  if (!aptGet(['install', '-y', 'chromium'])) {
    aptGet(['update'])
    aptGet(['install', '-y', 'chromium'])
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`\`${INSTALL}\` did not install ${CHROMIUM}: see its output above.`)
  }
  return CHROMIUM
}

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', ['-q', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.status === 0
}
