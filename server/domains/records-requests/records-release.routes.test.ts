import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import type {
  Holiday,
  PortalRecordsRequest,
  RecordsRequest,
  ReleasedRecordsRequest,
} from '@common/api/records-requests.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { buildResident, type ResidentSession } from '../../test/residents.ts'
import { addDays, localDateOf } from './local-time.ts'
import {
  callAt,
  fileOnPaper,
  fileOnPortal,
  form,
  freshNumber,
  latestProofCode,
  paperForm,
  pastDay,
  recordingOf,
} from './records-fixtures.ts'

let t: TestPlatform
let clerk: StaffSession
before(async () => {
  t = await startTestPlatform()
  clerk = await staffWith(t, ['records_clerk'])
})
after(() => t.close())

const DAY_MS = 86_400_000
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/\s+/g, ' ')

/** A caller who proved the number that made a call with one recording: awaiting payment. */
async function eligibleCaller(): Promise<{
  resident: ResidentSession
  request: PortalRecordsRequest
  recordingId: string
  wav: Buffer
}> {
  const day = pastDay(t)
  const ani = freshNumber()
  const call = await callAt(t, { date: day, time: '14:20', ani })
  const recording = await recordingOf(t, call.id)
  const resident = await buildResident(t)
  const filed = await fileOnPortal(resident, form(day, ani))
  await resident.request('POST', `/api/portal/records-requests/${filed.id}/number-code`)
  const proven = await resident.request(
    'POST',
    `/api/portal/records-requests/${filed.id}/number-proof`,
    { code: await latestProofCode(t, ani) },
  )
  assert.equal(proven.statusCode, 200, proven.body)
  const wav = await clerk.request('GET', `/api/recordings/${recording.id}/export`)
  return {
    resident,
    request: proven.json<PortalRecordsRequest>(),
    recordingId: recording.id,
    wav: wav.rawPayload,
  }
}

describe('payments', () => {
  it('records a check, refuses over-payment naming amountCents, and gives a receipt', async () => {
    const { request, resident } = await eligibleCaller()
    assert.equal(request.status, 'awaiting_payment')
    const tooMuch = await clerk.request('POST', `/api/records-requests/${request.id}/payments`, {
      checkNumber: '1041',
      amountCents: 4000,
      receivedOn: '2026-11-02',
      payer: 'Ana Rivera',
    })
    assert.equal(tooMuch.statusCode, 400)
    assert.equal(tooMuch.json().error.field, 'amountCents')
    const paid = await clerk.request('POST', `/api/records-requests/${request.id}/payments`, {
      checkNumber: '1041',
      amountCents: 3000,
      receivedOn: '2026-11-02',
      payer: 'Ana Rivera',
    })
    assert.equal(paid.statusCode, 201, paid.body)
    const view = paid.json<RecordsRequest>()
    assert.equal(view.status, 'ready_to_release')
    assert.equal(view.fee.paidCents, 3000)
    assert.equal(view.fee.dueCents, 0)
    assert.equal(view.payments[0]?.checkNumber, '1041')
    assert.equal(
      view.payments[0]?.recordedBy,
      (await auditRows(t, 'records_request.payment_recorded'))[0]?.username,
    )
    assert.deepEqual(view.letters, ['receipt'])
    const receipt = await resident.request(
      'GET',
      `/api/portal/records-requests/${request.id}/letters/receipt`,
    )
    assert.equal(receipt.statusCode, 200)
    const text = pdfText(receipt.rawPayload)
    assert.match(text, /Check number 1041/)
    assert.match(text, /\$30\.00/)
    assert.match(text, /2026-11-02/)
    assert.match(text, new RegExp(request.number))
  })

  it('refuses hours in the flat fee model', async () => {
    const filed = await fileOnPaper(clerk, paperForm(pastDay(t), freshNumber()))
    const hours = await clerk.request('PUT', `/api/records-requests/${filed.id}/hours`, {
      hours: 3,
    })
    assert.equal(hours.statusCode, 409)
    assert.equal(hours.json().error.field, 'hours')
  })
})

describe('release and download', () => {
  it('releases only a request that is ready, naming its status otherwise', async () => {
    const { request, recordingId } = await eligibleCaller()
    const early = await clerk.request('POST', `/api/records-requests/${request.id}/release`, {
      recordingIds: [recordingId],
    })
    assert.equal(early.statusCode, 409)
    assert.equal(early.json().error.field, 'status')
    assert.match(early.json().error.message, /awaiting_payment/)
  })

  it('sends one link per file, streams the file, logs each download, and expires the link', async () => {
    const { request, recordingId, resident, wav } = await eligibleCaller()
    await clerk.request('POST', `/api/records-requests/${request.id}/payments`, {
      checkNumber: '2002',
      amountCents: 3000,
      receivedOn: '2026-11-03',
      payer: 'Ana Rivera',
    })
    const released = await clerk.request('POST', `/api/records-requests/${request.id}/release`, {
      recordingIds: [recordingId],
    })
    assert.equal(released.statusCode, 200, released.body)
    const view = released.json<ReleasedRecordsRequest>()
    assert.equal(view.status, 'released')
    assert.equal(view.links.length, 1)
    const url = new URL(view.links[0]!.url)
    assert.match(url.pathname, /^\/api\/records\/downloads\/[A-Za-z0-9_-]{43}$/)
    const message = await t.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('purpose', '=', 'records_release')
      .where('recipient', '=', resident.email)
      .executeTakeFirstOrThrow()
    assert.equal(message.channel, 'email')
    assert.ok(message.body.includes(view.links[0]!.url))
    // The link is shown once: the clerk's view of the request does not carry it.
    const later = await clerk.request('GET', `/api/records-requests/${request.id}`)
    assert.ok(!later.body.includes(url.pathname))

    const download = await t.request('GET', url.pathname)
    assert.equal(download.statusCode, 200)
    assert.match(String(download.headers['content-disposition']), /^attachment; filename="RR-/)
    assert.equal(download.headers['content-type'], 'audio/wav')
    const sha256 = createHash('sha256').update(download.rawPayload).digest('hex')
    assert.equal(sha256, createHash('sha256').update(wav).digest('hex'))
    assert.equal(sha256, view.files[0]!.sha256)

    const mine = await resident.request(
      'GET',
      `/api/portal/records-requests/${request.id}/files/${recordingId}`,
    )
    assert.equal(mine.statusCode, 200)
    assert.equal(mine.rawPayload.length, download.rawPayload.length)
    const downloads = await t.db
      .selectFrom('records_downloads as d')
      .innerJoin('records_release_files as f', 'f.id', 'd.file_id')
      .select(['d.by', 'd.resident_account_id'])
      .where('f.request_id', '=', request.id)
      .orderBy('d.at')
      .execute()
    assert.deepEqual(
      downloads.map((d) => d.by),
      ['download link', `resident ${resident.email}`],
    )
    const custody = await t.db
      .selectFrom('recording_custody')
      .select('action')
      .where('recording_id', '=', recordingId)
      .where('action', 'in', ['released', 'downloaded'])
      .execute()
    assert.equal(custody.length, 3)
    const portal = await resident.request('GET', `/api/portal/records-requests/${request.id}`)
    assert.equal(portal.json<PortalRecordsRequest>().files[0]!.downloads, 2)

    const letter = await resident.request(
      'GET',
      `/api/portal/records-requests/${request.id}/letters/release`,
    )
    const text = pdfText(letter.rawPayload)
    assert.match(text, new RegExp(view.files[0]!.fileName))
    assert.ok(text.includes(sha256))
    assert.match(text, /Redacted: no/)
    assert.match(text, /Duration: 0 min 03 s/)

    t.clock.advance((t.config.recordsRequests.linkDays + 1) * DAY_MS)
    const expired = await t.request('GET', url.pathname)
    assert.equal(expired.statusCode, 410)
    assert.equal(expired.json().error.code, 'download_link_expired')
    assert.match(expired.json().error.message, /expired/)
    const unknown = await t.request('GET', `/api/records/downloads/${'A'.repeat(43)}`)
    assert.equal(unknown.statusCode, 404)
    // The clock moved past the staff session's idle time-out: log on again for the next tests.
    clerk = await staffWith(t, ['records_clerk'])
  })

  it('lets nobody else download through the portal', async () => {
    const other = await buildResident(t)
    const response = await other.request(
      'GET',
      `/api/portal/records-requests/00000000-0000-4000-8000-000000000000/files/00000000-0000-4000-8000-000000000000`,
    )
    assert.equal(response.statusCode, 404)
  })
})

describe('the response deadline', () => {
  it('waives the fee and flags the request when the deadline was missed', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    const call = await callAt(t, { date: day, time: '14:20', ani })
    // Received 30 calendar days ago: more than 10 business days.
    const receivedOn = addDays(localDateOf(t.clock.now(), t.config.timeZone), -30)
    const filed = await fileOnPaper(clerk, paperForm(day, ani, { receivedOn }))
    assert.equal(filed.call?.id, call.id)
    assert.equal(filed.deadlines.state, 'overdue')
    assert.ok(filed.deadlines.businessDaysLeft < 0)
    assert.equal(filed.flagged, true)
    assert.equal(filed.fee.waived, 'deadline_missed')
    const checked = await clerk.request('POST', `/api/records-requests/${filed.id}/id-check`, {
      document: 'passport',
    })
    const view = checked.json<RecordsRequest>()
    assert.equal(view.deadlines.state, 'met')
    assert.equal(view.fee.waived, 'deadline_missed', 'a late response does not bring the fee back')
    assert.equal(view.status, 'ready_to_release')
  })

  it('fills the holidays of a year, and an edited holiday moves the deadline', async () => {
    const year = Number(localDateOf(t.clock.now(), t.config.timeZone).slice(0, 4))
    const listed = await clerk.request('GET', `/api/records-holidays?year=${year}`)
    assert.equal(listed.statusCode, 200)
    const holidays = listed.json<Holiday[]>()
    assert.equal(holidays.length, 12)
    assert.ok(holidays.some((h) => h.name === "Patriots' Day" && h.source === 'statute'))

    const filed = await fileOnPaper(clerk, paperForm(pastDay(t), freshNumber()))
    const today = localDateOf(t.clock.now(), t.config.timeZone)
    // The next weekday that is no holiday yet: closing it pushes the deadline one business day.
    let closed = addDays(today, 1)
    while (
      [0, 6].includes(new Date(`${closed}T12:00:00Z`).getUTCDay()) ||
      (await clerk.request('GET', `/api/records-holidays?year=${closed.slice(0, 4)}`))
        .json<Holiday[]>()
        .some((h) => h.date === closed)
    ) {
      closed = addDays(closed, 1)
    }
    const saved = await clerk.request('PUT', `/api/records-holidays/${closed}`, {
      name: 'Snow closure',
    })
    assert.equal(saved.statusCode, 200, saved.body)
    assert.deepEqual(saved.json(), { date: closed, name: 'Snow closure', source: 'edited' })
    const moved = (
      await clerk.request('GET', `/api/records-requests/${filed.id}`)
    ).json<RecordsRequest>()
    assert.ok(moved.deadlines.responseDueAt > filed.deadlines.responseDueAt)
    assert.equal(moved.deadlines.businessDaysLeft, filed.deadlines.businessDaysLeft)

    const removed = await clerk.request('DELETE', `/api/records-holidays/${closed}`)
    assert.equal(removed.statusCode, 200)
    const back = (
      await clerk.request('GET', `/api/records-requests/${filed.id}`)
    ).json<RecordsRequest>()
    assert.equal(back.deadlines.responseDueAt, filed.deadlines.responseDueAt)
    assert.equal((await clerk.request('DELETE', `/api/records-holidays/${closed}`)).statusCode, 404)
    assert.equal((await auditRows(t, 'records_holiday.saved')).length, 1)
    assert.equal((await auditRows(t, 'records_holiday.removed')).length, 1)
  })
})

describe('the hourly fee model', () => {
  it('charges the hours beyond the free ones, once entered', async () => {
    const hourly = await startTestPlatform({
      recordsRequests: {
        ...t.config.recordsRequests,
        fee: { ...t.config.recordsRequests.fee, model: 'hourly' },
      },
    })
    try {
      const hourlyClerk = await staffWith(hourly, ['records_clerk'])
      const filed = await fileOnPaper(hourlyClerk, paperForm(pastDay(hourly), freshNumber()))
      assert.equal(filed.fee.model, 'hourly')
      assert.equal(filed.fee.hours, null)
      const set = await hourlyClerk.request('PUT', `/api/records-requests/${filed.id}/hours`, {
        hours: 3.5,
      })
      assert.equal(set.statusCode, 200, set.body)
      const view = set.json<RecordsRequest>()
      assert.equal(view.fee.hours, 3.5)
      assert.equal(view.fee.amountCents, 3750)
      assert.equal(view.fee.dueCents, 3750)
      assert.ok(view.deadlines.respondedAt, 'the fee notice is a response')
    } finally {
      await hourly.close()
    }
  })
})
