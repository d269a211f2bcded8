import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import {
  THIRD_PARTY_REFUSAL,
  type CandidateCall,
  type PortalRecordsRequest,
  type RecordsRequest,
} from '@common/api/records-requests.ts'
import { startTestPlatform, type StaffSession, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { buildResident } from '../../test/residents.ts'
import { WRONG_NUMBER_NOTE } from './call-link.ts'
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

const asClerk = async (id: string) =>
  (await clerk.request('GET', `/api/records-requests/${id}`)).json<RecordsRequest>()

function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8')
}

describe('filing on the portal', () => {
  it('answers 401 without a portal session and 400 naming the field', async () => {
    const anonymous = await t.request(
      'POST',
      '/api/portal/records-requests',
      form('2026-01-05', '5085550100'),
    )
    assert.equal(anonymous.statusCode, 401)
    const resident = await buildResident(t)
    const backwards = await resident.request(
      'POST',
      '/api/portal/records-requests',
      form('2026-01-05', '5085550100', { timeFrom: '15:00', timeTo: '14:00' }),
    )
    assert.equal(backwards.statusCode, 400)
    assert.equal(backwards.json().error.field, 'timeTo')
    const noBadge = await resident.request(
      'POST',
      '/api/portal/records-requests',
      form('2026-01-05', '5085550100', { requesterType: 'investigator' }),
    )
    assert.equal(noBadge.statusCode, 400)
    assert.equal(noBadge.json().error.field, 'investigator')
  })

  it('numbers the request, starts the clock and links the one call from that number', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    const call = await callAt(t, { date: day, time: '14:21', ani })
    await callAt(t, { date: day, time: '14:22', ani: freshNumber() })
    const resident = await buildResident(t)
    const filed = await fileOnPortal(resident, form(day, ani))
    assert.match(filed.number, /^RR-\d{4}-\d{6}$/)
    assert.equal(filed.status, 'received')
    assert.equal(filed.eligibility, 'pending')
    assert.equal(filed.callFound, false, 'not told before the requester is eligible')
    assert.equal(filed.fee.dueCents, 3000)
    assert.equal(filed.deadlines.state, 'on_time')
    assert.equal(filed.deadlines.businessDaysLeft, 10)
    const seen = await asClerk(filed.id)
    assert.equal(seen.call?.id, call.id)
    assert.equal(seen.requester.accountId, resident.accountId)
    assert.equal((await auditRows(t, 'records_request.call_linked')).length >= 1, true)
  })
})

describe('a third party', () => {
  it('is refused at once, with the statute, an audit row and a refusal letter', async () => {
    const resident = await buildResident(t, 'Sam Other')
    const filed = await fileOnPortal(
      resident,
      form(pastDay(t), freshNumber(), { requesterType: 'other' }),
    )
    assert.equal(filed.status, 'refused')
    assert.equal(filed.refusalReason, THIRD_PARTY_REFUSAL)
    assert.equal(filed.deadlines.state, 'met', 'the refusal is the response')
    assert.deepEqual(filed.letters, ['refusal'])
    const audit = (await auditRows(t, 'records_request.refused')).filter(
      (row) => row.subject_id === filed.id,
    )
    assert.equal(audit.length, 1)
    assert.equal((audit[0]!.details as { reason: string }).reason, 'third_party')

    const letter = await resident.request(
      'GET',
      `/api/portal/records-requests/${filed.id}/letters/refusal`,
    )
    assert.equal(letter.statusCode, 200)
    assert.equal(letter.headers['content-type'], 'application/pdf')
    const text = pdfText(letter.rawPayload).replace(/\s+/g, ' ')
    assert.match(text, new RegExp(filed.number))
    assert.match(text, /section 14A\(d\)/)
    assert.match(text, /Supervisor of Records/)
    assert.match(text, /within 90 days/)
    const receipt = await resident.request(
      'GET',
      `/api/portal/records-requests/${filed.id}/letters/receipt`,
    )
    assert.equal(receipt.statusCode, 404, 'no receipt without a payment')
  })
})

describe('the caller proves the number with a code', () => {
  it('is eligible when the proven number made the linked call', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    await callAt(t, { date: day, time: '14:15', ani })
    const resident = await buildResident(t)
    const filed = await fileOnPortal(resident, form(day, ani))
    const sent = await resident.request(
      'POST',
      `/api/portal/records-requests/${filed.id}/number-code`,
    )
    assert.equal(sent.statusCode, 200, sent.body)
    const wrong = await resident.request(
      'POST',
      `/api/portal/records-requests/${filed.id}/number-proof`,
      { code: '000000' === (await latestProofCode(t, ani)) ? '111111' : '000000' },
    )
    assert.equal(wrong.statusCode, 400)
    assert.equal(wrong.json().error.field, 'code')
    const proven = await resident.request(
      'POST',
      `/api/portal/records-requests/${filed.id}/number-proof`,
      { code: await latestProofCode(t, ani) },
    )
    assert.equal(proven.statusCode, 200, proven.body)
    const view = proven.json<PortalRecordsRequest>()
    assert.equal(view.eligibility, 'eligible')
    assert.equal(view.callFound, true)
    assert.ok(view.numberProvenAt)
    assert.equal(view.status, 'awaiting_payment')
    assert.equal(view.deadlines.state, 'met')
    assert.equal((await asClerk(filed.id)).eligibilityMethod, 'caller_code')
  })

  it('stays pending with a note when the proven number is not the one that made the call', async () => {
    const day = pastDay(t)
    const callingNumber = freshNumber()
    const call = await callAt(t, { date: day, time: '14:20', ani: freshNumber() })
    const resident = await buildResident(t)
    const filed = await fileOnPortal(resident, form(day, callingNumber))
    await resident.request('POST', `/api/portal/records-requests/${filed.id}/number-code`)
    const proven = await resident.request(
      'POST',
      `/api/portal/records-requests/${filed.id}/number-proof`,
      { code: await latestProofCode(t, callingNumber) },
    )
    assert.equal(proven.json<PortalRecordsRequest>().eligibility, 'pending')
    // Proven before a call is linked: decided when the clerk links it.
    const linked = await clerk.request('POST', `/api/records-requests/${filed.id}/call`, {
      callId: call.id,
    })
    assert.equal(linked.statusCode, 200, linked.body)
    const view = linked.json<RecordsRequest>()
    assert.equal(view.eligibility, 'pending')
    assert.equal(view.eligibilityNote, WRONG_NUMBER_NOTE)
    assert.equal(view.call?.id, call.id)
  })

  it('answers the code request the same way whether or not a call exists', async () => {
    const day = pastDay(t)
    const withCall = freshNumber()
    const withoutCall = freshNumber()
    await callAt(t, { date: day, time: '14:12', ani: withCall })
    const resident = await buildResident(t)
    const answers = []
    for (const number of [withCall, withoutCall]) {
      const filed = await fileOnPortal(resident, form(day, number))
      const sent = await resident.request(
        'POST',
        `/api/portal/records-requests/${filed.id}/number-code`,
      )
      assert.equal(sent.statusCode, 200)
      const view = sent.json<PortalRecordsRequest>()
      answers.push({
        status: view.status,
        eligibility: view.eligibility,
        callFound: view.callFound,
        keys: Object.keys(view).sort(),
      })
      assert.match(await latestProofCode(t, number), /^\d{6}$/)
    }
    assert.deepEqual(answers[0], answers[1])
  })
})

describe('the clerk decides', () => {
  it('finds a caller eligible on an ID check, noting only the last 4 characters', async () => {
    const day = pastDay(t)
    const filed = await fileOnPaper(clerk, paperForm(day, freshNumber()))
    const checked = await clerk.request('POST', `/api/records-requests/${filed.id}/id-check`, {
      document: 'drivers_license',
      documentLast4: '1234',
      note: 'came to the window',
    })
    assert.equal(checked.statusCode, 200, checked.body)
    const view = checked.json<RecordsRequest>()
    assert.equal(view.eligibility, 'eligible')
    assert.equal(view.eligibilityMethod, 'clerk_id_check')
    assert.match(view.eligibilityNote ?? '', /ending 1234/)
    assert.equal(view.source, 'paper')
    assert.ok(view.deadlines.respondedAt)
    const audit = (await auditRows(t, 'records_request.eligible')).filter(
      (row) => row.subject_id === filed.id,
    )
    assert.equal(audit.length, 1)
    const again = await clerk.request('POST', `/api/records-requests/${filed.id}/id-check`, {
      document: 'passport',
    })
    assert.equal(again.statusCode, 409)
  })

  it('confirms an investigator, who is not charged', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    await callAt(t, { date: day, time: '14:25', ani })
    const filed = await fileOnPaper(
      clerk,
      paperForm(day, ani, {
        requesterType: 'investigator',
        investigator: {
          agency: 'Worcester Police Department',
          caseNumber: '26-1234',
          badge: '417',
          officialEmail: 'det.ruiz@worcesterma.gov',
          officialPhone: '5085550199',
        },
      }),
    )
    assert.equal(filed.investigator?.badge, '417')
    const idCheck = await clerk.request('POST', `/api/records-requests/${filed.id}/id-check`, {
      document: 'state_id',
    })
    assert.equal(idCheck.statusCode, 409)
    assert.equal(idCheck.json().error.field, 'requesterType')
    const confirmed = await clerk.request(
      'POST',
      `/api/records-requests/${filed.id}/investigator-confirmation`,
      { contactedVia: 'called the detective bureau at its listed number' },
    )
    assert.equal(confirmed.statusCode, 200, confirmed.body)
    const view = confirmed.json<RecordsRequest>()
    assert.equal(view.eligibilityMethod, 'investigator_confirmed')
    assert.equal(view.fee.waived, 'investigator')
    assert.equal(view.fee.dueCents, 0)
    assert.equal(view.status, 'ready_to_release')
  })

  it('refuses with a reason; no decision follows a refusal', async () => {
    const filed = await fileOnPaper(clerk, paperForm(pastDay(t), freshNumber()))
    const refused = await clerk.request('POST', `/api/records-requests/${filed.id}/refusal`, {
      reason: 'The requester could not show they made the call.',
    })
    assert.equal(refused.statusCode, 200)
    assert.equal(refused.json<RecordsRequest>().status, 'refused')
    assert.deepEqual(refused.json<RecordsRequest>().letters, ['refusal'])
    const letter = await clerk.request('GET', `/api/records-requests/${filed.id}/letters/refusal`)
    assert.match(pdfText(letter.rawPayload), /could not show they made the call/)
    const late = await clerk.request('POST', `/api/records-requests/${filed.id}/id-check`, {
      document: 'passport',
    })
    assert.equal(late.statusCode, 409)
    assert.equal(late.json().error.field, 'status')
  })
})

describe('candidates', () => {
  it('ranks calls by number, time and place, best first, and counts recordings', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    const best = await callAt(t, {
      date: day,
      time: '14:20',
      ani,
      location: '100 Main St, Worcester',
    })
    await recordingOf(t, best.id)
    const samePlace = await callAt(t, {
      date: day,
      time: '14:18',
      ani: freshNumber(),
      location: '100 Main St, Worcester',
    })
    const elsewhere = await callAt(t, {
      date: day,
      time: '14:22',
      ani: freshNumber(),
      location: '5 Park Ave, Worcester',
    })
    const inSlack = await callAt(t, {
      date: day,
      time: '14:40',
      ani: freshNumber(),
      location: '5 Park Ave, Worcester',
    })
    const tooLate = await callAt(t, { date: day, time: '15:10', ani: freshNumber() })
    const filed = await fileOnPaper(clerk, paperForm(day, ani))
    const response = await clerk.request('GET', `/api/records-requests/${filed.id}/candidates`)
    assert.equal(response.statusCode, 200, response.body)
    const candidates = response.json<CandidateCall[]>()
    assert.deepEqual(
      candidates.map((c) => c.callId),
      [best.id, samePlace.id, elsewhere.id, inSlack.id],
    )
    assert.ok(!candidates.some((c) => c.callId === tooLate.id))
    assert.deepEqual(
      candidates.map((c) => c.numberMatches),
      [true, false, false, false],
    )
    assert.equal(candidates[0]!.recordingCount, 1)
    assert.equal(candidates[0]!.score, 1)
    assert.equal(candidates[0]!.locationText, '100 Main St, Worcester')
    assert.ok(candidates[2]!.score > candidates[3]!.score)
    assert.equal(filed.call?.id, best.id, 'the one number match was linked at filing')
  })
})

describe('one open request per call and requester', () => {
  it('answers 409 naming callId to a second request for the same call, until refused', async () => {
    const day = pastDay(t)
    const ani = freshNumber()
    const call = await callAt(t, { date: day, time: '14:20', ani })
    const resident = await buildResident(t)
    const first = await fileOnPortal(resident, form(day, ani))
    const second = await resident.request('POST', '/api/portal/records-requests', form(day, ani))
    assert.equal(second.statusCode, 409)
    assert.equal(second.json().error.field, 'callId')
    // Someone else may ask for the same call.
    await fileOnPortal(await buildResident(t), form(day, ani))
    await clerk.request('POST', `/api/records-requests/${first.id}/refusal`, {
      reason: 'Could not confirm the caller.',
    })
    await fileOnPortal(resident, form(day, ani))

    const paper = paperForm(day, freshNumber())
    const a = await fileOnPaper(clerk, paper)
    const b = await fileOnPaper(clerk, paper)
    const linkA = await clerk.request('POST', `/api/records-requests/${a.id}/call`, {
      callId: call.id,
    })
    assert.equal(linkA.statusCode, 200)
    const linkB = await clerk.request('POST', `/api/records-requests/${b.id}/call`, {
      callId: call.id,
    })
    assert.equal(linkB.statusCode, 409)
    assert.equal(linkB.json().error.field, 'callId')
  })
})

describe('who sees what', () => {
  it("answers 404 to a resident asking for another's request", async () => {
    const owner = await buildResident(t)
    const filed = await fileOnPortal(owner, form(pastDay(t), freshNumber()))
    const other = await buildResident(t)
    for (const [method, url] of [
      ['GET', `/api/portal/records-requests/${filed.id}`],
      ['GET', `/api/portal/records-requests/${filed.id}/letters/refusal`],
      ['POST', `/api/portal/records-requests/${filed.id}/number-code`],
    ] as const) {
      const response = await other.request(method, url)
      assert.equal(response.statusCode, 404, `${method} ${url}`)
    }
    const mine = await other.request('GET', '/api/portal/records-requests')
    assert.deepEqual(mine.json(), [])
    const own = await owner.request('GET', '/api/portal/records-requests')
    assert.deepEqual(
      own.json<PortalRecordsRequest[]>().map((r) => r.id),
      [filed.id],
    )
  })

  it('refuses the clerk routes to a call taker, and audits the refusal', async () => {
    const calltaker = await staffWith(t, ['call_taker'])
    const filed = await fileOnPaper(clerk, paperForm(pastDay(t), freshNumber()))
    for (const [method, url] of [
      ['GET', '/api/records-requests'],
      ['GET', `/api/records-requests/${filed.id}`],
      ['GET', `/api/records-requests/${filed.id}/candidates`],
      ['GET', '/api/records-holidays?year=2026'],
    ] as const) {
      const response = await calltaker.request(method, url)
      assert.equal(response.statusCode, 403, `${method} ${url}`)
    }
    const denied = (await auditRows(t, 'access.denied')).filter(
      (row) => row.user_id === calltaker.userId,
    )
    assert.equal(denied.length, 4)
    assert.equal(denied[0]!.subject_id, 'GET /api/records-requests')
  })

  it("lists the clerk's queue soonest deadline first, open or closed", async () => {
    const early = await fileOnPaper(
      clerk,
      paperForm(pastDay(t), freshNumber(), { receivedOn: pastDay(t) }),
    )
    const queue = await clerk.request('GET', '/api/records-requests')
    const open = queue.json<RecordsRequest[]>()
    const dues = open.map((r) => r.deadlines.responseDueAt)
    assert.deepEqual(dues, [...dues].sort())
    assert.ok(open.some((r) => r.id === early.id))
    assert.ok(open.every((r) => r.status !== 'refused'))
    const closed = (await clerk.request('GET', '/api/records-requests?state=closed')).json<
      RecordsRequest[]
    >()
    assert.ok(closed.length > 0 && closed.every((r) => r.status === 'refused'))
  })
})
