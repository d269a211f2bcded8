import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Incident } from '@common/api/incidents.ts'
import type { IncidentTimeline, TimelineEntry } from '@common/api/timeline.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, buildUnit, incidentFromCall, staffWith } from '../../test/factories.ts'
import { PLATFORM_NAME, renderIncidentTimelinePdf } from './incident-timeline.pdf.ts'
import { formatEasternTime, toWinAnsi } from '../../documents/pdf-text.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

/** The PDF's text as poppler's pdftotext lays it out; pages end with a form feed. */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8')
}

function pdfInfo(pdf: Buffer): Record<string, string> {
  const text = execFileSync('pdfinfo', ['-isodates', '-'], { input: pdf }).toString('utf8')
  return Object.fromEntries(
    text.split('\n').flatMap((line) => {
      const match = /^([^:]+):\s+(.*)$/.exec(line)
      return match ? [[match[1]!, match[2]!]] : []
    }),
  )
}

const words = (text: string) => text.split(/\s+/).filter((word) => word.length > 0)

/** Where `wanted` next appears as a run of words in `tokens` at or after `from`; -1 if not. */
function findRun(tokens: string[], wanted: string[], from: number): number {
  for (let i = from; i + wanted.length <= tokens.length; i++) {
    if (wanted.every((word, k) => tokens[i + k] === word)) return i
  }
  return -1
}

/** Every entry's summary, whole and in the timeline's order, among the PDF's words. */
function assertEntriesInOrder(text: string, entries: TimelineEntry[]): void {
  const tokens = words(text)
  let from = 0
  for (const entry of entries) {
    const at = findRun(tokens, words(toWinAnsi(entry.summary)), from)
    assert.ok(at >= 0, `entry missing or out of order: ${entry.summary}`)
    from = at + 1
  }
}

const LONG_NOTE =
  'Caller states heavy smoke is showing from the eaves on the B side of a two and a half story ' +
  'wood frame dwelling. The resident on the second floor is elderly and walks with a walker; a ' +
  'neighbour is trying to help her down the back stairs. The hydrant at the corner of Elm and ' +
  'Maple was reported out of service last week by public works. The caller will meet the first ' +
  'arriving company at the front door and holds the key to the side entrance of the building.'

describe('GET /api/incidents/:id/timeline.pdf', () => {
  it('answers 401 without a session, 400 naming the id, and 404 for an unknown incident', async () => {
    const id = '00000000-0000-4000-8000-000000000000'
    assert.equal((await t.request('GET', `/api/incidents/${id}/timeline.pdf`)).statusCode, 401)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const invalid = await dispatcher.request('GET', '/api/incidents/not-an-id/timeline.pdf')
    assert.equal(invalid.statusCode, 400)
    assert.equal(invalid.json().error.field, 'id')
    const missing = await dispatcher.request('GET', `/api/incidents/${id}/timeline.pdf`)
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().error.code, 'incident_not_found')
  })

  it('prints every entry over numbered pages, with who, where and the long note whole', async () => {
    const town = `Tp ${randomBytes(3).toString('hex')}`
    const fire = await buildAgency(t, {
      code: `T${randomBytes(3).toString('hex').toUpperCase()}`,
      name: `${town} Fire Department`,
      kind: 'fire',
      town,
    })
    const engine = await buildUnit(t, { agencyId: fire.id, status: 'available' })
    const phone = await staffWith(t, ['integration'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const location = {
      source: 'ali',
      civic: { houseNumber: '5', street: 'Elm', streetType: 'St', town },
      point: { lat: 42.41, lon: -71.61 },
    }
    const { incident } = await incidentFromCall(
      phone,
      calltaker,
      { line: '911', ani: '5085550101', location },
      'SMOKE-INV',
    )
    await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [engine.id],
    })
    await dispatcher.request('POST', `/api/units/${engine.id}/status`, { status: 'en_route' })
    await calltaker.request('POST', `/api/incidents/${incident.id}/priority`, {
      priority: 1,
      reason: 'resident unable to get out',
    })
    await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, { text: LONG_NOTE })
    await dispatcher.request('POST', `/api/units/${engine.id}/status`, { status: 'on_scene' })
    for (let i = 1; i <= 40; i++) {
      const author = i % 2 === 0 ? dispatcher : calltaker
      const noted = await author.request('POST', `/api/incidents/${incident.id}/notes`, {
        text: `progress report ${i}: crews working interior, searching floor ${i % 3}`,
      })
      assert.equal(noted.statusCode, 201)
    }
    const timeline = (
      await dispatcher.request('GET', `/api/incidents/${incident.id}/timeline`)
    ).json<IncidentTimeline>()
    const header = (
      await dispatcher.request('GET', `/api/incidents/${incident.id}`)
    ).json<Incident>()

    const asked = new Date(Math.floor(t.clock.now().getTime() / 1000) * 1000)
    const response = await dispatcher.request('GET', `/api/incidents/${incident.id}/timeline.pdf`)
    const answered = t.clock.now()

    assert.equal(response.statusCode, 200)
    assert.equal(response.headers['content-type'], 'application/pdf')
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="${incident.number}-timeline.pdf"`,
    )
    const pdf = response.rawPayload
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')

    const info = pdfInfo(pdf)
    assert.match(info.Title!, new RegExp(incident.number))
    assert.match(info.Subject!, new RegExp(incident.number))
    assert.equal(info.Creator, PLATFORM_NAME)
    const created = new Date(info.CreationDate!)
    assert.ok(created >= asked && created <= answered, `creation date ${info.CreationDate}`)

    const text = pdfText(pdf)
    for (const expected of [
      incident.number,
      'America/New_York',
      header.natureCode,
      header.natureDescription,
      header.location.text,
      fire.name,
      formatEasternTime(header.createdAt),
      dispatcher.username,
    ]) {
      assert.ok(text.includes(expected), `header lacks ${expected}`)
    }
    assertEntriesInOrder(text, timeline.entries)
    for (const entry of timeline.entries) {
      assert.ok(text.includes(formatEasternTime(entry.at)), `no time for ${entry.summary}`)
    }
    for (const username of [phone.username, calltaker.username, dispatcher.username]) {
      assert.ok(text.includes(username), `no ${username}`)
    }
    assert.ok(findRun(words(text), words(LONG_NOTE), 0) >= 0, 'the long note is not whole')
    assert.ok(text.includes(`End of timeline: ${timeline.entries.length} entries.`))

    const pages = text.split('\f').filter((page) => page.trim().length > 0)
    assert.ok(pages.length >= 2, `a timeline this long fills ${pages.length} page`)
    assert.equal(Number(info.Pages), pages.length)
    pages.forEach((page, i) => {
      assert.match(page, new RegExp(`Page ${i + 1} of ${pages.length}`))
      assert.match(page, new RegExp(`Incident ${incident.number}`))
      assert.match(page, /Time \(Eastern\)\s+User\s+Position\s+Event/)
    })
  })
})

describe(renderIncidentTimelinePdf.name, () => {
  const generatedAt = '2026-03-08T07:40:00.000Z'
  const entry = (minute: number, summary: string): TimelineEntry => ({
    position: `1-${minute}`,
    at: new Date(Date.parse('2026-03-08T06:30:00.000Z') + minute * 60_000).toISOString(),
    type: 'incident.note_added',
    stream: 'incident:00000000-0000-4000-8000-000000000001',
    summary,
    actorUserId: '00000000-0000-4000-8000-000000000002',
    actorUsername: 'records-test',
    actorPositionId: null,
    actorPositionCode: 'REC1',
    payload: {},
  })
  const input = (entries: TimelineEntry[]) => ({
    timeline: {
      incidentId: '00000000-0000-4000-8000-000000000001',
      number: 'TST-2026-000001',
      generatedAt,
      entries,
    },
    incident: {
      id: '00000000-0000-4000-8000-000000000001',
      number: 'TST-2026-000001',
      agencyId: '00000000-0000-4000-8000-000000000003',
      agencyCode: 'TFD',
      kind: 'emergency' as const,
      natureCode: 'SMOKE-INV',
      natureDescription: 'Smoke investigation',
      discipline: 'fire' as const,
      priority: 2,
      status: 'active' as const,
      alarmLevel: 1,
      location: {
        text: '5 Elm St',
        address: null,
        town: null,
        lat: null,
        lon: null,
        isVerified: true,
        overrideReason: null,
        followedUpAt: null,
        firstDueStationCode: null,
      },
      disposition: null,
      createdAt: '2026-03-08T06:30:00.000Z',
      firstDispatchedAt: null,
      closedAt: null,
      units: [],
      notes: [],
    },
    agencyName: 'Test Fire Department',
    generatedBy: 'Records Clerk (records-test) at REC1',
  })

  it('gives the same bytes for the same timeline, dated when it was generated', async () => {
    const entries = [entry(0, 'Call answered at CT1'), entry(1, 'Priority 2 → 1: entrapment')]
    const first = await renderIncidentTimelinePdf(input(entries))
    const second = await renderIncidentTimelinePdf(input(entries))
    assert.ok(first.equals(second))
    assert.equal(pdfInfo(first).CreationDate, generatedAt.replace('.000', ''))
    assert.ok(pdfText(first).includes(toWinAnsi(entries[1]!.summary)))
  })

  it('splits an entry taller than a page over pages without losing a line', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => `statement line ${i + 1} of 120`)
    const pdf = await renderIncidentTimelinePdf(
      input([entry(0, 'Call answered at CT1'), entry(2, `Note: ${lines.join('\n')}`)]),
    )
    const text = pdfText(pdf)
    const pages = text.split('\f').filter((page) => page.trim().length > 0)
    assert.ok(pages.length >= 2)
    assert.match(pages[1]!, /\(continued\)/)
    const tokens = words(text)
    for (const line of lines) assert.ok(findRun(tokens, words(line), 0) >= 0, line)
  })
})
