import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { AlertListImportResult, AlertListView } from '@common/api/alert-subscribers.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { auditRows, staffWith } from '../../test/factories.ts'
import { addressFixture } from '../geography/address-fixture.ts'
import { writeAddressLayers } from '../geography/address-fixture.db.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
  await writeAddressLayers(t.db, addressFixture())
})
after(() => t.close())

const CSV = [
  'phone,address,town,name,channel,language',
  '508-555-0401,12 Main St,Worcester,Ana Rivera,,es',
  '(508) 555-0402,2 Copage Dr,Worcester,Typo Street,,',
  '5085550403,"14 Main St",Worcester,"Lee, Sam",sms,',
  '12345,12 Main St,Worcester,Bad Phone,,',
  '5085550404,4 Coppage Dr,Worcester,Bad Channel,pager,',
  '5085550401,6 Cottage St,Worcester,Twice,voice,',
  '5085550405,3 Front St,Worcester,Bad Language,,xx',
].join('\r\n')

const countOf = async (table: 'alert_lists' | 'alert_subscribers') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('POST /api/alert-lists', () => {
  it('answers 401 without a session and 403 (audited) to a non-administrator', async () => {
    const body = { name: 'Listings', kind: 'emergency_only', csv: CSV }
    assert.equal((await t.request('POST', '/api/alert-lists', body)).statusCode, 401)
    const operator = await staffWith(t, ['alert_operator'])
    const denied = await operator.request('POST', '/api/alert-lists', body)
    assert.equal(denied.statusCode, 403)
    const audit = await auditRows(t, 'access.denied')
    assert.ok(audit.some((a) => a.subject_id === 'POST /api/alert-lists'))
    assert.equal(await countOf('alert_lists'), 0)
  })

  it('answers 400 naming the field for a bad kind or a bad header, writing nothing', async () => {
    const admin = await staffWith(t, ['administrator'])
    const kind = await admin.request('POST', '/api/alert-lists', {
      name: 'Listings',
      kind: 'everyone',
      csv: CSV,
    })
    assert.equal(kind.statusCode, 400)
    assert.equal(kind.json().error.field, 'kind')
    const header = await admin.request('POST', '/api/alert-lists', {
      name: 'Listings',
      kind: 'emergency_only',
      csv: 'phone,street,town\n5085550401,12 Main St,Worcester',
    })
    assert.equal(header.statusCode, 400)
    assert.equal(header.json().error.field, 'csv')
    assert.match(header.json().error.message, /street/)
    assert.equal(await countOf('alert_lists'), 0)
    assert.equal(await countOf('alert_subscribers'), 0)
  })

  it('imports the good rows as emergency-only subscribers and reports the bad ones', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/alert-lists', {
      name: 'Phone company listings 2026',
      kind: 'emergency_only',
      source: 'Verizon white pages',
      csv: CSV,
    })
    assert.equal(response.statusCode, 201, response.body)
    const result = response.json<AlertListImportResult>()
    assert.equal(result.imported, 2)
    assert.deepEqual(
      result.rejected.map((r) => [r.line, r.field]),
      [
        [3, 'address'],
        [5, 'phone'],
        [6, 'channel'],
        [7, 'phone'],
        [8, 'language'],
      ],
    )
    assert.match(result.rejected[0]!.message, /2 Coppage Dr, Worcester/)
    const rows = await t.db
      .selectFrom('alert_subscribers as s')
      .innerJoin('alert_contacts as c', 'c.subscriber_id', 's.id')
      .innerJoin('alert_subscriber_addresses as a', 'a.subscriber_id', 's.id')
      .select([
        's.audience',
        's.display_name',
        's.language',
        's.account_id',
        's.unsubscribe_token',
        'c.channel',
        'c.address',
        'c.confirmed_at',
        'a.label',
      ])
      .where('s.list_id', '=', result.listId)
      .orderBy('c.address')
      .execute()
    assert.deepEqual(
      rows.map((r) => [r.audience, r.display_name, r.language, r.channel, r.address, r.label]),
      [
        ['emergency_only', 'Ana Rivera', 'es', 'voice', '+15085550401', '12 Main St, Worcester'],
        ['emergency_only', 'Lee, Sam', 'en', 'sms', '+15085550403', '14 Main St, Worcester'],
      ],
    )
    assert.ok(rows.every((r) => r.confirmed_at !== null && r.account_id === null))
    assert.ok(rows.every((r) => /^[A-Za-z0-9_-]{43}$/.test(r.unsubscribe_token)))
    const audit = await auditRows(t, 'alert_list.imported')
    assert.ok(audit.some((a) => a.subject_id === result.listId))
  })

  it('reaches the test list by text unless the row says otherwise', async () => {
    const admin = await staffWith(t, ['administrator'])
    const response = await admin.request('POST', '/api/alert-lists', {
      name: 'Staff devices',
      kind: 'test',
      csv: 'phone,address,town\n5085550501,3 Front St,Worcester\n',
    })
    assert.equal(response.statusCode, 201, response.body)
    const result = response.json<AlertListImportResult>()
    const row = await t.db
      .selectFrom('alert_subscribers as s')
      .innerJoin('alert_contacts as c', 'c.subscriber_id', 's.id')
      .select(['s.audience', 'c.channel'])
      .where('s.list_id', '=', result.listId)
      .executeTakeFirstOrThrow()
    assert.deepEqual([row.audience, row.channel], ['test', 'sms'])
  })
})

describe('GET and DELETE /api/alert-lists', () => {
  it('lists, then retires a list: its subscribers are unsubscribed; audited', async () => {
    const admin = await staffWith(t, ['administrator'])
    const imported = (
      await admin.request('POST', '/api/alert-lists', {
        name: 'To retire',
        kind: 'emergency_only',
        csv: 'phone,address,town\n5085550601,12 Main St,Worcester\n5085550602,14 Main St,Worcester',
      })
    ).json<AlertListImportResult>()
    const operator = await staffWith(t, ['alert_operator'])
    const listed = (await operator.request('GET', '/api/alert-lists')).json<AlertListView[]>()
    const mine = listed.find((l) => l.id === imported.listId)
    assert.deepEqual(
      [mine?.name, mine?.kind, mine?.rowCount, mine?.activeCount, mine?.retiredAt],
      ['To retire', 'emergency_only', 2, 2, null],
    )
    const dispatcher = await staffWith(t, ['dispatcher'])
    assert.equal((await dispatcher.request('GET', '/api/alert-lists')).statusCode, 403)
    const notAdmin = await operator.request('DELETE', `/api/alert-lists/${imported.listId}`)
    assert.equal(notAdmin.statusCode, 403)

    const retired = await admin.request('DELETE', `/api/alert-lists/${imported.listId}`)
    assert.equal(retired.statusCode, 200, retired.body)
    const statuses = await t.db
      .selectFrom('alert_subscribers')
      .select('status')
      .where('list_id', '=', imported.listId)
      .execute()
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['unsubscribed', 'unsubscribed'],
    )
    const again = await admin.request('DELETE', `/api/alert-lists/${imported.listId}`)
    assert.equal(again.statusCode, 409)
    const unknown = await admin.request(
      'DELETE',
      '/api/alert-lists/00000000-0000-4000-8000-000000000000',
    )
    assert.equal(unknown.statusCode, 404)
    const audit = await auditRows(t, 'alert_list.retired')
    assert.ok(audit.some((a) => a.subject_id === imported.listId))
  })
})
