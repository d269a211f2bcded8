/** One record of a CSV file, with the line of the file it starts on (the header is line 1). */
export interface CsvRecord {
  line: number
  cells: string[]
}

/**
 * Reads CSV text as RFC 4180 writes it: commas, double quotes around a cell that holds commas,
 * quotes ("" inside) or line breaks, CRLF or LF line ends. Blank lines are skipped. Returns an
 * error message instead of records when a quote is left open.
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { error: string } {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ line: recordLine, cells })
    cells = []
    cell = ''
  }
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      cell += ch
    }
  }
  if (quoted) return { error: `a quote opened on line ${recordLine} is never closed` }
  if (cell !== '' || cells.length > 0) endRecord()
  return { records }
}
