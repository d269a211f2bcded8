import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Call, CallView } from '@common/api/calls.ts'
import type { Incident } from '@common/api/incidents.ts'
import type { IncidentTimeline } from '@common/api/timeline.ts'
import type { Unit } from '@common/api/units.ts'
import type { Browser, Page } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey 1: a 911 call from ringing to a unit on scene, with two people on the floor. The call
 * taker answers, verifies the address, picks the nature and makes the incident; the dispatcher
 * sees it arrive live and sends the top recommended unit; both screens follow the unit en route
 * and on scene; the timeline holds every step.
 */
const JOURNEY = 'call-to-dispatch'
const WAIT_MS = 10_000
let platform: JourneyPlatform
let browser: Browser
let phoneSystem: ApiUser
let calltaker: ConsoleSession
let dispatcher: ConsoleSession

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  // A supervisor may offer calls as the phone system does (calls.routes.ts, TELEPHONY).
  phoneSystem = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
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

/** Both screens show the unit's status on the incident, in words. */
async function bothShow(page: Page, number: string, code: string, status: string): Promise<void> {
  await page
    .getByRole('table', { name: `Units on ${number}` })
    .getByRole('row', { name: new RegExp(`${code}\\b.*${status}`) })
    .waitFor({ timeout: WAIT_MS })
}

describe('a 911 call from ringing to on scene', () => {
  let offered: Call
  let incident: Incident
  let unitCode: string

  it('rings at the call taker within a second and is made an incident', async () => {
    const page = calltaker.page
    const sentAt = Date.now()
    offered = await phoneSystem.post<Call>('/api/calls', {
      line: '911',
      ani: '5085550177',
      callerName: 'RIVERA, ANA',
      classOfService: 'RESD',
      location: {
        source: 'ali',
        civic: { houseNumber: '12', street: 'Main', streetType: 'St', town: 'Worcester' },
      },
    })
    const row = page.getByTestId('ringing-call').filter({ hasText: '5085550177' })
    await row.waitFor({ timeout: 1000 })
    const shownAfterMs = Date.now() - sentAt
    assert.ok(shownAfterMs <= 1000, `ringing on screen ${shownAfterMs} ms after the offer`)
    await shot(page, JOURNEY, '1-ringing')

    await page.keyboard.press('F9')
    await page
      .getByRole('region', { name: 'Selected call' })
      .getByTestId('call-ani')
      .filter({ hasText: '5085550177' })
      .waitFor()

    const address = page.getByRole('combobox', { name: 'Address' })
    await address.fill('12 main street, worcester')
    await page
      .getByRole('option', { name: /12 Main St, Worcester/ })
      .first()
      .waitFor()
    await address.press('Enter')
    await page.getByText(/✓ Verified: 12 Main St, Worcester/).waitFor()

    const nature = page.getByRole('combobox', { name: 'Nature code' })
    await nature.fill('fire alarm')
    await page.getByRole('option', { name: /FIRE-ALARM/ }).waitFor()
    await nature.press('Enter')
    assert.equal(await nature.inputValue(), 'FIRE-ALARM')
    await shot(page, JOURNEY, '2-answered-verified')

    await page.getByRole('button', { name: 'Create incident' }).click()
    const created = page.getByText(/Incident \S+ created/)
    await created.waitFor()
    const call = await phoneSystem.get<CallView>(`/api/calls/${offered.id}`)
    assert.ok(call.incidentId, 'the call is on the incident')
    incident = await phoneSystem.get<Incident>(`/api/incidents/${call.incidentId}`)
    assert.match(await created.innerText(), new RegExp(incident.number))
    assert.deepEqual(
      [incident.natureCode, incident.location.text, incident.location.isVerified],
      ['FIRE-ALARM', '12 Main St, Worcester', true],
    )
    await shot(page, JOURNEY, '3-incident-created')
  })

  it("arrives on the dispatcher's board live, and the top recommended unit is sent", async () => {
    const page = dispatcher.page
    const row = page.locator(`[data-incident-number="${incident.number}"]`)
    await row.waitFor({ timeout: WAIT_MS })
    assert.match(await row.innerText(), /FIRE-ALARM[\s\S]*12 Main St/)
    await row.click()
    const dispatchTop = page.getByRole('button', { name: /^Dispatch \S+ \(F3\)$/ })
    await dispatchTop.waitFor({ timeout: WAIT_MS })
    unitCode = /^Dispatch (\S+) \(F3\)$/.exec((await dispatchTop.textContent())!.trim())![1]!
    await shot(page, JOURNEY, '4-board-with-recommendation')

    await page.keyboard.press('F3')
    await bothShow(page, incident.number, unitCode, 'Dispatched')
    await bothShow(calltaker.page, incident.number, unitCode, 'Dispatched')
    await page
      .locator(`[data-unit-code="${unitCode}"] .status`)
      .getByText('Dispatched')
      .waitFor({ timeout: WAIT_MS })
    const unit = (await phoneSystem.get<Unit[]>('/api/units')).find((u) => u.code === unitCode)
    assert.equal(unit?.status, 'dispatched')
    assert.equal(unit?.incidentId, incident.id)
    await shot(page, JOURNEY, '5-dispatched')
  })

  it('follows the unit en route and on scene on both screens', async () => {
    const page = dispatcher.page
    const command = page.getByLabel('Command (F2 or /)')
    await command.fill(`ENR ${unitCode}`)
    await command.press('Enter')
    await bothShow(page, incident.number, unitCode, 'En route')
    await bothShow(calltaker.page, incident.number, unitCode, 'En route')

    await command.fill(`OS ${unitCode}`)
    await command.press('Enter')
    await bothShow(page, incident.number, unitCode, 'On scene')
    await bothShow(calltaker.page, incident.number, unitCode, 'On scene')
    await shot(page, JOURNEY, '6-dispatcher-on-scene')
    await shot(calltaker.page, JOURNEY, '7-calltaker-on-scene')
  })

  it('shows every step in the timeline, as the log holds it', async () => {
    const timeline = dispatcher.page
      .getByRole('article', { name: `Incident ${incident.number}` })
      .getByRole('region', { name: 'Timeline' })
    await timeline.getByText(`${unitCode} on scene`).waitFor({ timeout: WAIT_MS })
    const shown = await timeline.innerText()
    const steps = [
      /911 call from 5085550177/,
      /Call answered at CT1/,
      new RegExp(`${incident.number} opened: FIRE-ALARM`),
      new RegExp(`${unitCode} dispatched`),
      new RegExp(`${unitCode} en route`),
      new RegExp(`${unitCode} on scene`),
    ]
    let from = 0
    for (const step of steps) {
      const at = shown.slice(from).search(step)
      assert.ok(at >= 0, `the timeline shows ${step} after the step before it:\n${shown}`)
      from += at
    }
    const log = await phoneSystem.get<IncidentTimeline>(`/api/incidents/${incident.id}/timeline`)
    for (const entry of log.entries) assert.ok(shown.includes(entry.summary), entry.summary)
    await shot(dispatcher.page, JOURNEY, '8-timeline')

    assert.deepEqual(calltaker.errors, [])
    assert.deepEqual(dispatcher.errors, [])
  })
})
