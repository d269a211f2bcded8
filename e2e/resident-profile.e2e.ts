import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Call } from '@common/api/calls.ts'
import type { OutboxMessage } from '@common/api/residents.ts'
import type { SafetyProfile } from '@common/api/safety-profiles.ts'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey: a resident signs up in the portal (with the keyboard alone), confirms a phone with the
 * code the outbox holds, and fills a safety profile; a 911 call from that phone shows the profile
 * at the call taker who answers it (CT1) and never at a second call taker (CT2).
 */
const JOURNEY = 'resident-profile'
const WAIT_MS = 10_000
const PHONE_TYPED = '(508) 555-0199'
const PHONE = '+15085550199'
const MEMBER = 'Maria Okafor'
const CONDITION = 'Type 1 diabetes'
const PET = 'Biscuit'
/** A 1×1 PNG: a real image the server's sniffing accepts. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
/**
 * Answers Chromium logs as errors that the journey causes on purpose: the session probe before
 * sign-up, the wrong code, the profile that does not exist yet.
 */
const EXPECTED_ERRORS = [
  /401 \(Unauthorized\) \(\S+\/api\/portal\/session\)$/,
  // The wrong code the journey types on purpose.
  /400 \(Bad Request\) \(\S+\/api\/portal\/phones\/[^/]+\/confirm\)$/,
  // A resident without a profile yet: the API answers 404, the page shows an empty form.
  /404 \(Not Found\) \(\S+\/api\/portal\/safety-profile\)$/,
]

let platform: JourneyPlatform
let browser: Browser
let admin: ApiUser
let phoneSystem: ApiUser
let residentContext: BrowserContext
let portal: Page
const portalErrors: string[] = []

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  admin = await logOnApi(platform.url, 'admin', 'ecc-demo-admin')
  // A supervisor may offer calls as the phone system does (calls.routes.ts, TELEPHONY).
  phoneSystem = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
  residentContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  })
  portal = await residentContext.newPage()
  portal.on('console', (message) => {
    if (message.type() !== 'error') return
    const error = `console: ${message.text()} (${message.location().url})`
    if (!EXPECTED_ERRORS.some((pattern) => pattern.test(error))) portalErrors.push(error)
  })
  portal.on('pageerror', (error) => portalErrors.push(`page: ${error.message}`))
})

after(async () => {
  await browser?.close()
  await platform?.stop()
})

/** What has the keyboard focus: its id, or its role and text for what has none. */
function focused(page: Page): Promise<string> {
  // A string: this project's server-side types have no DOM.
  return page.evaluate<string>(`(() => {
    const element = document.activeElement
    if (!element) return ''
    if (element.id) return '#' + element.id
    const testId = element.getAttribute('data-testid')
    if (testId) return '[' + testId + ']'
    return element.tagName.toLowerCase() + ':' + (element.textContent ?? '').trim().slice(0, 40)
  })()`)
}

/** Presses Tab until `target` has the focus; returns every stop on the way. */
async function tabTo(page: Page, target: string, limit = 40): Promise<string[]> {
  const stops: string[] = []
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab')
    const now = await focused(page)
    stops.push(now)
    if (now === target) return stops
  }
  throw new Error(`Tab never reached ${target}; stops: ${stops.join(' → ')}`)
}

describe('the resident portal', () => {
  it('shows the center, its hours and the emergency warning on the front page', async () => {
    const response = await portal.goto(`${platform.url}/portal/`)
    assert.equal(response?.status(), 200, 'portal/dist is built (npx tsx scripts/build-console.ts)')
    await portal
      .getByRole('heading', { level: 1, name: 'Worcester Emergency Communications' })
      .waitFor()
    const text = await portal.locator('body').innerText()
    for (const fact of [
      '2 Coppage Drive',
      'Worcester, MA 01603',
      '911 is answered 24 hours a day, 7 days a week.',
      'In an emergency, call 911. Do not use this site to report an emergency.',
    ]) {
      assert.ok(text.includes(fact), `the front page says "${fact}"`)
    }
    // No invented phone number: the business office's is a marked placeholder until set.
    assert.match(await portal.getByTestId('business-phone').innerText(), /placeholder/)
    for (const service of [
      'Safety profile',
      'Disability indicator request',
      '911 recording requests',
      'Emergency alerts sign-up',
    ]) {
      await portal.getByRole('main').getByRole('link', { name: service }).waitFor()
    }
    // The first Tab reaches the skip link, which moves the focus to the main content.
    await portal.keyboard.press('Tab')
    assert.equal(await focused(portal), 'a:Skip to main content')
    await portal.keyboard.press('Enter')
    assert.equal(await focused(portal), '#main')
    await shot(portal, JOURNEY, '01-front-page')
  })

  it('signs up with the keyboard alone; errors are summarised, announced and linked', async () => {
    await portal.goto(`${platform.url}/portal/sign-up`)
    await portal.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor()
    const stops = await tabTo(portal, 'button:Create account')
    const order = ['#field-displayName', '#field-email', '#field-password', 'button:Create account']
    const positions = order.map((stop) => stops.indexOf(stop))
    assert.ok(
      positions.every((at) => at >= 0),
      `every field is reached: ${stops.join(' → ')}`,
    )
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'in reading order',
    )

    // An empty form: the summary takes the focus (role=alert) and each field says what is wrong.
    await portal.keyboard.press('Enter')
    const summary = portal.getByTestId('error-summary')
    await summary.waitFor()
    assert.equal(await focused(portal), '[error-summary]')
    assert.equal(await summary.getAttribute('role'), 'alert')
    for (const id of ['field-displayName', 'field-email', 'field-password']) {
      const input = portal.locator(`#${id}`)
      assert.equal(await input.getAttribute('aria-invalid'), 'true', id)
      const describedBy = (await input.getAttribute('aria-describedby')) ?? ''
      assert.ok(describedBy.split(' ').includes(`${id}-error`), `${id} is described by its message`)
      assert.ok(await portal.locator(`#${id}-error`).isVisible())
    }
    await shot(portal, JOURNEY, '02-sign-up-errors')

    // The summary's first link takes the keyboard to the field it names.
    await portal.keyboard.press('Tab')
    await portal.keyboard.press('Enter')
    assert.equal(await focused(portal), '#field-displayName')
    await portal.keyboard.type('Maria Okafor')
    await tabTo(portal, '#field-email')
    await portal.keyboard.type('maria.okafor@example.org')
    await tabTo(portal, '#field-password')
    await portal.keyboard.type('too short')
    await tabTo(portal, 'button:Create account')
    await portal.keyboard.press('Enter')
    await summary.getByText('Password: At least 12 characters').waitFor()
    assert.equal(await focused(portal), '[error-summary]')
    assert.equal(await portal.locator('#field-displayName').getAttribute('aria-invalid'), 'false')

    await portal.locator('#field-password').focus()
    await portal.keyboard.press('Control+A')
    await portal.keyboard.type('a long walk to the river')
    await portal.keyboard.press('Enter')
    await portal.getByRole('heading', { level: 1, name: 'My phones' }).waitFor({ timeout: WAIT_MS })
    assert.match(await portal.getByTestId('signed-in-as').innerText(), /Maria Okafor/)
  })

  it('adds a phone and confirms it with the code sent by text message', async () => {
    await portal.getByLabel('Phone number', { exact: true }).fill(PHONE_TYPED)
    await portal.getByLabel('Name for this number (optional)').fill('Home')
    assert.ok(await portal.getByRole('radio', { name: 'Text message' }).isChecked())
    await portal.getByRole('button', { name: 'Add number and send code' }).click()
    const entry = portal.getByTestId('phone-entry').filter({ hasText: PHONE_TYPED })
    await entry.getByText('Tries left: 5').waitFor({ timeout: WAIT_MS })
    assert.match(await entry.innerText(), /Not confirmed/)

    const outbox = await admin.get<OutboxMessage[]>(
      `/api/outbox?recipient=${encodeURIComponent(PHONE)}`,
    )
    const message = outbox.find((each) => each.purpose === 'phone_confirmation')
    assert.ok(message, `a code went to ${PHONE}: ${JSON.stringify(outbox)}`)
    assert.equal(message.channel, 'sms')
    const code = /\b(\d{6})\b/.exec(message.body)?.[1]
    assert.ok(code, message.body)

    // A wrong code costs a try and says so beside the field.
    const codeBox = entry.getByLabel('6-digit code')
    await codeBox.fill(code === '000000' ? '111111' : '000000')
    await entry.getByRole('button', { name: 'Confirm number' }).click()
    await entry.getByText('Tries left: 4').waitFor({ timeout: WAIT_MS })
    assert.equal(await codeBox.getAttribute('aria-invalid'), 'true')
    await shot(portal, JOURNEY, '03-phone-wrong-code')

    await codeBox.fill(code)
    await entry.getByRole('button', { name: 'Confirm number' }).click()
    await entry.getByText(/^Confirmed on /).waitFor({ timeout: WAIT_MS })
    await shot(portal, JOURNEY, '04-phone-confirmed')
  })

  it('fills a safety profile: a member with a condition and a photo, and a pet', async () => {
    await portal.getByRole('navigation').getByRole('link', { name: 'Safety profile' }).click()
    await portal.getByRole('heading', { level: 1, name: 'My safety profile' }).waitFor()
    assert.match(
      await portal.getByTestId('not-a-guarantee').innerText(),
      /not a guarantee of a faster/,
    )

    await portal.getByRole('button', { name: 'Add a household member' }).click()
    // The new member's first field has the focus: typing goes straight in.
    assert.equal(await focused(portal), '#field-members-0-name')
    await portal.keyboard.type(MEMBER)
    const member = portal.getByRole('group', { name: `Household member 1: ${MEMBER}` })
    await member.getByLabel('Age (optional)').fill('72')
    await member.getByLabel('Medical conditions (optional)').fill(CONDITION)
    await member.getByLabel('Medications (optional)').fill('Insulin')
    await member.getByLabel('Photo (optional)').setInputFiles({
      name: 'maria.png',
      mimeType: 'image/png',
      buffer: PNG,
    })
    await portal.getByRole('button', { name: 'Add a pet' }).click()
    await portal.keyboard.type('Dog')
    await portal.getByRole('group', { name: 'Pet 1: Dog' }).getByLabel('Name (optional)').fill(PET)

    // A bad age is caught before anything is sent, named in the summary and beside the field.
    await member.getByLabel('Age (optional)').fill('seventy')
    await portal.getByRole('button', { name: 'Save profile' }).click()
    await portal
      .getByTestId('error-summary')
      .getByRole('link', { name: 'Household member 1: age: Enter a number, in figures' })
      .waitFor()
    assert.equal(await focused(portal), '[error-summary]')
    await shot(portal, JOURNEY, '05-profile-error')
    await member.getByLabel('Age (optional)').fill('72')

    await portal.getByRole('button', { name: 'Save profile' }).click()
    await portal
      .getByTestId('profile-status')
      .getByText(/was saved/)
      .waitFor({ timeout: WAIT_MS })
    await member.getByRole('img', { name: `Photo of ${MEMBER} on file` }).waitFor()
    await shot(portal, JOURNEY, '06-profile-saved')

    const saved = await portal.evaluate(async () => {
      const response = await fetch('/api/portal/safety-profile')
      return (await response.json()) as SafetyProfile
    })
    assert.equal(saved.members[0]?.name, MEMBER)
    assert.deepEqual(saved.members[0]?.medicalConditions, [CONDITION])
    assert.equal(saved.members[0]?.hasPhoto, true)
    assert.equal(saved.pets[0]?.name, PET)
    assert.equal(saved.stale, false)
  })

  it('files a disability indicator request and shows its status', async () => {
    await portal.getByRole('navigation').getByRole('link', { name: 'Disability indicator' }).click()
    await portal.getByRole('heading', { level: 1, name: 'Disability indicator request' }).waitFor()
    assert.match(
      await portal.getByTestId('not-a-guarantee').innerText(),
      /not a guarantee of a faster/,
    )
    await portal.getByLabel('Name of the person').fill(MEMBER)
    await portal.getByLabel('House number').fill('12')
    await portal.getByLabel('Street').fill('Main St')
    await portal.getByLabel('Apartment or unit (if any)').fill('3')
    await portal.getByRole('checkbox', { name: 'Mobility' }).check()
    await portal.getByLabel('Phone number the household calls from').fill(PHONE_TYPED)
    await portal.getByRole('button', { name: 'Send request to the coordinator' }).click()
    const row = portal.getByTestId('indicator-request').filter({ hasText: MEMBER })
    await row.getByText('Waiting for the town’s 911 coordinator').waitFor({ timeout: WAIT_MS })
    assert.match(await row.innerText(), /12 Main St, Apt 3, Worcester/)
    await shot(portal, JOURNEY, '07-indicator-request')
  })

  it('has the recordings page, and signs up for alerts with the phone confirmed before', async () => {
    await portal.getByRole('navigation').getByRole('link', { name: '911 recordings' }).click()
    await portal.getByRole('heading', { level: 1, name: '911 recordings' }).waitFor()
    await shot(portal, JOURNEY, '08-recordings')
    await portal.getByRole('navigation').getByRole('link', { name: 'Emergency alerts' }).click()
    await portal.getByRole('heading', { level: 1, name: 'Emergency alerts' }).waitFor()
    await portal.getByLabel('Language of your alerts').selectOption('es')
    await portal.getByRole('button', { name: 'Sign up for alerts' }).click()
    await portal.getByRole('button', { name: 'Save choices' }).waitFor()
    await portal.getByLabel('Address', { exact: true }).fill('455 Main St, Worcester')
    await portal.getByRole('button', { name: 'Verify and add address' }).click()
    await portal
      .getByTestId('alert-addresses')
      .getByText(/455 Main St/)
      .first()
      .waitFor()
    await portal.getByLabel('Phone number', { exact: true }).fill(PHONE_TYPED)
    await portal.getByRole('button', { name: 'Add and send the code' }).click()
    // The number was confirmed by code on the account already: no second code.
    await portal.getByText('Confirmed', { exact: true }).waitFor()
    await shot(portal, JOURNEY, '09-alerts-signed-up')
    // A page address works on its own (a bookmark, a reload).
    await portal.goto(`${platform.url}/portal/phones`)
    await portal.getByRole('heading', { level: 1, name: 'My phones' }).waitFor()
    await shot(portal, JOURNEY, '10-phones-reloaded')
    await portal.goto(`${platform.url}/portal/log-on`)
    await portal.getByRole('heading', { level: 1, name: 'Log on' }).waitFor()
    await shot(portal, JOURNEY, '11-log-on')
    assert.deepEqual(portalErrors, [])
  })
})

describe('a 911 call from the confirmed phone', () => {
  let answering: ConsoleSession
  let other: ConsoleSession

  before(async () => {
    await admin.post('/api/users', {
      username: 'calltaker2',
      displayName: 'Second Call Taker',
      password: 'ecc-demo-calltaker-2',
      roles: ['call_taker'],
    })
    answering = await newConsole(browser, platform.url, {
      username: 'calltaker',
      password: 'ecc-demo-calltaker',
      position: 'CT1',
    })
    other = await newConsole(browser, platform.url, {
      username: 'calltaker2',
      password: 'ecc-demo-calltaker-2',
      position: 'CT2',
    })
    // From now on CT2's page remembers if the profile's content ever appears in it, even briefly.
    await other.page.evaluate(`(() => {
      const words = ${JSON.stringify([MEMBER, CONDITION])}
      const seen = () => words.some((word) => (document.body.textContent ?? '').includes(word))
      window.sawProfile = seen()
      new MutationObserver(() => {
        if (seen()) window.sawProfile = true
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })()`)
  })

  it('shows the profile at the position that answered, and never at the other one', async () => {
    const offered = await phoneSystem.post<Call>('/api/calls', {
      line: '911',
      ani: '5085550199',
      callerName: 'OKAFOR, MARIA',
      classOfService: 'RESD',
      location: {
        source: 'ali',
        civic: {
          houseNumber: '12',
          street: 'Main',
          streetType: 'St',
          unit: '3',
          town: 'Worcester',
        },
      },
    })
    await answering.page
      .getByTestId('ringing-call')
      .filter({ hasText: '5085550199' })
      .waitFor({ timeout: WAIT_MS })
    await other.page
      .getByTestId('ringing-call')
      .filter({ hasText: '5085550199' })
      .waitFor({ timeout: WAIT_MS })

    await answering.page.keyboard.press('F9')
    const region = answering.page.getByRole('region', {
      name: 'Safety profile / disability indicator',
    })
    const profile = region.getByTestId('safety-profile')
    await profile.getByText(MEMBER).first().waitFor({ timeout: WAIT_MS })
    await profile.getByText(CONDITION).first().waitFor({ timeout: WAIT_MS })
    await shot(answering.page, JOURNEY, '12-ct1-profile')

    // Give CT2 every chance to receive what it must not: the call's events have reached it.
    const call = await phoneSystem.get<{ answeredByPositionId: string | null }>(
      `/api/calls/${offered.id}`,
    )
    assert.ok(call.answeredByPositionId, 'the call is answered')
    await other.page
      .getByTestId('ringing-call')
      .filter({ hasText: '5085550199' })
      .waitFor({ state: 'detached', timeout: WAIT_MS })
    await other.page.waitForTimeout(1500)
    const otherText = await other.page.locator('body').innerText()
    assert.ok(
      !otherText.includes(MEMBER) && !otherText.includes(CONDITION),
      'CT2 shows no profile content',
    )
    assert.equal(await other.page.evaluate<boolean>('window.sawProfile'), false)
    assert.equal(await other.page.getByTestId('safety-profile').count(), 0)
    await shot(other.page, JOURNEY, '13-ct2-nothing')

    assert.deepEqual(answering.errors, [])
    assert.deepEqual(other.errors, [])
  })
})
