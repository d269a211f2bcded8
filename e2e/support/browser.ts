import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { chromiumPath } from './chromium.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SHOTS = path.join(ROOT, 'test-results/e2e')
const READY_TIMEOUT_MS = 30_000
/**
 * Before log-on the console asks whether it already holds a session, and Chromium logs the 401
 * answer as an error. Expected then, and only then: after log-on the same line means a lost session.
 */
const SESSION_PROBE = /status of 401 \(Unauthorized\) \(\S+\/api\/session\)$/

/**
 * Without the background-networking flags Chromium keeps reaching for Google's services, and the
 * closed network answers by refusing connections, which shows up as noise and slow pages.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox', // the journeys run as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** One headless Debian Chromium per journey file; close it in the file's `after`. */
export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true })
}

export interface LogOn {
  username: string
  password: string
  /** A position code (e.g. FD1); absent: log on at no position. */
  position?: string | null
}

/** One logged-on console: its own browser context (cookies), page, and what went wrong in it. */
export interface ConsoleSession {
  context: BrowserContext
  page: Page
  /** The page's console errors and uncaught exceptions, in order. */
  errors: string[]
  /** The errors not matching any pattern: for a journey that causes some on purpose (a cut). */
  errorsExcept: (...expected: RegExp[]) => string[]
  close: () => Promise<void>
}

/**
 * Opens `${baseUrl}/console/` in a new context and logs on through the form as a person would
 * (fields "Username", "Password", "Position", button "Log on"), then waits for the console to say
 * it is ready (`data-testid="console-ready"`).
 */
export async function newConsole(
  browser: Browser,
  baseUrl: string,
  logOn: LogOn,
): Promise<ConsoleSession> {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    locale: 'en-US',
    timezoneId: 'America/New_York', // the center's time: what the console shows
  })
  const page = await context.newPage()
  const errors: string[] = []
  let submitted = false
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    // For a failed request the location is the request's URL: the text alone does not say which.
    const error = `console: ${message.text()} (${message.location().url})`
    if (!submitted && SESSION_PROBE.test(error)) return
    errors.push(error)
  })
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`))
  const session: ConsoleSession = {
    context,
    page,
    errors,
    errorsExcept: (...expected) =>
      errors.filter((error) => !expected.some((pattern) => pattern.test(error))),
    close: () => context.close(),
  }

  const response = await page.goto(`${baseUrl}/console/`)
  if (response?.status() !== 200) {
    throw new Error(
      `${baseUrl}/console/ answered ${response?.status()}: is console/dist built? ` +
        '(npx tsx scripts/build-console.ts)',
    )
  }
  await page.getByLabel('Username').fill(logOn.username)
  await page.getByLabel('Password').fill(logOn.password)
  if (logOn.position) await page.getByLabel('Position').selectOption(logOn.position)
  submitted = true
  await page.getByRole('button', { name: 'Log on' }).click()
  try {
    await page.getByTestId('console-ready').waitFor({ timeout: READY_TIMEOUT_MS })
  } catch (error) {
    const body = (
      await page
        .locator('body')
        .innerText()
        .catch(() => '')
    ).slice(0, 1000)
    throw new Error(
      `${logOn.username} did not reach a ready console at ${page.url()}: ${(error as Error).message}\n` +
        `page errors: ${JSON.stringify(errors)}\npage text: ${body}`,
    )
  }
  return session
}

/** Saves a full-page screenshot to test-results/e2e/<journey>/<name>.png and returns its path. */
export async function shot(page: Page, journey: string, name: string): Promise<string> {
  const file = path.join(SHOTS, journey, `${name}.png`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await page.screenshot({ path: file, fullPage: true })
  return file
}
