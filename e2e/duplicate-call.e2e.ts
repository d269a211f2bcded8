import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Call, CallView } from '@common/api/calls.ts'
import type { Incident } from '@common/api/incidents.ts'
import type { Browser } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey 2: a second caller reports what an open incident already covers. The call taker sees
 * the call ringing, answers it, is offered the incident as a duplicate and attaches the call to
 * it: no new incident is made.
 */
const JOURNEY = 'duplicate-call'
let platform: JourneyPlatform
let browser: Browser
let supervisor: ApiUser

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  // A supervisor may offer calls as the phone system does (calls.routes.ts, TELEPHONY).
  supervisor = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
})

after(async () => {
  await browser?.close()
  await platform?.stop()
})

const allIncidents = () => supervisor.get<Incident[]>('/api/incidents?limit=500')

describe('a duplicate call', () => {
  it('is answered and attached to the open incident near it, making no new incident', async () => {
    const incident = await supervisor.post<Incident>('/api/incidents', {
      natureCode: 'BREATHING',
      location: {
        civic: { houseNumber: '12', street: 'Main', streetType: 'St', town: 'Worcester' },
      },
      narrative: 'First caller: neighbour not breathing well',
    })
    const console = await newConsole(browser, platform.url, {
      username: 'calltaker',
      password: 'ecc-demo-calltaker',
      position: 'CT1',
    })
    const { page } = console
    const before = (await allIncidents()).length

    const offered = await supervisor.post<Call>('/api/calls', {
      line: '911',
      ani: '5085550142',
      callerName: 'DOE, JANE',
      classOfService: 'WRLS',
      location: {
        source: 'pidf_lo',
        civic: { houseNumber: '14', street: 'Main', streetType: 'St', town: 'Worcester' },
        point: { lat: 42.26655, lon: -71.80205, uncertaintyM: 30, confidencePct: 90 },
      },
    })

    const row = page.getByTestId('ringing-call').filter({ hasText: '5085550142' })
    await row.waitFor()
    assert.match(await row.innerText(), /911[\s\S]*14 Main St, Worcester/)
    await shot(page, JOURNEY, '1-ringing')
    // The age counts up and changes colour with its words as the 15 s target nears.
    await row.locator('[data-age-level="warn"]').waitFor({ timeout: 15_000 })
    assert.match(await row.innerText(), /nearing 15 s/)
    await shot(page, JOURNEY, '2-ringing-nearing-target')

    await page.keyboard.press('F9')
    const workspace = page.getByRole('region', { name: 'Selected call' })
    await workspace.getByTestId('call-ani').filter({ hasText: '5085550142' }).waitFor()
    assert.equal(await row.count(), 0, 'the answered call left the ringing list')
    const myCalls = page.getByRole('list', { name: 'My calls' })
    assert.match(await myCalls.innerText(), /5085550142/)
    const locations = page.getByRole('region', { name: 'Locations' })
    assert.match(await locations.innerText(), /PIDF-LO[\s\S]*Primary[\s\S]*14 Main St, Worcester/)
    assert.match(await locations.innerText(), /±30 m/)

    const candidate = page.getByTestId('duplicate-candidate')
    await candidate.waitFor()
    assert.match(await candidate.innerText(), new RegExp(incident.number))
    assert.match(await candidate.innerText(), /BREATHING[\s\S]*m away[\s\S]*nearby/)
    await shot(page, JOURNEY, '3-answered-duplicate-offered')

    await page.getByRole('button', { name: `Attach to ${incident.number}` }).click()
    const duplicates = page.getByRole('region', { name: /Possible duplicates/ })
    await duplicates.getByText(`Attached to ${incident.number}`).waitFor()
    await page
      .getByRole('region', { name: 'Incident' })
      .getByText(/attached as a duplicate caller/)
      .waitFor()
    await shot(page, JOURNEY, '4-attached')

    assert.equal((await allIncidents()).length, before, 'no new incident was made')
    const call = await supervisor.get<CallView>(`/api/calls/${offered.id}`)
    assert.equal(call.incidentId, incident.id)
    assert.equal(call.attachedAs, 'duplicate')
    assert.equal(call.answeredAt !== null, true)
    assert.deepEqual(console.errors, [])
    await console.close()
  })
})
