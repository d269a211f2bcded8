import { ensureDebianPackage } from '../../scripts/debian-package.ts'

/** Debian's Chromium, the only browser the journeys use (playwright-core never downloads one). */
export function chromiumPath(): string {
  return ensureDebianPackage('/usr/bin/chromium', 'chromium')
}
