import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AlertListImportResult } from '@common/api/alert-subscribers.ts'
import type { AlertPreview, AlertTemplateView, AlertView } from '@common/api/alerts.ts'
import type { VerifyResult } from '@common/api/geography.ts'
import type { Browser, Locator, Page } from 'playwright-core'
import {
  startProviderStandIn,
  type ProviderStandIn,
} from '../server/domains/alert-delivery/delivery-stand-ins.ts'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot, type ConsoleSession } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey: an alert operator composes an exercise alert from a template, draws its polygon by
 * clicking corners on the map, leaves a whole town out, previews who it reaches (the dots on the
 * map and the counts per channel), confirms the exclusion in the second dialog and follows the
 * delivery report. Then an emergency to a whole town waits for a second operator, who approves it.
 */
const JOURNEY = 'alerts'
const WAIT_MS = 15_000
const TEMPLATE = 'Journey: water main break'
/** The device whose first text the provider refuses: the report shows the retry. */
const REFUSED_ONCE = '+15085550102'
/** Staff devices of the test list: three in Worcester, one in Shrewsbury (left out). */
const TEST_DEVICES = [
  { phone: '+15085550101', address: '455 Main St', town: 'Worcester' },
  { phone: '+15085550102', address: '25 Chandler St', town: 'Worcester' },
  { phone: '+15085550103', address: '141 Grove St', town: 'Worcester' },
  { phone: '+15085550104', address: '100 Maple Ave', town: 'Shrewsbury' },
]

let platform: JourneyPlatform
let provider: ProviderStandIn
let stopping = false
let browser: Browser
let admin: ApiUser
let operatorApi: ApiUser
let operator: ConsoleSession
let places: [number, number][] = []
let exerciseIdentifier = ''

/** The console scrolls inside its scene area: the window grows to the scene for the picture. */
async function consoleShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()
  const height = await page.evaluate<number>(
    `document.querySelector('.scene-area').scrollHeight + document.querySelector('.top-bar').offsetHeight + 40`,
  )
  if (size) await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) })
  await shot(page, JOURNEY, name)
  if (size) await page.setViewportSize(size)
}

const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))

/** Clicks the area map at a place, from the view's edges the map writes on its container. */
async function clickMapAt(page: Page, [lat, lon]: [number, number]): Promise<void> {
  const map = page.locator('[data-testid="area-map"][data-view]')
  await map.waitFor({ timeout: WAIT_MS })
  await map.scrollIntoViewIfNeeded()
  const [south, west, north, east] = (await map.getAttribute('data-view'))!.split(',').map(Number)
  const box = (await map.boundingBox())!
  const x = box.x + ((lon - west!) / (east! - west!)) * box.width
  const y =
    box.y +
    ((mercator(north!) - mercator(lat)) / (mercator(north!) - mercator(south!))) * box.height
  await page.mouse.click(x, y)
}

/** Waits until an element's rendered text (cells apart) matches, and says what it was if not. */
async function untilText(locator: Locator, pattern: RegExp, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let text = ''
  while (Date.now() < deadline) {
    text = await locator.innerText().catch(() => '')
    if (pattern.test(text)) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  assert.fail(`${pattern} never matched; the last text: ${text}`)
}

async function placeOf(address: string, town: string): Promise<[number, number]> {
  const answer = await admin.get<VerifyResult>(
    `/api/geography/verify?q=${encodeURIComponent(address)}&town=${encodeURIComponent(town)}`,
  )
  const point = answer.match?.point
  assert.ok(point, `${address}, ${town} is in the demo address points: ${JSON.stringify(answer)}`)
  return [point.lat, point.lon]
}

/** Picks the option whose text matches, in a select whose option texts are not known exactly. */
async function selectMatching(page: Page, label: string, pattern: RegExp): Promise<string> {
  const select = page.getByLabel(label, { exact: true })
  const options = await select.locator('option').allTextContents()
  const option = options.find((text) => pattern.test(text))
  assert.ok(option, `${label} offers ${pattern}: ${options.join(', ')}`)
  await select.selectOption({ label: option })
  return option
}

before(async () => {
  // The text provider is a real server on loopback: it refuses one first attempt with a 500,
  // and sends a delivery receipt for every message it accepts.
  provider = await startProviderStandIn('e2e-provider-secret')
  provider.behaviour = {
    perSecond: 1_000,
    failAttempts: (to, attempt) => to === REFUSED_ONCE && attempt === 1,
    receipt: () => 'delivered',
  }
  platform = await startJourneyPlatform({
    env: {
      ECC_MESSAGE_PROVIDER_URL: provider.url,
      ECC_MESSAGE_PROVIDER_TOKEN: provider.token,
      ECC_ALERT_RETRY_SECONDS: '1',
    },
  })
  provider.sendReceipt = async (body) => {
    if (stopping) return // a receipt for a call still ringing when the journey ends
    const answer = await fetch(`${platform.url}/api/alert-provider/receipts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${provider.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    assert.equal(answer.status, 200, await answer.text())
  }
  browser = await openBrowser()
  admin = await logOnApi(platform.url, 'admin', 'ecc-demo-admin')
  const csv = [
    'phone,address,town,name,channel',
    ...TEST_DEVICES.map((d, i) => `${d.phone},${d.address},${d.town},Device ${i + 1},sms`),
  ].join('\n')
  const imported = await admin.post<AlertListImportResult>('/api/alert-lists', {
    name: 'Staff test devices',
    kind: 'test',
    csv,
  })
  assert.equal(imported.imported, TEST_DEVICES.length, JSON.stringify(imported.rejected))
  // The phone company's listing: one Worcester line, reached only by emergencies.
  const listing = await admin.post<AlertListImportResult>('/api/alert-lists', {
    name: 'Phone company listings',
    kind: 'emergency_only',
    csv: 'phone,address,town,name\n+15085550201,455 Main St,Worcester,Listed line',
  })
  assert.equal(listing.imported, 1, JSON.stringify(listing.rejected))
  places = await Promise.all(TEST_DEVICES.map((d) => placeOf(d.address, d.town)))

  operatorApi = await logOnApi(platform.url, 'alerts', 'ecc-demo-alerts')
  await operatorApi.post<AlertTemplateView>('/api/alert-templates', {
    name: TEMPLATE,
    noticeCategory: 'utilities',
    capCategory: 'Infra',
    event: 'Water main break',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    texts: {
      en: {
        headline: 'Water main break: low pressure',
        description: 'A water main broke. Pressure is low in the area.',
        instruction: 'Boil water before drinking until further notice.',
        shortText: 'Water main break: boil water before drinking until further notice.',
      },
      es: {
        headline: 'Rotura de tubería: baja presión',
        description: 'Se rompió una tubería principal. La presión es baja en la zona.',
        instruction: 'Hierva el agua antes de beberla hasta nuevo aviso.',
        shortText: 'Rotura de tubería: hierva el agua antes de beberla.',
      },
    },
  })
})

after(async () => {
  await operator?.close()
  await browser?.close()
  // Receipts already on their way reach the platform before it stops; later ones are dropped.
  stopping = true
  await Promise.allSettled([...(provider?.inFlight ?? [])])
  await platform?.stop()
  await provider?.close()
})

describe('an operator sends an exercise alert to a drawn area, leaving a town out', () => {
  before(async () => {
    operator = await newConsole(browser, platform.url, {
      username: 'alerts',
      password: 'ecc-demo-alerts',
    })
  })

  it('opens on the Alerts scene and composes from a template', async () => {
    const page = operator.page
    assert.equal(
      await page.getByRole('button', { name: 'Alerts', exact: true }).getAttribute('aria-current'),
      'page',
    )
    await page.getByTestId('alerts-list').waitFor()
    await consoleShot(page, '01-list')

    await page.getByRole('button', { name: 'New alert' }).click()
    await page.getByLabel('Start from a template').selectOption({ label: TEMPLATE })
    assert.equal(await page.getByLabel('Event').inputValue(), 'Water main break')
    assert.equal(await page.getByLabel('Headline').inputValue(), 'Water main break: low pressure')
    assert.equal(await page.getByLabel('Severity').inputValue(), 'Moderate')
    // The template's Spanish text came with it, in its own tab.
    await page.getByRole('tab', { name: 'Español' }).waitFor()
    // Status is never defaulted: chosen by hand.
    await page.getByText('Choose Actual, Exercise or Test').waitFor()
    await page.getByLabel('Status', { exact: true }).selectOption('Exercise')
    assert.match(await page.getByTestId('status-marker').innerText(), /EXERCISE/)
  })

  it('names a character phones cannot show as it is typed', async () => {
    const page = operator.page
    const short = page.getByLabel('Short text for phones')
    await short.fill('Water main break: don’t drink tap water.')
    const counter = page.getByTestId('gsm7-counter')
    assert.match(await counter.innerText(), /not GSM-7: “’” U\+2019/)
    await short.fill("Water main break: don't drink tap water.")
    assert.doesNotMatch(await counter.innerText(), /not GSM-7/)
    assert.match(await counter.innerText(), /^40 \/ 90/)
  })

  it('blocks a send with no include area', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    const preview = page.getByTestId('alert-preview')
    await preview.getByText('There is no include area').waitFor({ timeout: WAIT_MS })
    await page.getByRole('button', { name: 'Send…' }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: /areas: there is no include area/ })
      .waitFor()
    const drafts = await operatorApi.get<AlertView[]>('/api/alerts?state=draft')
    assert.equal(drafts.length, 1, 'the preview saved one draft, and nothing was sent')
    exerciseIdentifier = drafts[0]!.identifier
    assert.ok(await page.getByRole('heading', { name: `Draft ${exerciseIdentifier}` }).isVisible())
  })

  it('draws a polygon corner by corner and leaves Shrewsbury out', async () => {
    const page = operator.page
    const lats = places.map((p) => p[0])
    const lons = places.map((p) => p[1])
    const margin = 0.004
    const [south, north] = [Math.min(...lats) - margin, Math.max(...lats) + margin]
    const [west, east] = [Math.min(...lons) - margin, Math.max(...lons) + margin]
    const map = page.getByTestId('area-map')

    // A circle: its centre clicked, its radius typed; then removed again.
    await page.getByRole('button', { name: 'Circle' }).click()
    await clickMapAt(page, places[0]!)
    await page.getByLabel('Radius (km)').fill('0.5')
    await page.getByRole('button', { name: 'Add circle' }).click()
    assert.match(
      await page.getByTestId('area-row').innerText(),
      /INCLUDE\s+Area 1 \(circle 0.5 km\)/,
    )
    await page.getByRole('button', { name: 'Remove Area 1 (circle 0.5 km)' }).click()
    assert.equal(await map.getAttribute('data-areas'), '0')

    await page.getByRole('button', { name: 'Draw polygon' }).click()
    for (const corner of [
      [north, west],
      [north, east],
      [south, east],
      [south - 0.01, west],
    ] as [number, number][]) {
      await clickMapAt(page, corner)
    }
    assert.equal(await map.getAttribute('data-draft-corners'), '4')
    await page.getByRole('button', { name: 'Undo last corner' }).click()
    assert.equal(await map.getAttribute('data-draft-corners'), '3')
    await clickMapAt(page, [south, west])
    await page.getByRole('button', { name: 'Finish polygon' }).click()
    assert.equal(await map.getAttribute('data-areas'), '1')

    await page.getByRole('radio', { name: 'Exclude' }).check()
    await page.getByRole('button', { name: 'Whole town' }).click()
    const town = await selectMatching(page, 'Town', /shrewsbury/i)
    await page.getByRole('button', { name: 'Add town' }).click()
    const rows = page.getByTestId('area-row')
    assert.equal(await rows.count(), 2)
    assert.match(await rows.nth(0).innerText(), /INCLUDE\s+Area 1 \(polygon, 4 corners\)/)
    assert.match(
      await rows.nth(1).innerText(),
      new RegExp(`EXCLUDE\\s+Area 2 \\(town of ${town}\\)`),
    )
    assert.equal(await map.getAttribute('data-exclude-areas'), '1')
  })

  it('previews who it reaches: counts per channel and their places on the map', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'Preview again' }).click()
    const subscribers = page.getByTestId('preview-subscribers')
    await page.getByText('3 subscribers', { exact: true }).waitFor({ timeout: WAIT_MS })
    assert.equal(await subscribers.innerText(), '3 subscribers')
    assert.match(await page.getByTestId('preview-sms').innerText(), /Text message\s+3\s/)
    assert.equal(await page.getByTestId('area-map').getAttribute('data-points'), '3')
    assert.ok(
      await page.getByText('you will be asked to confirm what it leaves out').isVisible(),
      'the exclusion is announced before sending',
    )
    // The screen says what the platform says.
    const [draft] = await operatorApi.get<AlertView[]>('/api/alerts?state=draft')
    const api = await operatorApi.post<AlertPreview>(`/api/alerts/${draft!.id}/preview`, {})
    assert.equal(api.subscribers, 3)
    assert.equal(api.deliveries.sms, 3)
    await consoleShot(page, '02-compose-areas-preview')
  })

  it('asks a second time, naming the town left out and the counts, then sends', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'Send…' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    assert.match(await dialog.getByTestId('confirm-excluded').innerText(), /EXCLUDE .*SHREWSBURY/i)
    assert.match(await dialog.getByTestId('confirm-counts').innerText(), /3 subscribers/)
    assert.match(await dialog.getByTestId('confirm-counts').innerText(), /3 text messages/)
    await shot(page, JOURNEY, '03-exclude-confirmation')
    await dialog.getByRole('button', { name: 'Send, leaving this area out' }).click()

    const state = page.getByTestId('alert-state')
    await state.filter({ hasText: /Sending|Sent/ }).waitFor({ timeout: WAIT_MS })
    assert.match(await page.getByTestId('status-banner').innerText(), /EXERCISE/)
    const sent = await operatorApi.get<AlertView[]>('/api/alerts?status=Exercise')
    const alert = sent.find((each) => each.identifier === exerciseIdentifier)
    assert.ok(alert && (alert.state === 'sending' || alert.state === 'sent'), JSON.stringify(sent))
    assert.ok(alert.excludeConfirmed, 'the exclusion was confirmed')
    assert.equal(
      await page.getByRole('link', { name: 'CAP 1.2 document' }).getAttribute('href'),
      `/api/alerts/${alert.id}/cap.xml`,
    )
  })

  it('follows the delivery report per channel, with its chart', async () => {
    const page = operator.page
    const sms = page.getByTestId('report-sms')
    await sms.waitFor({ timeout: WAIT_MS })
    // Total, attempted, delivered, sent, failed, retried, pending: read again as events come,
    // never by a Reload click. Every text is delivered; one needed a second attempt.
    await untilText(sms, /^Text message\s+3\s+3\s+3\s+0\s+0\s+1\s+0\s/, 30_000)
    assert.match(
      (await page.getByTestId('delivery-chart').getAttribute('aria-label')) ?? '',
      /3 of 3 \(100%\), 3 delivered or sent, 0 failed/,
    )
    assert.equal(provider.accepted.length, 3, 'the provider took three texts, none twice')
    assert.deepEqual(
      provider.refused.map((r) => r.message.to),
      [REFUSED_ONCE],
    )
    const row = page.getByTestId('alert-row').filter({ hasText: exerciseIdentifier })
    assert.match(await row.innerText(), /EXERCISE/)
    await consoleShot(page, '04-delivery-report')

    // The links open what they say, with the operator's own session.
    const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')
    const csv = await page.request.get(`${platform.url}${csvHref}`)
    assert.equal(csv.status(), 200)
    assert.equal((await csv.text()).trim().split('\n').length, 4, 'a header and three deliveries')
    const capHref = await page.getByRole('link', { name: 'CAP 1.2 document' }).getAttribute('href')
    const cap = await page.request.get(`${platform.url}${capHref}`)
    assert.equal(cap.status(), 200)
    assert.match(await cap.text(), new RegExp(`<identifier>${exerciseIdentifier}</identifier>`))
  })

  it('offers an Update, which opens a prefilled draft referencing the alert', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'Update…' }).click()
    await page
      .getByRole('heading', { name: new RegExp(`^Update of ${exerciseIdentifier}`) })
      .waitFor({ timeout: WAIT_MS })
    assert.equal(await page.getByLabel('Event').inputValue(), 'Water main break')
    assert.equal(await page.getByTestId('area-row').count(), 2)
    assert.equal(await page.getByLabel('Status', { exact: true }).inputValue(), 'Exercise')
    await page.getByRole('button', { name: 'Discard draft' }).click()
    await page.getByText('Open an alert in the list').waitFor({ timeout: WAIT_MS })
  })
})

describe('an emergency to a whole town waits for a second operator', () => {
  let second: ConsoleSession
  let identifier = ''

  after(async () => {
    await second?.close()
  })

  it('is sent for approval, and its own operator cannot approve it', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'New alert' }).click()
    await page.getByLabel('Start from a template').selectOption({ label: TEMPLATE })
    await page.getByLabel('Status', { exact: true }).selectOption('Actual')
    assert.match(await page.getByTestId('status-marker').innerText(), /ACTUAL/)
    await page.getByLabel('Notice category').selectOption('emergency')
    await page.getByRole('button', { name: 'Whole town' }).click()
    await selectMatching(page, 'Town', /worcester/i)
    await page.getByRole('button', { name: 'Add town' }).click()
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await page.getByText('needs a second operator').waitFor({ timeout: WAIT_MS })
    await page.getByRole('button', { name: 'Send…' }).click()

    await page
      .getByTestId('alert-state')
      .filter({ hasText: 'Awaiting approval' })
      .waitFor({ timeout: WAIT_MS })
    await page.getByText('Waiting for a second operator to approve.').waitFor()
    assert.equal(await page.getByRole('button', { name: 'Approve and send' }).isDisabled(), true)
    await page.getByText('You sent this alert for approval').waitFor()
    const waiting = await operatorApi.get<AlertView[]>('/api/alerts?state=awaiting_approval')
    assert.equal(waiting.length, 1)
    identifier = waiting[0]!.identifier
    await consoleShot(page, '05-awaiting-approval')
  })

  it('is approved by the second operator and sent', async () => {
    second = await newConsole(browser, platform.url, {
      username: 'alerts2',
      password: 'ecc-demo-alerts2',
    })
    const page = second.page
    const queue = page.getByTestId('approval-queue')
    await queue.getByText(identifier).waitFor({ timeout: WAIT_MS })
    await queue.getByTestId('alert-row').filter({ hasText: identifier }).click()
    await page.getByRole('button', { name: 'Approve and send' }).click()
    await page
      .getByTestId('alert-state')
      .filter({ hasText: /Sending|Sent/ })
      .waitFor({ timeout: WAIT_MS })
    // The first operator's console hears it live.
    await operator.page
      .getByTestId('alert-state')
      .filter({ hasText: /Sending|Sent/ })
      .waitFor({ timeout: WAIT_MS })
    assert.deepEqual(second.errors, [])
    assert.deepEqual(operator.errors, [])
  })

  it('lists alerts newest first, filtered by state, with ACTUAL and EXERCISE told apart', async () => {
    const page = operator.page
    const list = page.getByTestId('alerts-list')
    await page.getByTestId('approval-queue').getByText('No alert is waiting').waitFor()
    const rows = list.getByTestId('alert-row')
    assert.equal(await rows.count(), 3)
    assert.match(await rows.nth(0).innerText(), new RegExp(`^ACTUAL\\s+${identifier}`))
    assert.match(await rows.nth(1).innerText(), /^EXERCISE\s+\S+\s+Discarded\s+Update: /)
    assert.match(await rows.nth(2).innerText(), new RegExp(`^EXERCISE\\s+${exerciseIdentifier}`))
    await list.getByLabel('Show').selectOption('awaiting_approval')
    await list.getByText('No alert in this state.').waitFor()
    await list.getByLabel('Show').selectOption('all')
    await rows.nth(2).waitFor()
    await consoleShot(page, '06-list')
  })
})

describe('a second operator rejects an alert, saying why', () => {
  it('needs a reason, and the sender sees the rejection live', async () => {
    const page = operator.page
    await page.getByRole('button', { name: 'New alert' }).click()
    await page.getByLabel('Start from a template').selectOption({ label: TEMPLATE })
    await page.getByLabel('Status', { exact: true }).selectOption('Actual')
    await page.getByLabel('Notice category').selectOption('emergency')
    await page.getByRole('button', { name: 'Whole town' }).click()
    await selectMatching(page, 'Town', /worcester/i)
    await page.getByRole('button', { name: 'Add town' }).click()
    await page.getByRole('button', { name: 'Preview', exact: true }).click()
    await page.getByText('needs a second operator').waitFor({ timeout: WAIT_MS })
    await page.getByRole('button', { name: 'Send…' }).click()
    await page.getByText('Waiting for a second operator to approve.').waitFor({ timeout: WAIT_MS })
    const [waiting] = await operatorApi.get<AlertView[]>('/api/alerts?state=awaiting_approval')
    assert.ok(waiting, 'one alert waits for approval')

    const second = await newConsole(browser, platform.url, {
      username: 'alerts2',
      password: 'ecc-demo-alerts2',
    })
    try {
      const other = second.page
      const queue = other.getByTestId('approval-queue')
      await queue.getByTestId('alert-row').filter({ hasText: waiting.identifier }).click()
      await other.getByRole('button', { name: 'Reject…' }).click()
      await other.getByRole('button', { name: 'Reject', exact: true }).click()
      await other.getByText('reason: say why it is rejected').waitFor()
      await other.getByLabel('Reason for rejecting').fill('Wrong town: the break is in Shrewsbury')
      await other.getByRole('button', { name: 'Reject', exact: true }).click()
      await other
        .getByTestId('alert-state')
        .filter({ hasText: 'Rejected' })
        .waitFor({ timeout: WAIT_MS })
      assert.deepEqual(second.errors, [])
    } finally {
      await second.close()
    }
    await page
      .getByText('Rejected: Wrong town: the break is in Shrewsbury')
      .waitFor({ timeout: WAIT_MS })
    const [rejected] = await operatorApi.get<AlertView[]>('/api/alerts?state=rejected')
    assert.equal(rejected?.id, waiting.id)
    assert.equal(rejected?.rejectedReason, 'Wrong town: the break is in Shrewsbury')
  })
})

describe('a supervisor follows alerts without acting on them', () => {
  it('sees the alerts and their reports, with no compose, update or approval buttons', async () => {
    const supervisor = await newConsole(browser, platform.url, {
      username: 'supervisor',
      password: 'ecc-demo-supervisor',
      position: 'SUP1',
    })
    try {
      const page = supervisor.page
      await page.getByRole('button', { name: 'Alerts', exact: true }).click()
      const rows = page.getByTestId('alerts-list').getByTestId('alert-row')
      await rows.nth(2).waitFor({ timeout: WAIT_MS })
      assert.equal(await page.getByRole('button', { name: 'New alert' }).count(), 0)
      await rows.filter({ hasText: exerciseIdentifier }).click()
      await page.getByTestId('report-sms').waitFor({ timeout: WAIT_MS })
      assert.equal(await page.getByRole('button', { name: 'Update…' }).count(), 0)
      assert.equal(await page.getByRole('button', { name: 'Cancel alert…' }).count(), 0)
      assert.deepEqual(supervisor.errors, [])
    } finally {
      await supervisor.close()
    }
  })
})
