/**
 * A unit status change reaching the dispatch board of a connected console, measured in the
 * browser. 500 units and 200 active incidents on the board (the demo center's units plus units
 * added by the administrator); a dispatcher's console in Debian's Chromium; 10 status changes a
 * second for 30 s, each sent from inside the page with fetch. Figure: p99 from sending the
 * command to a MutationObserver seeing the unit row's status text change (both ends stamped with
 * the page's own clock). Baseline: the same command's HTTP round trip, stamped in the same page
 * (the answer without the live path and the DOM). Target: p99 ≤ 100 ms, every change shown.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Incident } from '../common/api/incidents.ts'
import type { Unit } from '../common/api/units.ts'
import { newConsole, openBrowser } from '../e2e/support/browser.ts'
import { percentile, seconds, type BenchResult } from './lib/measure.ts'
import { startPlatformNode, type PlatformNode, type Session } from './lib/platform-node.ts'

const UNITS = 500
const ACTIVE_INCIDENTS = 200
const RATE_PER_SECOND = 10
/** Units that take turns changing: each changes every few seconds, so changes never overlap. */
const TOGGLED_UNITS = 50
const TARGET_P99_MS = 100
const ROOT = path.resolve(import.meta.dirname, '..')

interface Sample {
  /** Command sent → status text changed in the DOM. */
  dom: number
  /** Command sent → HTTP answer. */
  http: number
}

export async function consoleLatencyBench(): Promise<BenchResult> {
  if (!fs.existsSync(path.join(ROOT, 'console/dist/index.html'))) {
    throw new Error('console/dist is not built: npx tsx scripts/build-console.ts')
  }
  const duration = seconds(30)
  const count = Math.round(duration * RATE_PER_SECOND)
  const node = await startPlatformNode()
  const browser = await openBrowser()
  try {
    const dispatcher = await node.staffAt('BD1', ['dispatcher'])
    const toggled = await fillTheFloor(node, dispatcher)
    const console = await newConsole(browser, node.url, {
      username: 'bench-bd1',
      password: 'bench-password-BD1',
      position: 'BD1',
    })
    const page = console.page
    await page.locator(`[data-unit-code="${toggled.at(-1)!.code}"]`).waitFor({ timeout: 60_000 })
    const shown = await page.locator('[data-unit-code]').count()
    const queued = await page.locator('[data-incident-number]').count()
    const samples = await measureInPage(page, toggled, count)
    const errors = console.errors
    await console.close()

    const dom = samples.filter((s) => Number.isFinite(s.dom)).map((s) => s.dom)
    const http = samples.map((s) => s.http)
    const missed = samples.length - dom.length
    const p99 = percentile(dom, 99)
    const httpP99 = percentile(http, 99)
    return {
      name: `unit status to the DOM of a console showing ${shown} units and ${queued} incidents`,
      figure: `p99 ${p99.toFixed(1)} ms (p50 ${percentile(dom, 50).toFixed(1)}, p95 ${percentile(dom, 95).toFixed(1)})`,
      baseline: `HTTP round trip p99 ${httpP99.toFixed(1)} ms (p50 ${percentile(http, 50).toFixed(1)}, p95 ${percentile(http, 95).toFixed(1)})`,
      ratio: p99 / httpP99,
      target: `p99 ≤ ${TARGET_P99_MS} ms, every change shown`,
      met: p99 <= TARGET_P99_MS && missed === 0 && shown >= UNITS,
      details: [
        `${count} changes over ${duration} s at ${RATE_PER_SECOND}/s, sent and observed in the page`,
        `${missed} changes not seen in the DOM within 5 s`,
        `page errors: ${errors.length === 0 ? 'none' : errors.slice(0, 3).join(' | ')}`,
      ],
    }
  } finally {
    await browser.close()
    await node.stop()
  }
}

/**
 * Adds units up to 500 and opens 200 incidents with one of the new units dispatched to each.
 * Returns free units to toggle between available and in quarters (a normal transition both ways).
 */
async function fillTheFloor(node: PlatformNode, dispatcher: Session): Promise<Unit[]> {
  const agencies = (await node.request(node.admin, 'GET', '/api/agencies')) as {
    id: string
    code: string
  }[]
  const fire = agencies.find((agency) => agency.code === 'WFD')
  if (!fire) throw new Error('the demo center has no WFD agency')
  const existing = (await node.request(node.admin, 'GET', '/api/units')) as Unit[]
  const added: Unit[] = []
  for (let i = existing.length; i < UNITS; i++) {
    added.push(
      (await node.request(node.admin, 'POST', '/api/units', {
        code: `BX${String(i).padStart(3, '0')}`,
        agencyId: fire.id,
        unitType: 'engine',
      })) as Unit,
    )
  }
  if (added.length < ACTIVE_INCIDENTS + TOGGLED_UNITS) {
    throw new Error(`only ${added.length} units added; the demo center has grown`)
  }
  for (let i = 0; i < ACTIVE_INCIDENTS; i++) {
    const incident = (await node.request(dispatcher, 'POST', '/api/incidents', {
      natureCode: 'SERVICE',
      agencyId: fire.id,
      location: { text: `Bench incident ${i}`, point: { lat: 42.26 + i / 10_000, lon: -71.8 } },
    })) as Incident
    await node.request(dispatcher, 'POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [added[i]!.id],
    })
  }
  return added.slice(ACTIVE_INCIDENTS, ACTIVE_INCIDENTS + TOGGLED_UNITS)
}

/**
 * The page's side, as source text: tsx would wrap a function's body in helpers the page does not
 * have. Sends each change on schedule with fetch and resolves when its row's status text shows
 * the new status, or after 5 s (counted as missed).
 */
const IN_PAGE = `async ({ units, count, rate }) => {
  const session = await (await fetch('/api/session')).json()
  const labels = { available: 'Available', in_quarters: 'In quarters' }
  const next = new Map(units.map((u) => [u.id, u.status]))
  const samples = []
  const start = performance.now()
  const pending = []
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    const unit = units[i % units.length]
    const status = next.get(unit.id) === 'available' ? 'in_quarters' : 'available'
    next.set(unit.id, status)
    const row = document.querySelector('[data-unit-code="' + unit.code + '"]')
    pending.push(new Promise((resolve) => {
      const sample = { dom: Infinity, http: Infinity }
      let done = 0
      const finish = () => { if (++done === 2) resolve(sample) }
      const seen = () => {
        const text = row.querySelector('.status')?.textContent
        if (text !== labels[status]) return false
        sample.dom = performance.now() - sent
        observer.disconnect()
        clearTimeout(timer)
        finish()
        return true
      }
      const observer = new MutationObserver(seen)
      observer.observe(row, { subtree: true, childList: true, characterData: true })
      const timer = setTimeout(() => { observer.disconnect(); finish() }, 5000)
      const sent = performance.now()
      fetch('/api/units/' + unit.id + '/status', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ status }),
      }).then(async (response) => {
        sample.http = performance.now() - sent
        if (!response.ok) sample.error = response.status + ' ' + (await response.text())
        finish()
      })
    }))
  }
  return Promise.all(pending)
}`

async function measureInPage(page: Page, units: Unit[], count: number): Promise<Sample[]> {
  const args = {
    units: units.map((unit) => ({ id: unit.id, code: unit.code, status: unit.status })),
    count,
    rate: RATE_PER_SECOND,
  }
  const samples = await page.evaluate<(Sample & { error?: string })[]>(
    `(${IN_PAGE})(${JSON.stringify(args)})`,
  )
  const failed = samples.find((sample) => sample.error)
  if (failed) throw new Error(`a status change was refused: ${failed.error}`)
  // JSON carries Infinity as null.
  return samples.map((sample) => ({
    dom: sample.dom ?? Number.POSITIVE_INFINITY,
    http: sample.http ?? Number.POSITIVE_INFINITY,
  }))
}
