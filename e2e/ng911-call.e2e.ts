import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { CallText, CallView } from '@common/api/calls.ts'
import type { Browser } from 'playwright-core'
import { ulawTone } from '../server/telephony/fixtures/media.ts'
import { runSipp, SCENARIOS, sippPath } from '../server/telephony/sipp/run-sipp.ts'
import { logOnApi, type ApiUser } from './support/api.ts'
import { newConsole, openBrowser, shot } from './support/browser.ts'
import { startJourneyPlatform, type JourneyPlatform } from './support/platform.ts'

/**
 * Journey: real NG911 calls over SIP, placed by sipp. A voice call rings with its PIDF-LO
 * address; the call taker answers and reads the NG911 data (ids, additional data, what could not
 * be read); the caller goes quiet and the console says so without hanging up. Then a text to 911
 * (SIP MESSAGE) arrives; the call taker answers it and replies in the conversation.
 */
const JOURNEY = 'ng911-call'
const SILENCE_SECONDS = 3
let platform: JourneyPlatform
let browser: Browser
let supervisor: ApiUser
let sipPort = 0
let work = ''

before(async () => {
  sippPath()
  const rtpBase = 43000 + 2 * Math.floor(Math.random() * 2000)
  platform = await startJourneyPlatform({
    env: {
      ECC_SIP_SILENCE_SECONDS: String(SILENCE_SECONDS),
      ECC_RTP_PORT_MIN: String(rtpBase),
      ECC_RTP_PORT_MAX: String(rtpBase + 100),
    },
  })
  sipPort = await platform.sipPort()
  browser = await openBrowser()
  supervisor = await logOnApi(platform.url, 'supervisor', 'ecc-demo-supervisor')
  // sipp plays the caller's audio from its working folder: 3 s of tone, then a long quiet.
  work = await mkdtemp(path.join(os.tmpdir(), 'ecc-ng911-journey-'))
  await writeFile(path.join(work, 'ulaw_440hz_3s.raw'), ulawTone(3, 440))
  const scenario = await readFile(path.join(SCENARIOS, 'ng911-call.xml'), 'utf8')
  await writeFile(
    path.join(work, 'quiet-call.xml'),
    scenario.replace('<pause milliseconds="3500"/>', '<pause milliseconds="12000"/>'),
  )
})

after(async () => {
  await browser?.close()
  await platform?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

describe('an NG911 call', () => {
  it('rings with its PIDF-LO address, shows its NG911 data and a silent caller, then a text call is answered by text', async () => {
    const console = await newConsole(browser, platform.url, {
      username: 'calltaker',
      password: 'ecc-demo-calltaker',
      position: 'CT1',
    })
    const { page } = console

    const voice = runSipp(path.join(work, 'quiet-call.xml'), sipPort, { cwd: work })
    const row = page.getByTestId('ringing-call').filter({ hasText: '+15085550123' })
    await row.waitFor()
    assert.match(await row.innerText(), /911[\s\S]*455 Main St, Worcester/)
    await shot(page, JOURNEY, '1-ringing')

    await page.keyboard.press('F9')
    const workspace = page.getByRole('region', { name: 'Selected call' })
    await workspace.getByTestId('call-ani').filter({ hasText: '+15085550123' }).waitFor()
    const locations = await page.getByRole('region', { name: 'Locations' }).innerText()
    assert.match(locations, /PIDF-LO[\s\S]*Primary[\s\S]*455 Main St, Worcester/)
    assert.match(locations, /Device fix[\s\S]*Position only, no address[\s\S]*±25 m/)

    const ng911 = page.getByRole('region', { name: 'NG911 data' })
    await ng911.waitFor()
    assert.match(await ng911.innerText(), /SIP over UDP/)
    assert.match(await ng911.innerText(), /Call ID\s+urn:emergency:uid:callid:/)
    assert.match(await ng911.innerText(), /Incident ID\s+urn:emergency:uid:incidentid:/)
    const service = ng911.getByTestId('adr-block').filter({ hasText: 'Service' })
    assert.match(await service.innerText(), /Residence · wireless · Mobile/)
    await service.locator('summary').click()
    assert.match(await service.innerText(), /ServiceType\s+wireless/)
    // ProviderInfo is by reference to a port nobody answers: the fetch fails, the call goes on.
    const problems = ng911.getByRole('note', { name: /Some call data could not be read/ })
    await problems.waitFor()
    assert.match(await problems.innerText(), /ProviderInfo: could not be fetched/)
    await shot(page, JOURNEY, '2-answered-ng911-data')

    // After the 3 s tone the caller is quiet: an alert on the call, and the line stays up.
    const alert = page.getByTestId('media-alert')
    await alert.waitFor({ timeout: 15_000 })
    assert.match(
      await alert.innerText(),
      /No audio from the caller for \d+ s — the line stays open/,
    )
    // The position that has the call hears a cue (counted on the page: no audio device here).
    assert.equal(await page.locator('html').getAttribute('data-last-cue'), 'no_audio')
    const myCalls = page.getByRole('list', { name: 'My calls' })
    assert.match(await myCalls.innerText(), /\+15085550123[\s\S]*no audio/)
    await shot(page, JOURNEY, '3-no-audio')

    const ended = await voice
    assert.equal(ended.code, 0, ended.output)
    // The caller hung up: the alert goes with the line.
    await myCalls.getByText('line released').waitFor()
    await alert.waitFor({ state: 'detached' })

    const text = await runSipp('message.xml', sipPort, { cwd: work })
    assert.equal(text.code, 0, text.output)
    const textRow = page.getByTestId('ringing-call').filter({ hasText: '+15085550188' })
    await textRow.waitFor()
    await shot(page, JOURNEY, '4-text-ringing')
    await page.keyboard.press('F9')
    await workspace.getByTestId('call-ani').filter({ hasText: '+15085550188' }).waitFor()
    const conversation = page.getByRole('region', { name: /Text conversation/ })
    const lines = conversation.getByTestId('call-text')
    await lines.first().waitFor()
    assert.match(
      await lines.first().innerText(),
      /Caller\s+Text[\s\S]*Help, there is a fire on the 2nd floor\. I cannot talk\./,
    )
    const channels = conversation.getByRole('group', { name: 'Reply channel' })
    assert.equal(
      await channels.getByRole('button', { name: 'Text' }).getAttribute('aria-pressed'),
      'true',
      "the reply goes on the caller's channel",
    )

    const reply = conversation.getByLabel('Reply to the caller')
    await reply.press('Enter')
    await conversation.getByText('Not sent: type a reply').waitFor()
    await reply.fill('Help is on the way. Can you get out of the building?')
    await reply.press('Enter')
    await lines.nth(1).waitFor()
    assert.match(await lines.nth(1).innerText(), /Center\s+Text[\s\S]*Help is on the way/)
    assert.equal(await reply.inputValue(), '', 'the box is cleared once sent')
    await shot(page, JOURNEY, '5-text-replied')

    const textCall = (await supervisor.get<CallView[]>('/api/calls?limit=500')).find(
      (call) => call.ani === '+15085550188',
    )
    assert.ok(textCall, 'the text call is on the floor')
    const texts = await supervisor.get<CallText[]>(`/api/calls/${textCall.id}/texts`)
    assert.deepEqual(
      texts.map((t) => [t.direction, t.channel]),
      [
        ['from_caller', 'sip_message'],
        ['to_caller', 'sip_message'],
      ],
    )
    assert.deepEqual(console.errors, [])
    await console.close()
  })
})
