import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import type { Incident } from '../common/api/incidents.ts'
import type { Unit } from '../common/api/units.ts'
import { UNIT_STATUS_LABELS } from '../common/domain/units.ts'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startCuttableProxy, type CuttableProxy } from './support/cuttable-proxy.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey 3: the dispatcher's link to the platform drops while the floor keeps working. The
 * console must say so at once, and once the link is back show exactly what the server holds:
 * every unit's status and every open incident, with nothing missed while it was cut.
 */
const JOURNEY = 'connection-drop'
const WAIT_MS = 30_000

let platform: JourneyPlatform
let browser: Browser
let proxy: CuttableProxy
let supervisor: ApiUser
let dispatcher: ConsoleSession

// The supervisor's API calls go to the platform directly, never through the proxy: the floor
// beyond the cut.

function openIncident(natureCode: string, houseNumber: string): Promise<Incident> {
  return supervisor.post<Incident>('/api/incidents', {
    natureCode,
    location: {
      civic: { houseNumber, street: 'Main', streetType: 'St', town: 'Worcester' },
      point: { lat: 42.2626, lon: -71.8023 },
    },
  })
}

async function unitByCode(code: string): Promise<Unit> {
  const units = await supervisor.get<Unit[]>('/api/units')
  const unit = units.find((candidate) => candidate.code === code)
  assert.ok(unit, `the demo center has unit ${code}`)
  return unit
}

/** The few DOM calls the journey makes in the page (the e2e files are typed without the DOM). */
interface DomNode {
  getAttribute(name: string): string | null
  querySelector(selector: string): { textContent: string | null } | null
  textContent: string | null
}

/** What the board shows, read from the DOM as a person would read it. */
async function boardUnits(page: Page): Promise<Map<string, { status: string; text: string }>> {
  const rows = await page.locator('[data-unit-code]').evaluateAll((elements: DomNode[]) =>
    elements.map((row) => ({
      code: row.getAttribute('data-unit-code') ?? '',
      status: row.getAttribute('data-status') ?? '',
      text: row.querySelector('.status')?.textContent ?? '',
    })),
  )
  return new Map(rows.map((row) => [row.code, { status: row.status, text: row.text }]))
}

async function queueIncidents(page: Page): Promise<Map<string, string>> {
  const rows = await page
    .locator('[data-incident-number]')
    .evaluateAll((elements: DomNode[]) =>
      elements.map((row): [string, string] => [
        row.getAttribute('data-incident-number') ?? '',
        row.textContent ?? '',
      ]),
    )
  return new Map(rows)
}

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  proxy = await startCuttableProxy(platform.url)
  supervisor = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor', 'SUP1')
  dispatcher = await newConsole(browser, proxy.url, {
    username: 'dispatcher',
    password: 'ecc-demo-dispatcher',
    position: 'FD1',
  })
})

after(async () => {
  await dispatcher?.close()
  await browser?.close()
  await proxy?.close()
  await platform?.stop()
})

describe('connection drop on the dispatch board', () => {
  let before: Incident
  let during: Incident

  it('shows an incident opened while connected, with its recommendation', async () => {
    const page = dispatcher.page
    before = await openIncident('CHEST-PAIN', '120')
    const row = page.locator(`[data-incident-number="${before.number}"]`)
    await row.waitFor({ timeout: WAIT_MS })
    assert.match(await row.innerText(), /PENDING/)
    await row.click()
    await page.getByRole('button', { name: /^Dispatch \S+ \(F3\)$/ }).waitFor({ timeout: WAIT_MS })
    await shot(page, JOURNEY, '1-connected')
  })

  it('says the link is lost as soon as it is cut', async () => {
    proxy.cut()
    const banner = dispatcher.page.getByTestId('connection-lost')
    await banner.waitFor({ timeout: WAIT_MS })
    assert.match(await banner.innerText(), /Connection to the platform lost/)
    assert.equal(await dispatcher.page.getByTestId('console-ready').count(), 0)
  })

  it('catches up on everything that happened while cut, and matches the server exactly', async () => {
    const page = dispatcher.page
    // The floor beyond the cut: a new incident, a dispatch, status changes, a note.
    during = await openIncident('FIRE-STRUCT', '480')
    const engine = await unitByCode('E1')
    const ladder = await unitByCode('L1')
    const ambulance = await unitByCode('M1').catch(() => null)
    await supervisor.post(`/api/incidents/${during.id}/dispatch`, { unitIds: [engine.id] })
    await supervisor.post(`/api/units/${engine.id}/status`, { status: 'en_route' })
    await supervisor.post(`/api/units/${ladder.id}/status`, {
      status: 'out_of_service',
      reason: 'mechanical',
    })
    if (ambulance) {
      await supervisor.post(`/api/incidents/${before.id}/dispatch`, { unitIds: [ambulance.id] })
    }
    await supervisor.post(`/api/incidents/${during.id}/notes`, { text: 'Written while cut' })
    await page.waitForTimeout(500)
    // Still cut: the console has none of it, and still says it may be stale.
    assert.equal(await page.locator(`[data-incident-number="${during.number}"]`).count(), 0)
    assert.ok(await page.getByTestId('connection-lost').isVisible())
    await shot(page, JOURNEY, '2-cut')

    proxy.restore()
    await page.getByTestId('console-ready').waitFor({ timeout: WAIT_MS })
    await page.getByTestId('connection-lost').waitFor({ state: 'detached', timeout: WAIT_MS })

    const serverUnits = await supervisor.get<Unit[]>('/api/units')
    const serverIncidents = await supervisor.get<Incident[]>('/api/incidents?open=true&limit=500')
    const shownUnits = await boardUnits(page)
    assert.equal(shownUnits.size, serverUnits.length, 'every unit is on the board')
    for (const unit of serverUnits) {
      const shown = shownUnits.get(unit.code)
      assert.ok(shown, `${unit.code} is on the board`)
      assert.equal(shown.status, unit.status, `${unit.code}'s status`)
      assert.equal(shown.text, UNIT_STATUS_LABELS[unit.status], `${unit.code}'s status text`)
    }
    assert.equal(shownUnits.get('E1')?.text, 'En route')
    assert.equal(shownUnits.get('L1')?.text, 'Out of service')

    const shownIncidents = await queueIncidents(page)
    assert.deepEqual(
      [...shownIncidents.keys()].sort(),
      serverIncidents.map((incident) => incident.number).sort(),
      'the queue holds exactly the open incidents',
    )
    for (const incident of serverIncidents) {
      const text = shownIncidents.get(incident.number)!
      assert.equal(
        /PENDING/.test(text),
        incident.status === 'pending',
        `${incident.number} pending`,
      )
      for (const unit of incident.units.filter((u) => u.state !== 'cleared')) {
        assert.ok(text.includes(unit.code), `${incident.number} shows ${unit.code}`)
      }
    }

    await page.locator(`[data-incident-number="${during.number}"]`).click()
    const detail = page.getByRole('article', { name: `Incident ${during.number}` })
    await detail
      .getByRole('region', { name: 'Narrative' })
      .getByText('Written while cut')
      .waitFor({ timeout: WAIT_MS })
    await shot(page, JOURNEY, '3-restored')
    assert.deepEqual(
      dispatcher.errorsExcept(/ERR_CONNECTION|net::|WebSocket|Failed to load resource/),
      [],
    )
  })

  it('runs commands from the command line and names the bad token', async () => {
    const page = dispatcher.page
    await page.keyboard.press('F2')
    await page.keyboard.type(`OS E1 mechanical`)
    await page.keyboard.press('Enter')
    const log = page.getByRole('list', { name: 'Command log' })
    await log.getByText(/unknown unit "mechanical"/).waitFor({ timeout: WAIT_MS })
    await page.getByLabel('Command (F2 or /)').fill(`OS E1`)
    await page.keyboard.press('Enter')
    await log.getByText('E1 on scene').waitFor({ timeout: WAIT_MS })
    await page
      .locator('[data-unit-code="E1"] .status')
      .getByText('On scene')
      .waitFor({ timeout: WAIT_MS })
    await shot(page, JOURNEY, '4-command-line')
    assert.equal((await unitByCode('E1')).status, 'on_scene')
  })

  it('moves the selection with the arrow keys and dispatches the top choice with F3', async () => {
    const page = dispatcher.page
    await page.keyboard.press('F6')
    await page.keyboard.press('ArrowUp')
    const selected = page.locator('[data-incident-number][aria-selected="true"]')
    await page
      .locator(`[data-incident-number="${before.number}"][aria-selected="true"]`)
      .waitFor({ timeout: WAIT_MS })
    assert.equal(await selected.count(), 1)
    const button = page.getByRole('button', { name: /^Dispatch \S+ \(F3\)$/ })
    await button.waitFor({ timeout: WAIT_MS })
    const code = /^Dispatch (\S+)/.exec(await button.innerText())![1]!
    await page.keyboard.press('F3')
    const log = page.getByRole('list', { name: 'Command log' })
    await log.getByText(`${code} dispatched to ${before.number}`).waitFor({ timeout: WAIT_MS })
    const incident = await supervisor.get<Incident>(`/api/incidents/${before.id}`)
    assert.ok(incident.units.some((unit) => unit.code === code && unit.state === 'active'))
    await shot(page, JOURNEY, '5-f3-dispatch')
  })
})
