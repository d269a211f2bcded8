import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { UnitEmergency } from '@common/api/unit-emergencies.ts'
import type { Unit } from '@common/api/units.ts'
import type { Browser, Page } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * The floor's alarms: a new 911 call sounds at the call taker (not at the dispatcher), a muted
 * position stays quiet; a unit's emergency button flashes and sounds at the dispatcher, again
 * and again, until someone acknowledges it, and is stopped with a reason.
 */
const JOURNEY = 'alarms'
const WAIT_MS = 10_000
let platform: JourneyPlatform
let browser: Browser
let supervisor: ApiUser
let calltaker: ConsoleSession
let dispatcher: ConsoleSession

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  supervisor = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
  calltaker = await newConsole(browser, platform.url, {
    username: 'calltaker',
    password: 'ecc-demo-calltaker',
    position: 'CT1',
  })
  dispatcher = await newConsole(browser, platform.url, {
    username: 'dispatcher',
    password: 'ecc-demo-dispatcher',
    position: 'FD1',
  })
})

after(async () => {
  await browser?.close()
  await platform?.stop()
})

/** How many cues the page sounded, and how many it kept quiet because the position is muted. */
async function cues(page: Page): Promise<{ sounded: number; muted: number; last: string | null }> {
  const html = page.locator('html')
  return {
    sounded: Number((await html.getAttribute('data-cues')) ?? 0),
    muted: Number((await html.getAttribute('data-muted-cues')) ?? 0),
    last: await html.getAttribute('data-last-cue'),
  }
}

async function waitForCues(page: Page, check: (c: Awaited<ReturnType<typeof cues>>) => boolean) {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const now = await cues(page)
    if (check(now)) return now
    if (Date.now() > deadline) throw new Error(`cues stayed at ${JSON.stringify(now)}`)
    await page.waitForTimeout(100)
  }
}

const offer911 = (ani: string) => supervisor.post('/api/calls', { line: '911', ani })

describe('alarms on the floor', () => {
  it('sounds a new 911 call at the call taker only, and not once the position is muted', async () => {
    await offer911('5085550111')
    await calltaker.page.getByTestId('ringing-call').filter({ hasText: '5085550111' }).waitFor()
    const heard = await waitForCues(calltaker.page, (c) => c.sounded === 1)
    assert.equal(heard.last, 'call_911')
    assert.equal((await cues(dispatcher.page)).sounded, 0, 'a dispatcher is not rung')

    await calltaker.page.getByRole('button', { name: 'Sound on' }).click()
    await calltaker.page.getByRole('button', { name: 'Sound off' }).waitFor()
    await offer911('5085550112')
    await calltaker.page.getByTestId('ringing-call').filter({ hasText: '5085550112' }).waitFor()
    const quiet = await waitForCues(calltaker.page, (c) => c.muted === 1)
    assert.equal(quiet.sounded, 1, 'the muted position sounded nothing more')
    await shot(calltaker.page, JOURNEY, '1-calltaker-muted')
  })

  it("flashes and repeats a unit's emergency until acknowledged, then stops it with a reason", async () => {
    const page = dispatcher.page
    const engine = (await supervisor.get<Unit[]>('/api/units')).find((u) => u.code === 'E1')!
    const emergency = await supervisor.post<UnitEmergency>(`/api/units/${engine.id}/emergency`, {
      lat: 42.2626,
      lon: -71.8023,
    })
    const alarm = page.getByTestId('emergency-alarm')
    await alarm.getByText(/EMERGENCY unit E1 pressed its emergency button/).waitFor()
    const first = await waitForCues(page, (c) => c.sounded >= 1)
    assert.equal(first.last, 'emergency')
    // Unacknowledged, it sounds again (every 3 s).
    await waitForCues(page, (c) => c.sounded >= first.sounded + 1)
    await shot(page, JOURNEY, '2-emergency-alarm')

    await alarm.getByRole('button', { name: 'Acknowledge E1' }).click()
    await alarm.waitFor({ state: 'detached', timeout: WAIT_MS })
    const acknowledged = await supervisor.get<UnitEmergency[]>('/api/unit-emergencies?open=true')
    assert.notEqual(acknowledged.find((e) => e.id === emergency.id)?.acknowledgedAt, null)
    const after = (await cues(page)).sounded
    await page.waitForTimeout(3500)
    assert.equal((await cues(page)).sounded, after, 'silent once acknowledged')

    const panel = page.getByRole('region', { name: 'Units in emergency' })
    await panel.getByText(/acknowledged/).waitFor()
    await panel.getByRole('button', { name: 'Stop E1 emergency' }).click()
    await panel.getByText('say why the emergency is over').waitFor()
    await panel.getByLabel('Reason to stop E1').fill('crew safe, radio checked')
    await panel.getByRole('button', { name: 'Stop E1 emergency' }).click()
    await panel.waitFor({ state: 'detached', timeout: WAIT_MS })
    const open = await supervisor.get<UnitEmergency[]>('/api/unit-emergencies?open=true')
    assert.equal(
      open.some((e) => e.id === emergency.id),
      false,
    )
    await shot(page, JOURNEY, '3-emergency-stopped')
    assert.deepEqual(calltaker.errors, [])
    assert.deepEqual(dispatcher.errors, [])
  })
})
