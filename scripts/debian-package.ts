import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

/**
 * A program the tests need from Debian (Chromium for the journeys, sipp for the SIP tests).
 * Installs its package when it is missing and we are root, since a fresh machine has none;
 * otherwise throws naming the command to run.
 */
export function ensureDebianPackage(program: string, pkg: string): string {
  if (fs.existsSync(program)) return program
  const install = `apt-get install -y ${pkg}`
  if (process.getuid?.() !== 0) {
    throw new Error(`${program} is missing: run \`sudo ${install}\`, then retry.`)
  }
  process.stdout.write(`${program} is missing: ${install}\n`)
  // A fresh machine often has stale package lists: update only when the first try fails.
  if (!aptGet(['install', '-y', pkg])) {
    aptGet(['update'])
    aptGet(['install', '-y', pkg])
  }
  if (!fs.existsSync(program)) {
    throw new Error(`\`${install}\` did not install ${program}: see its output above.`)
  }
  return program
}

function aptGet(args: string[]): boolean {
  const result = spawnSync('apt-get', ['-q', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.status === 0
}
