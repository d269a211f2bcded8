import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CallView, CallWithIncident } from '@common/api/calls.ts'
import type { Unit } from '@common/api/units.ts'
import type { Browser } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * A floor supervisor watches a 911 call ring past 10 s, sees who sits where, sees today's
 * answer-time compliance move when the call is answered, then looks at the floor on the map:
 * towns, roads, the incident the call became and a unit with a fix, with its recommendation.
 */
const JOURNEY = 'supervisor-map'
const ANI = '5085550142'

let platform: JourneyPlatform
let browser: Browser
let supervisor: ConsoleSession
let phone: ApiUser
let calltaker: ApiUser
let dispatcher: ApiUser
let call: CallView

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  // The administrator offers calls as a phone system would; the others sit at their positions.
  phone = await logOnApi(platform.url, 'admin', 'ecc-demo-admin')
  calltaker = await logOnApi(platform.url, 'calltaker', 'ecc-demo-calltaker', 'CT1')
  dispatcher = await logOnApi(platform.url, 'dispatcher', 'ecc-demo-dispatcher', 'FD1')
  supervisor = await newConsole(browser, platform.url, {
    username: 'supervisor',
    password: 'ecc-demo-supervisor',
    position: 'SUP1',
  })
})

after(async () => {
  await supervisor?.close()
  await browser?.close()
  await platform?.stop()
})

/** Polls a check the page cannot express as one locator (a count in a data attribute). */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not true within ${timeoutMs} ms: ${check.toString()}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('supervisor and map', () => {
  it('shows a 911 call ringing past 10 s, and the positions with who is on them', async () => {
    const page = supervisor.page
    const scene = page.getByRole('region', { name: 'supervisor' })
    await scene.waitFor()
    const answeredBefore = Number(await page.getByTestId('calls-answered').innerText())

    call = await phone.post<CallView>('/api/calls', {
      line: '911',
      ani: ANI,
      classOfService: 'RESD',
      location: {
        source: 'ali',
        civic: { houseNumber: '455', street: 'Main', streetType: 'St', town: 'Worcester' },
        point: { lat: 42.2626, lon: -71.8022, uncertaintyM: 15 },
      },
    })
    const ringingTable = page.getByRole('table', { name: 'Calls ringing longer than 10 s' })
    const row = ringingTable.getByRole('row').filter({ hasText: ANI })
    // Not listed before 10 s; listed after, with its age in words.
    assert.equal(await row.count(), 0)
    await row.waitFor({ timeout: 20_000 })
    assert.match(await row.innerText(), /911/)
    assert.match(await row.innerText(), /nearing 15 s|past 15 s|past 20 s/)

    const positions = page.getByRole('table', { name: 'Positions' })
    for (const [code, user] of [
      ['SUP1', 'supervisor'],
      ['CT1', 'calltaker'],
      ['FD1', 'dispatcher'],
    ] as const) {
      const line = positions.getByRole('row').filter({ hasText: code })
      assert.match(await line.first().innerText(), new RegExp(user), `${code} shows ${user}`)
    }
    await shot(page, JOURNEY, 'supervisor-call-ringing')

    // The call taker answers it: the day's answered count and shares move on the screen.
    await calltaker.post(`/api/calls/${call.id}/answer`, {})
    await page
      .getByTestId('calls-answered')
      .filter({ hasText: String(answeredBefore + 1) })
      .waitFor({ timeout: 10_000 })
    assert.equal(await row.count(), 0, 'the answered call left the ringing list')
    const target = await page.getByTestId('target-answer').innerText()
    assert.match(target, /Answered within 15 s \(target 90 %\)/)
    assert.match(target, /\d+\.\d %/)
    assert.match(target, /MET|MISSED/)
    await shot(page, JOURNEY, 'supervisor-call-answered')
  })

  it('draws towns, roads, an incident and a unit on the map, and its recommended units', async () => {
    const page = supervisor.page
    const { incident } = await calltaker.post<CallWithIncident>(`/api/calls/${call.id}/incident`, {
      natureCode: 'FIRE-STRUCT',
    })
    assert.notEqual(incident.location.lat, null, 'the incident has a position')
    const units = await dispatcher.get<Unit[]>('/api/units')
    const engine = units.find((u) => u.unitType === 'engine' && u.status !== 'out_of_service')
    assert.ok(engine, 'the demo has an engine')
    await dispatcher.post(`/api/units/${engine.id}/location`, { lat: 42.258, lon: -71.81 })

    await page.keyboard.press('Alt+3')
    const map = page.getByTestId('floor-map')
    await waitFor(async () => Number(await map.getAttribute('data-roads')) > 1000, 30_000)
    assert.equal(await map.getAttribute('data-towns'), '3')
    await map.locator(`[data-incident="${incident.number}"]`).waitFor({ timeout: 10_000 })
    await map.locator(`[data-unit="${engine.code}"]`).waitFor({ timeout: 10_000 })
    assert.ok(Number(await map.getAttribute('data-incident-markers')) >= 1)
    assert.ok(Number(await map.getAttribute('data-unit-markers')) >= 1)
    // Roads and town lines are on a canvas in the overlay pane; names are markers.
    assert.equal(await map.locator('.leaflet-overlay-pane canvas').count(), 1)
    assert.ok(await map.locator('.map-town', { hasText: 'Worcester' }).isVisible())
    assert.match(await map.locator(`[data-incident="${incident.number}"]`).innerText(), /P\d/)
    await shot(page, JOURNEY, 'map-floor')

    // Chosen from the list by keyboard: its recommended units, drawn with lines to it.
    const entry = page.getByRole('button', { name: new RegExp(incident.number) })
    await entry.focus()
    await page.keyboard.press('Enter')
    assert.equal(await entry.getAttribute('aria-pressed'), 'true')
    const panel = page.getByRole('region', { name: 'Recommended units' })
    await panel.getByRole('table').waitFor({ timeout: 10_000 })
    await waitFor(
      async () => Number(await map.getAttribute('data-recommendation-lines')) > 0,
      10_000,
    )
    assert.match(await panel.innerText(), new RegExp(`Recommended for ${incident.number}`))
    assert.ok(await map.locator('.map-line-label').first().isVisible())
    await shot(page, JOURNEY, 'map-recommendation')
    assert.deepEqual(supervisor.errors, [])
  })
})
