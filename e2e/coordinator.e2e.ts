import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { ResidentDisabilityRequest } from '@common/api/disability-registry.ts'
import type { OutboxMessage } from '@common/api/residents.ts'
import type { Browser, Locator, Page } from 'playwright-core'
import { logOnApi, signUpResidentApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey: two residents file disability indicator requests in the portal; the Worcester
 * coordinator (no position) returns the incomplete one with a reason and enters the other, finds
 * it among the indicators and in the re-verification CSV, types in a paper form whose address
 * does not verify (entered with an override reason) and deactivates it; the administrator reads
 * the residents' phone confirmations in the Outbox scene.
 */
const JOURNEY = 'coordinator'
const WAIT_MS = 10_000
const PASSWORD = 'correct-horse-battery-1'
const INCOMPLETE = { name: 'Ana Rivera', phone: '+15085550171', typed: '(508) 555-0171' }
const COMPLETE = { name: 'Joseph Dunn', phone: '+15085550172', typed: '(508) 555-0172' }
const PAPER = { name: 'Ruth Calloway', phone: '(508) 555-0173' }
const RETURN_REASON = 'Which apartment? Please file again with the apartment number.'
const OVERRIDE_REASON = 'New building, not yet in the address data; checked on site.'
/** Answers Chromium logs as errors that the journey causes on purpose. */
const EXPECTED_ERRORS = [
  // The address that does not verify: the server asks for an override reason.
  /400 \(Bad Request\) \(\S+\/api\/disability-requests\/[^/]+\/enter\)$/,
]

/** A resident signed up through the portal API (the portal's own journey drives the pages). */
function signUp(baseUrl: string, name: string): Promise<ApiUser> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.org`
  return signUpResidentApi(baseUrl, { email, password: PASSWORD, displayName: name })
}

let platform: JourneyPlatform
let browser: Browser
let admin: ApiUser
let incomplete: ApiUser
let complete: ApiUser
let coordinator: ConsoleSession
let page: Page

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  admin = await logOnApi(platform.url, 'admin', 'ecc-demo-admin')
  incomplete = await signUp(platform.url, INCOMPLETE.name)
  complete = await signUp(platform.url, COMPLETE.name)
  // A phone each: the confirmation texts are what the administrator finds in the outbox.
  await incomplete.post('/api/portal/phones', { number: INCOMPLETE.typed })
  await complete.post('/api/portal/phones', { number: COMPLETE.typed })
  await incomplete.post<ResidentDisabilityRequest>('/api/portal/disability-requests', {
    personName: INCOMPLETE.name,
    address: { houseNumber: '40', street: 'Main St', town: 'Worcester' },
    kinds: ['vision'],
    note: 'Blind. Unsure of apartment, the landlord renumbered them.',
    contactPhone: INCOMPLETE.typed,
  })
  await complete.post<ResidentDisabilityRequest>('/api/portal/disability-requests', {
    personName: COMPLETE.name,
    address: { houseNumber: '12', street: 'Main St', unit: '3', town: 'Worcester' },
    kinds: ['mobility', 'oxygen_life_support'],
    note: 'Uses a wheelchair; oxygen concentrator in the bedroom.',
    contactPhone: COMPLETE.typed,
  })
})

after(async () => {
  await coordinator?.close()
  await browser?.close()
  await platform?.stop()
})

/** Whether the element has the keyboard focus (no `document` here: these types have no DOM). */
async function hasFocus(locator: Locator): Promise<boolean> {
  const active = await locator.page().evaluateHandle('document.activeElement')
  return locator.evaluate((element, focused) => element === focused, active)
}

const row = (table: string, text: string) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text })

describe('the 911 coordinator reviews requests in the Disability registry scene', () => {
  it('logs on at no position and sees both filed requests of the town', async () => {
    coordinator = await newConsole(browser, platform.url, {
      username: 'coordinator',
      password: 'ecc-demo-coordinator',
      position: null,
    })
    page = coordinator.page
    const tabs = page.getByRole('navigation', { name: 'Scenes' })
    assert.deepEqual(await tabs.getByRole('button').allInnerTexts(), ['Disability registry'])
    const current = tabs.getByRole('button', { name: 'Disability registry' })
    assert.equal(await current.getAttribute('aria-current'), 'page', 'the scene it opens on')
    assert.doesNotMatch(await page.locator('.who').innerText(), /@/, 'at no position')
    const requests = page.getByRole('table', { name: 'Requests' })
    await requests.getByText(INCOMPLETE.name).waitFor({ timeout: WAIT_MS })
    await requests.getByText(COMPLETE.name).waitFor()
    await page
      .getByText(/Read at \d\d:\d\d:\d\d/)
      .first()
      .waitFor()
    await shot(page, JOURNEY, '01-queue')
  })

  it('returns the incomplete request with a reason; the resident sees it', async () => {
    // With the keyboard: the review button, Enter; the focus moves to the request.
    await page.getByRole('button', { name: `Review ${INCOMPLETE.name}` }).focus()
    await page.keyboard.press('Enter')
    const detail = page.getByRole('region', { name: `Request of ${INCOMPLETE.name}` })
    await detail.waitFor()
    assert.equal(await hasFocus(detail), true, 'the request has the focus')
    await detail.getByText('none given').waitFor()
    await detail.getByText(/Unsure of apartment/).waitFor()
    // Without a reason the form says so and sends nothing.
    await detail.getByRole('button', { name: 'Return', exact: true }).click()
    await detail
      .getByRole('alert')
      .filter({ hasText: 'Give the reason: the resident reads it.' })
      .waitFor()
    await detail.getByLabel('Reason for returning (the resident sees it)').fill(RETURN_REASON)
    await shot(page, JOURNEY, '02-return-reason')
    await detail.getByRole('button', { name: 'Return', exact: true }).click()
    await detail.getByText('Returned', { exact: true }).waitFor({ timeout: WAIT_MS })
    await detail.getByText(RETURN_REASON).waitFor()
    await row('Requests', INCOMPLETE.name).waitFor({ state: 'detached', timeout: WAIT_MS })

    const mine = await incomplete.get<ResidentDisabilityRequest[]>(
      '/api/portal/disability-requests',
    )
    assert.equal(mine.length, 1)
    assert.equal(mine[0]!.status, 'returned')
    assert.equal(mine[0]!.returnReason, RETURN_REASON)
  })

  it('enters the complete request; it is among the indicators and in the CSV', async () => {
    await page.getByRole('button', { name: `Review ${COMPLETE.name}` }).click()
    const detail = page.getByRole('region', { name: `Request of ${COMPLETE.name}` })
    await detail.getByRole('button', { name: 'Enter', exact: true }).click()
    await detail.getByText('Entered', { exact: true }).waitFor({ timeout: WAIT_MS })
    const entry = row('Indicators', COMPLETE.name)
    await entry.waitFor({ timeout: WAIT_MS })
    const text = await entry.innerText()
    assert.match(text, /12 Main St/)
    assert.match(text, /Apt 3/)
    assert.match(text, /Mobility, Oxygen \/ life support/)
    assert.match(text, /Active/)
    await shot(page, JOURNEY, '03-entered')

    const mine = await complete.get<ResidentDisabilityRequest[]>('/api/portal/disability-requests')
    assert.equal(mine[0]!.status, 'entered')

    // The links download with the console's session, as the browser would.
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href')
    const csv = await page.request.get(new URL(csvHref!, page.url()).href)
    assert.equal(csv.status(), 200)
    assert.match(csv.headers()['content-type'] ?? '', /text\/csv/)
    const lines = (await csv.text()).split('\n')
    const person = lines.find((line) => line.includes(COMPLETE.name))
    assert.ok(person, `the CSV lists ${COMPLETE.name}: ${lines.join(' | ')}`)
    assert.match(person, new RegExp(COMPLETE.phone.replace('+', '\\+')))
    assert.ok(!lines.some((line) => line.includes(INCOMPLETE.name)), 'a returned request is not')
    const pdfHref = await page.getByRole('link', { name: 'PDF' }).getAttribute('href')
    const pdf = await page.request.get(new URL(pdfHref!, page.url()).href)
    assert.equal(pdf.status(), 200)
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-')
  })

  it('types in a paper form; an address that does not verify needs an override reason', async () => {
    await page.keyboard.press('Alt+n')
    const name = page.getByLabel('Name of the person')
    await name.waitFor()
    assert.equal(await hasFocus(name), true, 'Alt+N puts the focus on the first field')
    await name.fill(PAPER.name)
    await page.getByLabel('House number').fill('999')
    await page.getByLabel('Street').fill('Nowhere Rd')
    await page.getByLabel('Apartment or unit').fill('1')
    await page.getByLabel('Town').fill('Worcester')
    await page.getByLabel('Phone the household calls from').fill(PAPER.phone)
    // No kind chosen: checked against the API's schema before anything is sent.
    await page.getByRole('button', { name: 'File the paper form' }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: /pick at least one kind/ })
      .waitFor()
    await page.getByLabel('Hearing').check()
    await page.getByRole('button', { name: 'File the paper form' }).click()
    await page.getByText(`Paper form of ${PAPER.name} filed`).waitFor({ timeout: WAIT_MS })
    assert.match(await row('Requests', PAPER.name).innerText(), /Paper form/)

    await page.getByRole('button', { name: `Review ${PAPER.name}` }).click()
    const detail = page.getByRole('region', { name: `Request of ${PAPER.name}` })
    await detail.getByRole('button', { name: 'Enter', exact: true }).click()
    const override = detail.getByLabel('Override reason (the address does not verify)')
    await override.waitFor({ timeout: WAIT_MS })
    await detail
      .getByRole('alert')
      .filter({ hasText: /does not verify/ })
      .waitFor()
    await shot(page, JOURNEY, '04-override-asked')
    await override.fill(OVERRIDE_REASON)
    await detail.getByRole('button', { name: 'Enter anyway' }).click()
    await detail.getByText('Entered', { exact: true }).waitFor({ timeout: WAIT_MS })
    const entry = row('Indicators', PAPER.name)
    await entry.waitFor({ timeout: WAIT_MS })
    assert.match(await entry.innerText(), /unverified address/)
  })

  it('deactivates an entry with a reason; it is kept and shown on demand', async () => {
    await page.getByRole('button', { name: `Deactivate ${PAPER.name}` }).click()
    const reason = page.getByLabel(`Reason to deactivate ${PAPER.name}`)
    // The reason field has the focus: Enter with it empty says what is missing.
    assert.equal(await hasFocus(reason), true)
    await page.keyboard.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'Give the reason to deactivate it' }).waitFor()
    await reason.fill('Moved to a care home')
    await page.getByRole('button', { name: 'Deactivate', exact: true }).click()
    // Both rows go: the entry and its reason form.
    await row('Indicators', PAPER.name).first().waitFor({ state: 'detached', timeout: WAIT_MS })
    await page.getByLabel('Show inactive').check()
    const kept = row('Indicators', PAPER.name)
    await kept.waitFor({ timeout: WAIT_MS })
    assert.match(await kept.innerText(), /Inactive since \d{4}-\d\d-\d\d: Moved to a care home/)
    // Re-verify the remaining one: still active, verified today.
    await page.getByRole('button', { name: `Re-verify ${COMPLETE.name}` }).click()
    // Both lists are read again after the change.
    await page.getByText('Reading…').first().waitFor({ state: 'detached', timeout: WAIT_MS })
    assert.match(await row('Indicators', COMPLETE.name).innerText(), /Active/)
    await shot(page, JOURNEY, '05-indicators')
  })

  it('leaves nothing of the registry in the browser storage', async () => {
    const stored = await page.evaluate<string>(
      'JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])',
    )
    for (const name of [INCOMPLETE.name, COMPLETE.name, PAPER.name]) {
      assert.ok(!stored.includes(name), `${name} is not in the storage: ${stored}`)
    }
    assert.deepEqual(coordinator.errorsExcept(...EXPECTED_ERRORS), [])
  })
})

describe('the administrator reads the outbox', () => {
  it("lists the residents' phone confirmations, filtered by recipient", async () => {
    const session = await newConsole(browser, platform.url, {
      username: 'admin',
      password: 'ecc-demo-admin',
      position: 'ADM1',
    })
    try {
      const adminPage = session.page
      await adminPage.getByRole('button', { name: 'Outbox' }).click()
      const table = adminPage.getByRole('table', { name: 'Outbox messages' })
      for (const resident of [INCOMPLETE, COMPLETE]) {
        const line = table.getByRole('row').filter({ hasText: resident.phone })
        await line.first().waitFor({ timeout: WAIT_MS })
        assert.match(await line.first().innerText(), /phone confirmation/)
      }
      await shot(adminPage, JOURNEY, '06-outbox')

      await adminPage.getByLabel(/Recipient/).fill(COMPLETE.phone)
      await adminPage.getByRole('button', { name: 'Refresh' }).click()
      await table
        .getByRole('row')
        .filter({ hasText: INCOMPLETE.phone })
        .waitFor({ state: 'detached', timeout: WAIT_MS })
      const shown = await table.getByRole('row').filter({ hasText: COMPLETE.phone }).count()
      const api = await admin.get<OutboxMessage[]>(
        `/api/outbox?recipient=${encodeURIComponent(COMPLETE.phone)}`,
      )
      assert.equal(shown, api.length, 'the scene shows what the API holds for the recipient')
      assert.ok(api.length >= 1)
      await adminPage.getByText(api[0]!.body.split('\n')[0]!).first().waitFor()
      await shot(adminPage, JOURNEY, '07-outbox-filtered')
      assert.deepEqual(session.errors, [])
    } finally {
      await session.close()
    }
  })
})
