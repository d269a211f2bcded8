import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CsvSyntaxError, parseCsv } from './csv.ts'

describe(parseCsv.name, () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, naming start lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",3\r\n\r\n"multi\nline","say ""hi""",\n4,5,6'
    assert.deepEqual(parseCsv(text), {
      header: ['a', 'b', 'c'],
      records: [
        { line: 2, values: ['1', 'x, y', '3'] },
        { line: 4, values: ['multi\nline', 'say "hi"', ''] },
        { line: 6, values: ['4', '5', '6'] },
      ],
    })
  })

  it('keeps short rows short, so the importer can refuse them', () => {
    assert.deepEqual(parseCsv('a,b\n1\n').records, [{ line: 2, values: ['1'] }])
  })

  it('throws on a quote that is never closed, naming its line', () => {
    assert.throws(() => parseCsv('a,b\n1,2\n3,"open\n'), CsvSyntaxError)
    assert.throws(() => parseCsv('a,b\n1,2\n3,"open\n'), /line 3/)
  })

  it('throws on an empty file', () => {
    assert.throws(() => parseCsv('\n\n'), /empty/)
  })
})
