import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { CallView } from '@common/api/calls.ts'
import type { Recording } from '@common/api/recordings.ts'
import type { OutboxMessage } from '@common/api/residents.ts'
import type { Browser, Page } from 'playwright-core'
import { makeToneWav } from '../server/domains/recordings/wav-fixture.ts'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey: a resident asks for the recording of their own 911 call in the portal and proves the
 * number with the code texted to it; the records clerk finds the request, links the call,
 * records the $30 check, redacts a stretch and releases the recording; the resident downloads
 * it and the file's SHA-256 is the one shown. A third party's request is refused with a letter.
 */
const JOURNEY = 'records-request'
const WAIT_MS = 15_000
const ANI = '5085550142'
const PHONE = '+15085550142'
const ZONE = 'America/New_York'
/** Answers Chromium logs as errors that the journey causes on purpose. */
const EXPECTED_ERRORS = [/401 \(Unauthorized\) \(\S+\/api\/portal\/session\)$/]

let platform: JourneyPlatform
let browser: Browser
let admin: ApiUser
let clerk: ConsoleSession
let portal: Page
let recording: Recording
let requestNumber = ''
const portalErrors: string[] = []

/** The local date and a window around now, as the resident remembers the call. */
function callWindow(): { date: string; from: string; to: string } {
  const parts = (at: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(at)
      .replace(',', '')
      .split(' ')
  const now = Date.now()
  const [date] = parts(new Date(now))
  const [fromDate, before] = parts(new Date(now - 20 * 60_000))
  const [toDate, later] = parts(new Date(now + 20 * 60_000))
  return {
    date: date!,
    from: fromDate === date ? before! : '00:00',
    to: toDate === date ? later! : '23:59',
  }
}

/**
 * The console scrolls inside its scene area, so a full-page screenshot would stop at the window:
 * the window grows to the scene's height for the picture, then returns.
 */
async function consoleShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()
  const height = await page.evaluate<number>(
    `document.querySelector('.scene-area').scrollHeight + document.querySelector('.top-bar').offsetHeight + 40`,
  )
  if (size) await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) })
  await shot(page, JOURNEY, name)
  if (size) await page.setViewportSize(size)
}

/** A local date `days` from today (negative: before). */
function localDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(
    new Date(Date.now() + days * 86_400_000),
  )
}

/** The raw upload a recorder makes: the WAV itself as the body, with the session's cookie. */
async function uploadWav(baseUrl: string, callId: string, wav: Buffer): Promise<Recording> {
  const logOn = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'recorder', password: 'e2e-recorder-password' }),
  })
  assert.ok(logOn.ok, await logOn.clone().text())
  const cookie = logOn.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const { csrfToken } = (await logOn.json()) as { csrfToken: string }
  const answer = await fetch(`${baseUrl}/api/calls/${callId}/recordings`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'audio/wav' },
    body: wav,
  })
  const text = await answer.text()
  assert.equal(answer.status, 201, text)
  return JSON.parse(text) as Recording
}

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
  admin = await logOnApi(platform.url, 'admin', 'ecc-demo-admin')
  await admin.post('/api/users', {
    username: 'recorder',
    displayName: 'Call recorder',
    password: 'e2e-recorder-password',
    roles: ['integration'],
  })
  const phoneSystem = await logOnApi(platform.url, 'recorder', 'e2e-recorder-password')
  const call = await phoneSystem.post<CallView>('/api/calls', {
    line: '911',
    ani: ANI,
    callerName: 'OKAFOR, MARIA',
    classOfService: 'RESD',
    location: {
      source: 'ali',
      civic: { houseNumber: '12', street: 'Main', streetType: 'St', town: 'Worcester' },
    },
  })
  recording = await uploadWav(
    platform.url,
    call.id,
    makeToneWav({ seconds: 6, hz: 440, encoding: 'pcmu' }),
  )

  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: ZONE,
    acceptDownloads: true,
  })
  portal = await context.newPage()
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

async function fillCall(page: Page, who: RegExp) {
  const { date, from, to } = callWindow()
  await page.getByLabel('Date of the call').fill(date)
  await page.getByLabel('From (about)').fill(from)
  await page.getByLabel('To (about)').fill(to)
  await page.getByLabel('Phone number the call was made from').fill('(508) 555-0142')
  await page.getByLabel('Where you were').fill('12 Main St, Worcester')
  await page.getByLabel('What happened').fill('Smoke in the kitchen; I called 911.')
  await page.getByRole('radio', { name: who }).check()
}

describe('a resident asks for the recording of their own 911 call', () => {
  it('reads the rules and files the request', async () => {
    // The rules are public; filing needs an account.
    await portal.goto(`${platform.url}/portal/recording-requests`)
    await portal.getByText('You need a resident account to request a recording').waitFor()
    await shot(portal, JOURNEY, '00-logged-out')
    await portal.goto(`${platform.url}/portal/sign-up`)
    await portal.getByLabel(/Your name/).fill('Maria Okafor')
    await portal.getByLabel(/E-mail/).fill('maria.okafor@example.org')
    await portal.getByLabel(/Password/).fill('a long walk to the river')
    await portal.getByRole('button', { name: 'Create account' }).click()
    await portal.getByTestId('signed-in-as').waitFor({ timeout: WAIT_MS })

    await portal.getByRole('navigation').getByRole('link', { name: '911 recordings' }).click()
    await portal.getByRole('heading', { level: 1, name: '911 recordings' }).waitFor()
    const rules = await portal.locator('.rules').innerText()
    for (const fact of [
      '$30 per call',
      'City of Worcester',
      'about two weeks',
      'One request per call',
    ]) {
      assert.ok(rules.includes(fact), `the rules say "${fact}"`)
    }
    await shot(portal, JOURNEY, '01-rules-and-form')

    // An empty form names each missing field beside it.
    await portal.getByRole('button', { name: 'Send the request' }).click()
    await portal.getByTestId('error-summary').waitFor()
    assert.equal(await portal.locator('#field-callDate').getAttribute('aria-invalid'), 'true')
    await shot(portal, JOURNEY, '02-form-errors')

    await fillCall(portal, /I made the call/)
    await portal.getByRole('button', { name: 'Send the request' }).click()
    const card = portal.getByTestId('records-request').first()
    await card.getByTestId('prove-step').waitFor({ timeout: WAIT_MS })
    requestNumber = /RR-\d{4}-\d{6}/.exec(await card.innerText())?.[0] ?? ''
    assert.ok(requestNumber, 'the request has its number')
    await shot(portal, JOURNEY, '03-filed')
  })

  it('proves the number with the code texted to it', async () => {
    const card = portal.getByTestId('records-request').filter({ hasText: requestNumber })
    await card.getByRole('button', { name: /Send a code to/ }).click()
    await portal.getByText(/A code was sent by text message/).waitFor({ timeout: WAIT_MS })
    const outbox = await admin.get<OutboxMessage[]>(
      `/api/outbox?recipient=${encodeURIComponent(PHONE)}`,
    )
    const message = outbox.find((each) => each.purpose === 'records_number_proof')
    assert.ok(message, `a code went to ${PHONE}: ${JSON.stringify(outbox)}`)
    // Six digits on their own: the request number's last six follow a hyphen.
    const code = /(?<![-\d])(\d{6})(?!\d)/.exec(message.body)?.[1]
    assert.ok(code, message.body)
    await card.getByLabel('6-digit code').fill(code)
    await card.getByRole('button', { name: 'Prove the number' }).click()
    await portal.getByText(/is proven for request/).waitFor({ timeout: WAIT_MS })
    // The number made the call (linked on filing): the caller is eligible and owes the fee.
    await card.getByTestId('pay-step').waitFor({ timeout: WAIT_MS })
    const pay = await card.getByTestId('pay-step').innerText()
    assert.match(pay, /\$30\.00/)
    assert.match(pay, /City of Worcester/)
    assert.ok(pay.includes(requestNumber), 'the check carries the request number')
    await shot(portal, JOURNEY, '04-number-proven-pay')
  })
})

describe('the records clerk', () => {
  before(async () => {
    clerk = await newConsole(browser, platform.url, {
      username: 'records',
      password: 'ecc-demo-records',
      position: 'REC1',
    })
  })

  it('opens on the Records scene and finds the request in the queue', async () => {
    const page = clerk.page
    await page.getByRole('table', { name: 'Records requests' }).waitFor({ timeout: WAIT_MS })
    assert.equal(
      await page.getByRole('button', { name: 'Records' }).getAttribute('aria-current'),
      'page',
    )
    const row = page.getByTestId('records-queue-row').filter({ hasText: requestNumber })
    assert.match(await row.innerText(), /Maria Okafor/)
    // Proving the number decided eligibility: that was the written response, in time.
    assert.match(await row.innerText(), /Awaiting payment\s+\d{4}-\d{2}-\d{2}\s+Answered/)
    await consoleShot(page, '05-clerk-queue')
    await row.getByRole('button', { name: `Open ${requestNumber}` }).click()
    await page.getByRole('heading', { name: `Request ${requestNumber}` }).waitFor()
  })

  it('sees the call linked, with the candidates from the CAD record', async () => {
    const page = clerk.page
    const linked = page.getByTestId('linked-call')
    await linked.waitFor({ timeout: WAIT_MS })
    assert.match(await linked.innerText(), new RegExp(ANI))
    await page.getByRole('button', { name: 'Choose another call' }).click()
    const candidate = page.getByTestId('candidate-call').filter({ hasText: ANI })
    await candidate.first().waitFor({ timeout: WAIT_MS })
    assert.match(await candidate.first().innerText(), /same number/)
    assert.match(await candidate.first().innerText(), /linked/)
    await consoleShot(page, '06-clerk-call-linked')
    await page.getByRole('button', { name: 'Hide the candidates' }).click()
  })

  it('records the $30 check', async () => {
    const page = clerk.page
    const form = page.getByRole('form', { name: 'Record a check' })
    await form.getByLabel('Check number').fill('1042')
    assert.equal(await form.getByLabel('Amount ($)').inputValue(), '30.00')
    await form.getByRole('button', { name: 'Record the check' }).click()
    await page
      .getByRole('table', { name: 'Payments' })
      .getByText('1042')
      .waitFor({ timeout: WAIT_MS })
    await page.locator('.request-status', { hasText: 'Ready to release' }).waitFor()
    await consoleShot(page, '07-clerk-paid')
  })

  it('listens, redacts a stretch and finds the copy under the original', async () => {
    const page = clerk.page
    const original = page.getByTestId('recording').first()
    await original.getByRole('button', { name: /Open the recording to listen/ }).click()
    const wave = original.getByRole('slider', { name: 'Waveform of the recording' })
    await wave.waitFor({ timeout: WAIT_MS })
    const box = await wave.boundingBox()
    assert.ok(box)
    // Drag from 1/6 to 2/6 of the 6-second recording: about 1 s to 2 s.
    await page.mouse.move(box.x + box.width / 6, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 5 })
    await page.mouse.up()
    const redact = original.getByRole('form', { name: 'Redact' })
    const start = Number(await redact.getByLabel('Start (s)').inputValue())
    assert.ok(start > 0.8 && start < 1.2, `the drag started near 1 s: ${start}`)
    await redact.getByRole('button', { name: 'Add the stretch' }).click()
    await redact.getByLabel('Reason for the redaction').fill('a neighbour’s name is spoken')
    await consoleShot(page, '08-clerk-redaction-chosen')
    await redact.getByRole('button', { name: 'Make redacted copy' }).click()
    await page.getByText('Redacted copy made').waitFor({ timeout: WAIT_MS })
    const copy = original.locator('.recording-copy')
    await copy.waitFor({ timeout: WAIT_MS })
    assert.match(await copy.innerText(), /Silenced: 0:0\d\.\d–0:0\d\.\d/)
    await copy.getByRole('button', { name: 'Open the redacted copy to listen' }).click()
    await copy.getByRole('slider', { name: 'Waveform of the redacted copy' }).waitFor()
    await consoleShot(page, '09-clerk-redacted-copy')
  })

  it('releases the original and sees its link once', async () => {
    const page = clerk.page
    await page.getByRole('checkbox', { name: /^Recording of/ }).check()
    await page.getByRole('button', { name: 'Release 1 file to the requester' }).click()
    const links = page.getByTestId('release-links')
    await links.waitFor({ timeout: WAIT_MS })
    assert.match(
      await links.getByRole('textbox', { name: 'Download link' }).inputValue(),
      /\/api\/records\/downloads\//,
    )
    await page.locator('.request-status', { hasText: 'Released' }).waitFor()
    await consoleShot(page, '10-clerk-released')
  })

  it('places and releases a legal hold, and keeps the custody log', async () => {
    const page = clerk.page
    const original = page.getByTestId('recording').first()
    const placing = original.getByRole('form', { name: 'Place a legal hold' }).first()
    await placing.getByLabel('Legal hold reason').fill('civil suit notice of 2026-11-30')
    await placing.getByRole('button', { name: 'Place a legal hold' }).click()
    const releasing = original.getByRole('form', { name: 'Release the legal hold' }).first()
    await releasing.waitFor({ timeout: WAIT_MS })
    assert.match(await releasing.innerText(), /civil suit notice/)
    await original.locator('.badge-hold').first().waitFor()
    await releasing.getByLabel('Reason to release the hold').fill('suit withdrawn')
    await releasing.getByRole('button', { name: 'Release the hold' }).click()
    await original
      .getByRole('form', { name: 'Place a legal hold' })
      .first()
      .waitFor({ timeout: WAIT_MS })
    await original.getByRole('button', { name: 'Custody log' }).first().click()
    const log = original.getByRole('table', { name: 'Custody log' }).first()
    await log.waitFor({ timeout: WAIT_MS })
    const text = await log.innerText()
    for (const action of [
      'ingested',
      'played',
      'redacted',
      'released',
      'legal hold placed',
      'legal hold released',
    ]) {
      assert.ok(text.includes(action), `the custody log has "${action}": ${text}`)
    }
    await original.getByRole('link', { name: 'Custody log as CSV' }).first().waitFor()
    await consoleShot(page, '11-clerk-custody')
  })

  it('types in paper requests; an overdue one is red and says so', async () => {
    const page = clerk.page
    await page.getByRole('button', { name: 'Close the request' }).click()
    await page.keyboard.press('Alt+N')
    const form = page.locator('.paper-form')
    await form.waitFor()
    await form.getByLabel('Name', { exact: true }).fill('Det. Sam Reyes')
    await form.getByRole('radio', { name: 'Law-enforcement investigator' }).check()
    await form.getByLabel('Agency').fill('Worcester Police Department')
    await form.getByLabel('Case number').fill('WPD-26-4411')
    await form.getByLabel('Badge').fill('7731')
    await form.getByLabel('Official e-mail').fill('sreyes@worcesterma.gov')
    await form.getByLabel('Official phone').fill('5085550100')
    await form.getByLabel('Date of the call').fill(localDate(-3))
    await form.getByLabel('From', { exact: true }).fill('10:00')
    await form.getByLabel('To', { exact: true }).fill('11:00')
    await form.getByLabel('Number the call was made from').fill('5085550177')
    await form.getByLabel('Where', { exact: true }).fill('Main St at Front St')
    await form.getByLabel('What happened').fill('Collision, one driver left the scene.')
    await form.getByLabel('Received on (empty: today)').fill(localDate(-30))
    await consoleShot(page, '12-clerk-paper-form')
    await form.getByRole('button', { name: 'File the paper request' }).click()
    await page.getByText(/Paper request filed as RR-/).waitFor({ timeout: WAIT_MS })
    const row = page.getByTestId('records-queue-row').filter({ hasText: 'Det. Sam Reyes' })
    await row.waitFor()
    const deadline = row.locator('.deadline')
    assert.match(await deadline.innerText(), /^Overdue/)
    assert.match((await deadline.getAttribute('class')) ?? '', /deadline-overdue/)
    await page.getByRole('button', { name: 'Show the holidays' }).click()
    const holidays = page.getByRole('table', { name: /^Holidays \d{4}$/ })
    await holidays.getByRole('textbox').first().waitFor({ timeout: WAIT_MS })
    const names = await Promise.all(
      (await holidays.getByRole('textbox').all()).map((input) => input.inputValue()),
    )
    assert.ok(
      names.some((name) => /Thanksgiving/.test(name)),
      names.join(', '),
    )
    await consoleShot(page, '13-clerk-overdue-and-holidays')
    await row.getByRole('button', { name: /^Open RR-/ }).click()
    // Received a month ago and never answered: the statute forbids a fee.
    await page.getByTestId('fee-line').waitFor()
    await consoleShot(page, '14-clerk-investigator-request')
    assert.deepEqual(clerk.errors, [])
  })
})

describe('the resident gets the recording', () => {
  it('downloads it; the bytes are the ones the SHA-256 shown says', async () => {
    await portal.reload()
    const card = portal.getByTestId('records-request').filter({ hasText: requestNumber })
    const file = card.getByTestId('released-file')
    await file.waitFor({ timeout: WAIT_MS })
    const shown = (await file.getByTestId('sha256').innerText()).trim()
    assert.equal(shown, recording.sha256, 'the original as stored was released')
    await shot(portal, JOURNEY, '15-resident-released')
    const [download] = await Promise.all([
      portal.waitForEvent('download'),
      file.getByRole('link', { name: /^Download/ }).click(),
    ])
    const saved = await download.path()
    const bytes = fs.readFileSync(saved)
    assert.equal(createHash('sha256').update(bytes).digest('hex'), shown)
    const letters = card.getByRole('list', { name: `Letters for ${requestNumber}` })
    await letters.getByRole('link', { name: /Release letter/ }).waitFor()
    await letters.getByRole('link', { name: /Receipt/ }).waitFor()
  })

  it('a request for someone else’s call is refused, with the statute and a letter', async () => {
    await fillCall(portal, /Someone else made the call/)
    const statute = portal.getByTestId('third-party-statute')
    await statute.waitFor()
    assert.match(await statute.innerText(), /chapter 166, section 14A\(d\)/)
    await shot(portal, JOURNEY, '16-third-party-statute')
    await portal.getByRole('button', { name: 'Send the request anyway' }).click()
    await portal.getByText(/was filed and refused/).waitFor({ timeout: WAIT_MS })
    const refused = portal
      .getByTestId('records-request')
      .filter({ has: portal.getByTestId('refused') })
    await refused.first().waitFor()
    assert.match(await refused.first().innerText(), /third party/)
    const letter = refused.first().getByRole('link', { name: /Refusal letter/ })
    const href = await letter.getAttribute('href')
    assert.ok(href)
    const pdf = await portal.request.get(`${platform.url}${href}`)
    assert.equal(pdf.status(), 200)
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/)
    await refused.first().scrollIntoViewIfNeeded()
    await shot(portal, JOURNEY, '17-third-party-refused')
    assert.deepEqual(portalErrors, [])
  })
})
