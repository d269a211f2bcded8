import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCsv } from './list-csv.ts'
import { checkListRows } from './list-rows.ts'

describe(parseCsv.name, () => {
  it('reads quoted cells with commas, quotes and line breaks, numbering records by line', () => {
    const parsed = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n')
    assert.deepEqual(parsed, {
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 4, cells: ['two\nlines', 'z'] },
      ],
    })
  })

  it('reports a quote left open', () => {
    assert.deepEqual(parseCsv('a,b\n"open,x\n'), {
      error: 'a quote opened on line 2 is never closed',
    })
  })
})

describe(checkListRows.name, () => {
  const rows = (text: string, kind: 'emergency_only' | 'test' = 'emergency_only') => {
    const parsed = parseCsv(text)
    assert.ok('records' in parsed)
    return checkListRows(parsed.records, kind)
  }

  it('needs phone, address and town and knows no other columns than name, channel, language', () => {
    assert.deepEqual(rows('phone,address\n1,2'), { error: 'the header has no "town" column' })
    assert.match((rows('phone,address,town,zip\n') as { error: string }).error, /"zip"/)
    assert.deepEqual(rows('Phone, Address ,TOWN'), { error: 'no rows under the header' })
  })

  it('defaults the channel by kind and the language to English, and rejects short rows', () => {
    const result = rows('phone,address,town\n5085550100,1 Main St,Worcester\n5085550101,x', 'test')
    assert.ok('rows' in result)
    assert.deepEqual(
      result.rows.map((r) => [r.phone, r.channel, r.language, r.name]),
      [['+15085550100', 'sms', 'en', null]],
    )
    assert.deepEqual(result.rejected, [
      { line: 3, field: 'row', message: '2 values where the header has 3' },
    ])
  })
})
