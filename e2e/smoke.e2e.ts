import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { newConsole, openBrowser, shot } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/** The ground every journey stands on: the platform, Chromium, and the console's log-on. */
let platform: JourneyPlatform
let browser: Browser

before(async () => {
  platform = await startJourneyPlatform()
  browser = await openBrowser()
})

after(async () => {
  await browser?.close()
  await platform?.stop()
})

describe('smoke', () => {
  it('answers /api/health in the page', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(platform.url)
    const health = await page.evaluate(async () => {
      const response = await fetch('/api/health')
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    })
    assert.equal(health.status, 200)
    assert.equal(health.body.status, 'ok')
    assert.equal(health.body.database, 'embedded')
    await context.close()
  })

  it('shows the log-on form at /console/', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const response = await page.goto(`${platform.url}/console/`)
    assert.equal(
      response?.status(),
      200,
      'console/dist is built (npx tsx scripts/build-console.ts)',
    )
    await page.getByLabel('Username').waitFor()
    assert.ok(await page.getByLabel('Password').isVisible())
    const position = page.getByLabel('Position')
    assert.ok(await position.isVisible())
    await position.locator('option[value="FD1"]').waitFor({ state: 'attached' })
    assert.ok(await page.getByRole('button', { name: 'Log on' }).isEnabled())
    await shot(page, 'smoke', 'log-on-form')
    assert.deepEqual(errors, [])
    await context.close()
  })

  it('logs the demo dispatcher on at FD1 through the form', async () => {
    const session = await newConsole(browser, platform.url, {
      username: 'dispatcher',
      password: 'ecc-demo-dispatcher',
      position: 'FD1',
    })
    await shot(session.page, 'smoke', 'console-ready')
    assert.deepEqual(session.errors, [])
    await session.close()
  })
})
