import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import type {
  DisabilityIndicator,
  DisabilityRequest,
  DisabilityRequestFormInput,
  ResidentDisabilityRequest,
} from '@common/api/disability-registry.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, buildAgency, staffWith } from '../../test/factories.ts'
import { buildResident } from '../../test/residents.ts'
import { addressFixture } from '../geography/address-fixture.ts'
import { writeAddressLayers } from '../geography/address-fixture.db.ts'

let t: TestPlatform
let worcester: { id: string }
let holden: { id: string }
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, addressFixture())
  worcester = await buildAgency(t, { code: 'WPD', kind: 'police', town: 'Worcester' })
  holden = await buildAgency(t, { code: 'HPD', kind: 'police', town: 'Holden' })
})
after(() => t.close())

const form = (overrides: Partial<DisabilityRequestFormInput> = {}): DisabilityRequestFormInput => ({
  personName: 'Maria Lopez',
  address: {
    houseNumber: '2',
    street: 'Coppage',
    streetType: 'Dr',
    unit: 'Apt 3',
    town: 'Worcester',
  },
  kinds: ['tty', 'mobility'],
  note: 'Deaf, uses a TTY; wheelchair, bedroom on the 2nd floor',
  contactPhone: '(508) 555-0101',
  ...overrides,
})

const coordinator = (agencyId: string | null) =>
  staffWith(t, ['disability_coordinator'], { agencyId })

const indicatorRow = (id: string) =>
  t.db
    .selectFrom('disability_indicators')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

/** A resident's request, filed through the portal. */
async function filed(overrides: Partial<DisabilityRequestFormInput> = {}) {
  const resident = await buildResident(t)
  const response = await resident.request(
    'POST',
    '/api/portal/disability-requests',
    form(overrides),
  )
  assert.equal(response.statusCode, 201, response.body)
  return { resident, request: response.json<ResidentDisabilityRequest>() }
}

describe('POST /api/portal/disability-requests', () => {
  it('answers 401 without a portal session, and 400 naming a missing field', async () => {
    const anonymous = await t.request('POST', '/api/portal/disability-requests', form())
    assert.equal(anonymous.statusCode, 401)
    const resident = await buildResident(t)
    const noKinds = await resident.request('POST', '/api/portal/disability-requests', {
      ...form(),
      kinds: [],
    })
    assert.equal(noKinds.statusCode, 400)
    assert.equal(noKinds.json().error.field, 'kinds')
    const noUnitTown = await resident.request('POST', '/api/portal/disability-requests', {
      ...form(),
      address: { street: 'Coppage' },
    })
    assert.equal(noUnitTown.statusCode, 400)
    assert.equal(noUnitTown.json().error.field, 'address.town')
  })

  it('files the request for review; the resident sees it and its status, in E.164', async () => {
    const { resident, request } = await filed()
    assert.equal(request.status, 'filed')
    assert.equal(request.contactPhone, '+15085550101')
    assert.equal(request.address.unit, 'Apt 3')
    const mine = await resident.request('GET', '/api/portal/disability-requests')
    assert.equal(mine.statusCode, 200)
    assert.deepEqual(
      mine.json<ResidentDisabilityRequest[]>().map((r) => r.id),
      [request.id],
    )
    const other = await buildResident(t)
    const theirs = await other.request('GET', '/api/portal/disability-requests')
    assert.deepEqual(theirs.json(), [])
    const [audit] = (await auditRows(t, 'disability_request.filed')).filter(
      (row) => row.subject_id === request.id,
    )
    assert.ok(audit)
  })
})

describe('the coordinator review: return or enter', () => {
  it('refuses staff without the coordinator role with 403 (audited)', async () => {
    const calltaker = await staffWith(t, ['call_taker'], { agencyId: worcester.id })
    const response = await calltaker.request('GET', '/api/disability-requests')
    assert.equal(response.statusCode, 403)
  })

  it('returns an incomplete request with the reason the resident sees; it cannot then be entered', async () => {
    const { resident, request } = await filed({ note: '' })
    const worcesterCoordinator = await coordinator(worcester.id)
    const queue = await worcesterCoordinator.request('GET', '/api/disability-requests?status=filed')
    assert.equal(queue.statusCode, 200)
    assert.ok(queue.json<DisabilityRequest[]>().some((r) => r.id === request.id))

    const noReason = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/return`,
      {},
    )
    assert.equal(noReason.statusCode, 400)
    assert.equal(noReason.json().error.field, 'reason')
    const returned = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/return`,
      { reason: 'The form needs the signature page' },
    )
    assert.equal(returned.statusCode, 200, returned.body)
    assert.equal(returned.json<DisabilityRequest>().status, 'returned')

    const seen = (await resident.request('GET', '/api/portal/disability-requests')).json<
      ResidentDisabilityRequest[]
    >()
    assert.equal(seen[0]?.status, 'returned')
    assert.equal(seen[0]?.returnReason, 'The form needs the signature page')

    const late = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/enter`,
      {},
    )
    assert.equal(late.statusCode, 409)
    assert.equal(late.json().error.code, 'disability_request_decided')
    const indicators = await t.db
      .selectFrom('disability_indicators')
      .select('id')
      .where('request_id', '=', request.id)
      .execute()
    assert.equal(indicators.length, 0)
  })

  it('enters a request at the verified address with the unit, and audits the entry', async () => {
    const { resident, request } = await filed({
      address: { houseNumber: '2', street: 'coppage drive', unit: '#3', town: 'worcester' },
    })
    const worcesterCoordinator = await coordinator(worcester.id)
    const entered = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/enter`,
      {},
    )
    assert.equal(entered.statusCode, 200, entered.body)
    const decided = entered.json<DisabilityRequest>()
    assert.equal(decided.status, 'entered')
    assert.ok(decided.indicatorId)
    const row = await indicatorRow(decided.indicatorId)
    assert.equal(row.address_key, '2 COPPAGE DR|WORCESTER')
    assert.equal(row.unit_key, '3')
    assert.equal(row.is_active, true)
    assert.equal(row.override_reason, null)
    assert.deepEqual(row.kinds, ['tty', 'mobility'])
    const audit = (await auditRows(t, 'disability_request.entered')).find(
      (a) => a.subject_id === request.id,
    )
    assert.equal(audit?.user_id, worcesterCoordinator.userId)
    const seen = (await resident.request('GET', '/api/portal/disability-requests')).json<
      ResidentDisabilityRequest[]
    >()
    assert.equal(seen[0]?.status, 'entered')
  })

  it('needs an override reason for an address that does not verify', async () => {
    const { request } = await filed({
      address: { houseNumber: '77', street: 'Imaginary', streetType: 'Way', town: 'Worcester' },
    })
    const worcesterCoordinator = await coordinator(worcester.id)
    const refused = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/enter`,
      {},
    )
    assert.equal(refused.statusCode, 400, refused.body)
    assert.equal(refused.json().error.field, 'overrideReason')
    const entered = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/enter`,
      { overrideReason: 'New building, not yet in the address points' },
    )
    assert.equal(entered.statusCode, 200, entered.body)
    const row = await indicatorRow(entered.json<DisabilityRequest>().indicatorId!)
    assert.equal(row.override_reason, 'New building, not yet in the address points')
    assert.equal(row.address_key, '77 IMAGINARY WAY|WORCESTER')
  })

  it('deactivates the old indicator on a move to a new unit, and keeps it with the reason', async () => {
    const worcesterCoordinator = await coordinator(worcester.id)
    const enter = async (unit: string, phone = '508-555-0177') => {
      const { request } = await filed({
        personName: 'Joe Moved',
        contactPhone: phone,
        address: { houseNumber: '2', street: 'Coppage', streetType: 'Dr', unit, town: 'Worcester' },
      })
      const response = await worcesterCoordinator.request(
        'POST',
        `/api/disability-requests/${request.id}/enter`,
        {},
      )
      assert.equal(response.statusCode, 200, response.body)
      return response.json<DisabilityRequest>().indicatorId!
    }
    const first = await enter('Apt 3')
    const second = await enter('Apt 4')
    const old = await indicatorRow(first)
    assert.equal(old.is_active, false)
    assert.match(old.deactivated_reason ?? '', /moved to another unit/)
    assert.equal((await indicatorRow(second)).is_active, true)

    // A changed phone at the same unit replaces it too.
    const third = await enter('Unit 4', '508-555-0178')
    const replaced = await indicatorRow(second)
    assert.equal(replaced.is_active, false)
    assert.match(replaced.deactivated_reason ?? '', /phone changed/)
    assert.equal((await indicatorRow(third)).is_active, true)

    // Someone else of the household at the same unit and phone stays.
    const { request } = await filed({
      personName: 'Ana Moved',
      contactPhone: '508-555-0178',
      address: {
        houseNumber: '2',
        street: 'Coppage',
        streetType: 'Dr',
        unit: '4',
        town: 'Worcester',
      },
    })
    await worcesterCoordinator.request('POST', `/api/disability-requests/${request.id}/enter`, {})
    assert.equal((await indicatorRow(third)).is_active, true)

    const all = await worcesterCoordinator.request(
      'GET',
      '/api/disability-indicators?includeInactive=true',
    )
    const ids = all.json<DisabilityIndicator[]>().map((i) => i.id)
    assert.ok(ids.includes(first) && ids.includes(second) && ids.includes(third))
    const active = await worcesterCoordinator.request('GET', '/api/disability-indicators')
    assert.ok(!active.json<DisabilityIndicator[]>().some((i) => i.id === first))
  })

  it('takes a paper form from the coordinator for their own town only', async () => {
    const worcesterCoordinator = await coordinator(worcester.id)
    const paper = await worcesterCoordinator.request('POST', '/api/disability-requests', form())
    assert.equal(paper.statusCode, 201, paper.body)
    assert.equal(paper.json<DisabilityRequest>().source, 'paper')
    assert.equal(paper.json<DisabilityRequest>().residentAccountId, null)
    const elsewhere = await worcesterCoordinator.request(
      'POST',
      '/api/disability-requests',
      form({ address: { houseNumber: '12', street: 'Main', streetType: 'St', town: 'Holden' } }),
    )
    assert.equal(elsewhere.statusCode, 400)
    assert.equal(elsewhere.json().error.field, 'address.town')
  })
})

describe('coordinators see only their own town', () => {
  it('answers another town 404 and empty lists, and audits every read and refusal', async () => {
    const { request } = await filed()
    const worcesterCoordinator = await coordinator(worcester.id)
    const entered = await worcesterCoordinator.request(
      'POST',
      `/api/disability-requests/${request.id}/enter`,
      {},
    )
    const indicatorId = entered.json<DisabilityRequest>().indicatorId!

    const holdenCoordinator = await coordinator(holden.id)
    const nobody = await coordinator(null)
    for (const other of [holdenCoordinator, nobody]) {
      const detail = await other.request('GET', `/api/disability-requests/${request.id}`)
      assert.equal(detail.statusCode, 404)
      assert.equal(detail.json().error.code, 'disability_request_not_found')
      const indicator = await other.request('GET', `/api/disability-indicators/${indicatorId}`)
      assert.equal(indicator.statusCode, 404)
      const unknown = await other.request(
        'GET',
        '/api/disability-indicators/00000000-0000-4000-8000-000000000000',
      )
      assert.deepEqual(unknown.json(), indicator.json(), 'another town looks like none')
      const reverify = await other.request(
        'POST',
        `/api/disability-indicators/${indicatorId}/reverify`,
      )
      assert.equal(reverify.statusCode, 404)
      for (const url of [
        '/api/disability-requests?status=entered',
        '/api/disability-indicators?includeInactive=true',
        '/api/disability-indicators/reverification',
      ]) {
        const list = await other.request('GET', url)
        assert.equal(list.statusCode, 200, url)
        assert.deepEqual(list.json(), [], url)
      }
    }
    const denials = (await auditRows(t, 'disability_indicator.read')).filter(
      (a) => a.subject_id === indicatorId && a.outcome === 'denied',
    )
    assert.deepEqual(
      denials.map((a) => [a.user_id, JSON.parse(JSON.stringify(a.details)).reason]),
      [
        [holdenCoordinator.userId, 'other_town'],
        [nobody.userId, 'no_town'],
      ],
    )
    const lists = (await auditRows(t, 'disability_indicator.listed')).filter(
      (a) => a.user_id === holdenCoordinator.userId,
    )
    assert.equal(lists.length, 1)

    const own = await worcesterCoordinator.request(
      'GET',
      `/api/disability-indicators/${indicatorId}`,
    )
    assert.equal(own.statusCode, 200)
    const reads = (await auditRows(t, 'disability_indicator.read')).filter(
      (a) => a.subject_id === indicatorId && a.outcome === 'success',
    )
    assert.deepEqual(
      reads.map((a) => a.user_id),
      [worcesterCoordinator.userId],
    )
  })
})

describe('GET /api/disability-indicators/reverification', () => {
  it('flags entries not re-verified within the period, never drops them, in CSV and PDF', async () => {
    const town = await buildAgency(t, { code: 'WFD', kind: 'fire', town: 'Worcester' })
    const worcesterCoordinator = await coordinator(town.id)
    const enter = async (personName: string, unit: string) => {
      const { request } = await filed({
        personName,
        contactPhone: `508-555-${String(Math.floor(1000 + Math.random() * 8999))}`,
        note: `Note for ${personName}, "quoted"`,
        address: { houseNumber: '4', street: 'Coppage', streetType: 'Dr', unit, town: 'Worcester' },
      })
      const response = await worcesterCoordinator.request(
        'POST',
        `/api/disability-requests/${request.id}/enter`,
        {},
      )
      return response.json<DisabilityRequest>().indicatorId!
    }
    const stale = await enter('Stale Person', '1')
    const fresh = await enter('Fresh Person', '2')
    // Entered long ago (a moved clock would end the coordinator's session): 400 and 200 days.
    const daysAgo = (days: number) => new Date(t.clock.now().getTime() - days * 86_400_000)
    await t.db
      .updateTable('disability_indicators')
      .set({ last_verified_at: daysAgo(400), created_at: daysAgo(400) } as never)
      .where('id', '=', stale)
      .execute()
    await t.db
      .updateTable('disability_indicators')
      .set({ last_verified_at: daysAgo(200) })
      .where('id', '=', fresh)
      .execute()

    const json = await worcesterCoordinator.request(
      'GET',
      '/api/disability-indicators/reverification',
    )
    const entries = json.json<DisabilityIndicator[]>()
    assert.equal(entries.find((e) => e.id === stale)?.reverificationDue, true)
    assert.equal(entries.find((e) => e.id === fresh)?.reverificationDue, false)

    const csv = await worcesterCoordinator.request(
      'GET',
      '/api/disability-indicators/reverification?format=csv',
    )
    assert.equal(csv.statusCode, 200)
    assert.match(String(csv.headers['content-type']), /^text\/csv/)
    const lines = csv.body.trimEnd().split('\r\n')
    assert.equal(
      lines[0],
      'Status,Person,Address,Unit,Kinds,Note,Contact phone,Entered,Last verified,Indicator id',
    )
    const staleLine = lines.find((line) => line.endsWith(stale))
    assert.match(
      staleLine ?? '',
      /^DUE,Stale Person,"4 Coppage Dr Apt 1, Worcester",1,TTY user; Mobility,"Note for Stale Person, ""quoted""",\+1508555\d{4},/i,
    )
    assert.match(lines.find((line) => line.endsWith(fresh)) ?? '', /^ok,Fresh Person,/)

    const pdf = await worcesterCoordinator.request(
      'GET',
      '/api/disability-indicators/reverification?format=pdf',
    )
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: pdf.rawPayload,
    }).toString('utf8')
    assert.match(text, /Disability indicator re-verification list: Worcester/)
    assert.match(text, /DUE\s+Stale Person/)
    assert.match(text, /ok\s+Fresh Person/)
    assert.match(text, /Page 1 of 1/)

    // Re-verified: no longer flagged.
    const reverified = await worcesterCoordinator.request(
      'POST',
      `/api/disability-indicators/${stale}/reverify`,
    )
    assert.equal(reverified.statusCode, 200, reverified.body)
    assert.equal(reverified.json<DisabilityIndicator>().reverificationDue, false)

    const listed = (await auditRows(t, 'disability_indicator.reverification_list')).filter(
      (a) => a.user_id === worcesterCoordinator.userId,
    )
    assert.deepEqual(
      listed.map((a) => JSON.parse(JSON.stringify(a.details)).format),
      ['json', 'csv', 'pdf'],
    )
  })
})
