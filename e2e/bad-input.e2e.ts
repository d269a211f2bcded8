import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Call, CallView } from '@common/api/calls.ts'
import type { Incident } from '@common/api/incidents.ts'
import type { Browser, Page } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey 4: bad input shows the field's error beside the field and sends nothing half-made;
 * what the form can check it checks before sending, what only the server knows comes back and is
 * shown the same way.
 */
const JOURNEY = 'bad-input'
let platform: JourneyPlatform
let browser: Browser
let supervisor: ApiUser

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  supervisor = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
})

after(async () => {
  await browser?.close()
  await platform?.stop()
})

/** The error shown beside a field (FieldError marks it with the field's name). */
const errorBeside = (page: Page, field: string) => page.locator(`[data-field="${field}"]`)

describe('bad input', () => {
  it('keeps a wrong password on the log-on screen with its message', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } })
    const page = await context.newPage()
    await page.goto(`${platform.url}/console/`)
    await page.getByLabel('Username').fill('calltaker')
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByLabel('Position').selectOption('CT1')
    await page.getByRole('button', { name: 'Log on' }).click()
    const message = page.getByRole('alert')
    await message.waitFor()
    assert.match(await message.innerText(), /password|username|credentials/i)
    assert.ok(await page.getByRole('button', { name: 'Log on' }).isVisible())
    assert.equal(await page.getByTestId('console-ready').count(), 0)
    await shot(page, JOURNEY, '1-wrong-password')
    await context.close()
  })

  it('shows each bad incident field beside it and creates nothing until the form is right', async () => {
    const console = await newConsole(browser, platform.url, {
      username: 'calltaker',
      password: 'ecc-demo-calltaker',
      position: 'CT1',
    })
    const { page } = console
    const offered = await supervisor.post<Call>('/api/calls', {
      line: '911',
      ani: '5085550199',
      classOfService: 'RESD',
      location: {
        source: 'ali',
        civic: { houseNumber: '999', street: 'Nowhere', streetType: 'Rd', town: 'Worcester' },
      },
    })
    let sent = 0
    page.on('request', (request) => {
      if (request.url().endsWith(`/api/calls/${offered.id}/incident`)) sent += 1
    })
    const callOnServer = () => supervisor.get<CallView>(`/api/calls/${offered.id}`)

    await page.getByRole('button', { name: 'Answer 911 call from 5085550199' }).click()
    const form = page.getByRole('form', { name: 'Create incident' })
    await form.waitFor()
    const nature = page.getByRole('combobox', { name: 'Nature code' })
    const create = page.getByRole('button', { name: 'Create incident' })

    // No nature code: the form's own check, nothing sent.
    await create.click()
    await errorBeside(page, 'natureCode').waitFor()
    assert.match(await errorBeside(page, 'natureCode').innerText(), /natureCode: required/)
    assert.equal(await nature.getAttribute('aria-invalid'), 'true')
    assert.equal(sent, 0, 'no request reached the server')
    assert.equal((await callOnServer()).incidentId, null)
    await shot(page, JOURNEY, '2-no-nature-code')

    // An unknown nature code: only the server knows; its 4xx names the field.
    await nature.fill('NO-SUCH-CODE')
    await nature.press('Escape')
    await create.click()
    await errorBeside(page, 'natureCode')
      .getByText(/is not a nature code/)
      .waitFor()
    assert.equal(sent, 1)
    assert.equal((await callOnServer()).incidentId, null)
    await shot(page, JOURNEY, '3-unknown-nature-code')

    // Picked by typing and Enter; the call's ALI address is not verified and no reason is given:
    // the server refuses it beside the override reason.
    await nature.fill('breath')
    await page.getByRole('option', { name: /BREATHING/ }).waitFor()
    await nature.press('Enter')
    assert.equal(await nature.inputValue(), 'BREATHING')
    await create.click()
    await errorBeside(page, 'location.overrideReason')
      .getByText(/not verified/)
      .waitFor()
    assert.equal(await errorBeside(page, 'natureCode').count(), 0)
    assert.equal(sent, 2)
    assert.equal((await callOnServer()).incidentId, null)
    await shot(page, JOURNEY, '4-unverified-call-location')

    // A typed address nobody verified, still no reason: the form refuses it, nothing sent.
    const address = page.getByRole('combobox', { name: 'Address' })
    await address.fill('77 Imaginary Way, Worcester')
    await page.getByText(/Not verified/).waitFor()
    await create.click()
    await errorBeside(page, 'location.overrideReason')
      .getByText(/77 Imaginary Way, Worcester is not verified/)
      .waitFor()
    assert.equal(sent, 2, 'the form refused it without sending')
    await shot(page, JOURNEY, '5-unverified-typed-address')

    // The caller corrects the address: picked from the ranked candidates with the keyboard.
    await address.fill('12 Main St, Worcester')
    await page
      .getByRole('option', { name: /12 Main St, Worcester/ })
      .first()
      .waitFor()
    await shot(page, JOURNEY, '6-address-candidates')
    await address.press('Enter')
    await page.getByText(/✓ Verified: 12 Main St, Worcester/).waitFor()
    await create.click()
    const created = page.getByText(/Incident \S+ created/)
    await created.waitFor()
    assert.equal(sent, 3)
    const call = await callOnServer()
    assert.ok(call.incidentId)
    const incident = await supervisor.get<Incident>(`/api/incidents/${call.incidentId}`)
    assert.match(await created.innerText(), new RegExp(incident.number))
    assert.equal(incident.natureCode, 'BREATHING')
    assert.equal(incident.location.isVerified, true)
    assert.equal(incident.location.text, '12 Main St, Worcester')
    await shot(page, JOURNEY, '7-created')

    // Closing needs no disposition on an incident; the call leaves the screen.
    await page.getByRole('button', { name: 'Close call' }).click()
    await page.getByText('No call selected.').waitFor()
    assert.notEqual((await callOnServer()).closedAt, null)
    assert.deepEqual(
      console.errorsExcept(/status of 40[04]/),
      [],
      'only the refused requests were logged',
    )
    await console.close()
  })
})
