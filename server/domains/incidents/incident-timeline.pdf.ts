import PDFDocument from 'pdfkit'
import type { Incident } from '@common/api/incidents.ts'
import type { IncidentTimeline, TimelineEntry } from '@common/api/timeline.ts'
import { formatEasternTime, toWinAnsi, wrapText } from '../../documents/pdf-text.ts'

export const PLATFORM_NAME = 'Emergency Communications Center platform'

/** What the printed timeline shows besides its entries. */
export interface TimelinePdfInput {
  timeline: IncidentTimeline
  incident: Incident
  agencyName: string | null
  /** Who asked for the export, as a person and a position: `Dana Ruiz (druiz) at PD1`. */
  generatedBy: string
}

// US Letter, in points. Everything is placed by hand (no pdfkit flowing text), so no page is
// ever added behind our back and every row, header and footer lands where it is measured to.
const PAGE = { width: 612, height: 792 }
const MARGIN = 36
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN
const BODY_BOTTOM = PAGE.height - 48
const FOOTER_Y = PAGE.height - 32
const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const SIZE = 8.5
const LINE = 11
const PAD = 3
const GREY = '#555555'
const STRIPE = '#f1f3f5'
const RULE = '#9aa1a9'
/** A row split over pages leaves at least this many lines behind, so no orphan slivers. */
const MIN_SPLIT_LINES = 3

const COLUMNS = [
  { title: 'Time (Eastern)', width: 108 },
  { title: 'User', width: 88 },
  { title: 'Position', width: 64 },
  { title: 'Event', width: CONTENT_WIDTH - 108 - 88 - 64 },
] as const

type Doc = PDFKit.PDFDocument

/**
 * The incident timeline as a PDF for a records clerk or a court: a header naming the incident,
 * then one row per event with its Eastern time to the second, user, position and summary,
 * wrapped and never cut. Every page repeats the column header and carries the incident number
 * and "Page X of Y". The same input gives the same bytes: the creation date is `generatedAt`.
 */
export function renderIncidentTimelinePdf(input: TimelinePdfInput): Promise<Buffer> {
  const { timeline } = input
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: `Incident timeline ${timeline.number}`,
      Subject: `Every recorded event of incident ${timeline.number}, its calls and its units`,
      Author: toWinAnsi(input.generatedBy),
      Creator: PLATFORM_NAME,
      Producer: PLATFORM_NAME,
      CreationDate: new Date(timeline.generatedAt),
    },
  })
  const done = collect(doc)

  let y = startPage(doc, input, true)
  timeline.entries.forEach((entry, index) => {
    y = drawEntry(doc, input, entry, index, y)
  })
  drawEndMark(doc, input, y)
  drawFooters(doc, input)
  doc.end()
  return done
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

/** A new page with the header block (first page) or a running head, then the column header. */
function startPage(doc: Doc, input: TimelinePdfInput, first: boolean): number {
  doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
  let y = MARGIN
  if (first) {
    y = drawHeaderBlock(doc, input, y)
  } else {
    doc.font(BOLD).fontSize(10).fillColor('black')
    doc.text(`Incident timeline ${input.timeline.number} (continued)`, MARGIN, y, {
      lineBreak: false,
    })
    y += 18
  }
  return drawColumnHeader(doc, y)
}

function drawHeaderBlock(doc: Doc, input: TimelinePdfInput, top: number): number {
  const { incident, timeline } = input
  let y = top
  doc.font(FONT).fontSize(9).fillColor(GREY)
  doc.text(PLATFORM_NAME, MARGIN, y, { lineBreak: false })
  y += 14
  doc.font(BOLD).fontSize(18).fillColor('black')
  doc.text(`Incident timeline ${timeline.number}`, MARGIN, y, { lineBreak: false })
  y += 28

  const location = `${incident.location.text}${incident.location.isVerified ? '' : ' (unverified)'}`
  const status = `${capitalize(incident.status)}${incident.disposition ? ` (${incident.disposition.replace(/_/g, ' ')})` : ''}`
  const agency = input.agencyName
    ? `${incident.agencyCode}, ${input.agencyName}`
    : incident.agencyCode
  const half = CONTENT_WIDTH / 2
  const rows: [string, string, number][][] = [
    [
      ['Nature', `${incident.natureCode}, ${incident.natureDescription}`, half],
      [
        'Priority',
        `${incident.priority} (1 is most urgent), alarm level ${incident.alarmLevel}`,
        half,
      ],
    ],
    [['Location', location, CONTENT_WIDTH]],
    [
      ['Agency', agency, half],
      ['Status', status, half],
    ],
    [
      ['Opened', formatEasternTime(incident.createdAt), half],
      ['Closed', incident.closedAt ? formatEasternTime(incident.closedAt) : 'Not closed', half],
    ],
    [
      ['Generated', formatEasternTime(timeline.generatedAt), half],
      ['By', input.generatedBy, half],
    ],
  ]
  for (const row of rows) {
    let x = MARGIN
    let height = 0
    for (const [label, value, width] of row) {
      height = Math.max(height, drawField(doc, label, value, x, y, width))
      x += width
    }
    y += height + 3
  }
  y += 2
  doc.font(FONT).fontSize(8.5).fillColor(GREY)
  doc.text(
    `All times are Eastern time (America/New_York), 24-hour clock, with EST or EDT as in force. ` +
      `${timeline.entries.length} entries, oldest first.`,
    MARGIN,
    y,
    { lineBreak: false },
  )
  y += 16
  return y
}

/** A label and its value, wrapped within `width`; returns the height used. */
function drawField(
  doc: Doc,
  label: string,
  value: string,
  x: number,
  y: number,
  width: number,
): number {
  const labelWidth = 58
  doc.font(BOLD).fontSize(9).fillColor('black')
  doc.text(`${label}:`, x, y, { lineBreak: false })
  doc.font(FONT).fontSize(9)
  const lines = wrapText(toWinAnsi(value), width - labelWidth - 8, (s) => doc.widthOfString(s))
  lines.forEach((line, i) => doc.text(line, x + labelWidth, y + i * 12, { lineBreak: false }))
  return lines.length * 12
}

function drawColumnHeader(doc: Doc, top: number): number {
  const height = LINE + 2 * PAD
  doc.rect(MARGIN, top, CONTENT_WIDTH, height).fill('#dde1e6')
  doc.font(BOLD).fontSize(SIZE).fillColor('black')
  let x = MARGIN
  for (const column of COLUMNS) {
    doc.text(column.title, x + PAD, top + PAD + 1, { lineBreak: false })
    x += column.width
  }
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + CONTENT_WIDTH, top + height)
    .lineWidth(0.75)
    .stroke(RULE)
  return top + height
}

/** One entry's row; a row taller than what is left moves on, or splits its summary over pages. */
function drawEntry(
  doc: Doc,
  input: TimelinePdfInput,
  entry: TimelineEntry,
  index: number,
  top: number,
): number {
  doc.font(FONT).fontSize(SIZE)
  const measure = (s: string) => doc.widthOfString(s)
  const cell = (text: string, column: number) =>
    wrapText(toWinAnsi(text), COLUMNS[column]!.width - 2 * PAD, measure)
  const fixed = [
    cell(formatEasternTime(entry.at), 0),
    cell(entry.actorUsername ?? (entry.actorUserId ? entry.actorUserId : 'system'), 1),
    cell(entry.actorPositionCode ?? '\u2014', 2),
  ]
  let summary = cell(entry.summary, 3)
  let continued = false
  let y = top
  for (;;) {
    const leading = continued ? [[...fixed[0]!, '(continued)'], fixed[1]!, fixed[2]!] : fixed
    const fixedLines = Math.max(...leading.map((lines) => lines.length))
    const fits = Math.floor((BODY_BOTTOM - y - 2 * PAD) / LINE)
    const needed = Math.max(fixedLines, summary.length)
    if (needed <= fits) {
      return drawRow(doc, [...leading, summary], index, y)
    }
    const freshPageFits = Math.floor((BODY_BOTTOM - pageBodyTop() - 2 * PAD) / LINE)
    if (needed <= freshPageFits || fits < Math.max(MIN_SPLIT_LINES, fixedLines)) {
      y = startPage(doc, input, false)
      continue
    }
    drawRow(doc, [...leading, summary.slice(0, fits)], index, y)
    summary = summary.slice(fits)
    continued = true
    y = startPage(doc, input, false)
  }
}

/** Where rows start on a page after the first: below the running head and column header. */
function pageBodyTop(): number {
  return MARGIN + 18 + LINE + 2 * PAD
}

function drawRow(doc: Doc, cells: string[][], index: number, top: number): number {
  const height = Math.max(...cells.map((lines) => lines.length)) * LINE + 2 * PAD
  if (index % 2 === 1) doc.rect(MARGIN, top, CONTENT_WIDTH, height).fill(STRIPE)
  doc.font(FONT).fontSize(SIZE).fillColor('black')
  let x = MARGIN
  cells.forEach((lines, column) => {
    lines.forEach((line, i) => {
      doc.text(line, x + PAD, top + PAD + 1 + i * LINE, { lineBreak: false })
    })
    x += COLUMNS[column]!.width
  })
  return top + height
}

/** Says where the record ends, so a reader knows no page is missing after the last row. */
function drawEndMark(doc: Doc, input: TimelinePdfInput, top: number): void {
  const count = input.timeline.entries.length
  const y = top + LINE + 2 * PAD > BODY_BOTTOM ? startPage(doc, input, false) : top
  doc.font(FONT).fontSize(SIZE).fillColor(GREY)
  const text =
    count === 0
      ? 'No events are recorded for this incident.'
      : `End of timeline: ${count} ${count === 1 ? 'entry' : 'entries'}.`
  doc.text(text, MARGIN + PAD, y + PAD + 4, { lineBreak: false })
}

/** Drawn last, once the page count is known. */
function drawFooters(doc: Doc, input: TimelinePdfInput): void {
  const { start, count } = doc.bufferedPageRange()
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i)
    doc
      .moveTo(MARGIN, FOOTER_Y - 6)
      .lineTo(MARGIN + CONTENT_WIDTH, FOOTER_Y - 6)
      .lineWidth(0.5)
      .stroke(RULE)
    doc.font(FONT).fontSize(8).fillColor(GREY)
    doc.text(`Incident ${input.timeline.number}`, MARGIN, FOOTER_Y, { lineBreak: false })
    const generated = `Generated ${formatEasternTime(input.timeline.generatedAt)}`
    doc.text(generated, (PAGE.width - doc.widthOfString(generated)) / 2, FOOTER_Y, {
      lineBreak: false,
    })
    const page = `Page ${i - start + 1} of ${count}`
    doc.text(page, MARGIN + CONTENT_WIDTH - doc.widthOfString(page), FOOTER_Y, {
      lineBreak: false,
    })
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
