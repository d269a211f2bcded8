/** One record of a CSV file, with the file line it starts on (the header is line 1). */
export interface CsvRecord {
  line: number
  values: string[]
}

export interface CsvFile {
  header: string[]
  records: CsvRecord[]
}

export class CsvSyntaxError extends Error {}

/**
 * Parses RFC 4180 CSV: comma separated, fields in double quotes may hold commas, quotes ("")
 * and line breaks. Blank lines are skipped. A record's line is where it starts, so a reject
 * names the line an editor shows. Throws CsvSyntaxError when a quote is never closed.
 */
export function parseCsv(text: string): CsvFile {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: CsvRecord[] = []
  let line = 1
  let i = 0
  const n = source.length
  while (i < n) {
    const startLine = line
    const values: string[] = []
    let atEnd = false
    while (!atEnd) {
      let value = ''
      if (source[i] === '"') {
        i++
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(`line ${startLine}: a quoted field is never closed`)
          const quote = source.indexOf('"', i)
          if (quote < 0) {
            throw new CsvSyntaxError(`line ${startLine}: a quoted field is never closed`)
          }
          const chunk = source.slice(i, quote)
          line += countNewlines(chunk)
          value += chunk
          i = quote + 1
          if (source[i] === '"') {
            value += '"'
            i++
          } else {
            break
          }
        }
        // Text after the closing quote ("ab"c) is kept, as spreadsheets do.
        const rest = nextDelimiter(source, i)
        value += source.slice(i, rest)
        i = rest
      } else {
        const end = nextDelimiter(source, i)
        value = source.slice(i, end)
        i = end
      }
      values.push(value)
      if (source[i] === ',') {
        i++
      } else {
        if (source[i] === '\r') i++
        if (source[i] === '\n') i++
        line++
        atEnd = true
      }
    }
    if (values.length === 1 && values[0]!.trim() === '') continue
    records.push({ line: startLine, values })
  }
  const [first, ...rest] = records
  if (!first) throw new CsvSyntaxError('the file is empty: no header line')
  return { header: first.values.map((name) => name.trim()), records: rest }
}

function nextDelimiter(source: string, from: number): number {
  let i = from
  while (i < source.length) {
    const c = source.charCodeAt(i)
    if (c === 44 || c === 10 || c === 13) return i
    i++
  }
  return i
}

function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++
  return count
}
