import PDFDocument from 'pdfkit'
import {
  DISABILITY_KIND_LABELS,
  type DisabilityIndicator,
} from '@common/api/disability-registry.ts'

/** What the annual list prints besides its entries. */
export interface ReverificationInput {
  town: string | null
  entries: DisabilityIndicator[]
  generatedAt: Date
  /** Who asked for it: `Dana Ruiz (druiz)`. */
  generatedBy: string
  reverifyDays: number
}

const PLATFORM_NAME = 'Emergency Communications Center platform'

const CSV_COLUMNS = [
  'Status',
  'Person',
  'Address',
  'Unit',
  'Kinds',
  'Note',
  'Contact phone',
  'Entered',
  'Last verified',
  'Indicator id',
] as const

/** The list as CSV (RFC 4180, CRLF), one row per active entry, the due ones marked DUE. */
export function reverificationCsv(input: ReverificationInput): string {
  const rows = input.entries.map((e) => [
    e.reverificationDue ? 'DUE' : 'ok',
    e.personName,
    e.locationText,
    e.unitKey,
    kindsText(e),
    e.note,
    e.contactPhone,
    easternDate(e.createdAt),
    easternDate(e.lastVerifiedAt),
    e.id,
  ])
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function csvField(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet; an E.164 number is only digits.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^\+\d+$/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const kindsText = (e: DisabilityIndicator) =>
  e.kinds.map((kind) => DISABILITY_KIND_LABELS[kind]).join('; ')

const EASTERN_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const easternDate = (at: string | Date) => EASTERN_DATE.format(new Date(at))

// US Letter landscape, in points; rows are placed by hand as in the incident timeline PDF.
const PAGE = { width: 792, height: 612 }
const MARGIN = 36
const BODY_BOTTOM = PAGE.height - 48
const FONT = 'Helvetica'
const BOLD = 'Helvetica-Bold'
const SIZE = 8.5
const LINE = 11
const PAD = 3
const GREY = '#555555'
const STRIPE = '#f1f3f5'
const COLUMNS = [
  { title: 'Status', width: 40 },
  { title: 'Person', width: 110 },
  { title: 'Address', width: 170 },
  { title: 'Kinds', width: 120 },
  { title: 'Note', width: 160 },
  { title: 'Phone', width: 64 },
  { title: 'Last verified', width: 56 },
] as const

type Doc = PDFKit.PDFDocument

/**
 * The list as a PDF for the coordinator's annual mailing: one row per active entry, the ones not
 * re-verified in time marked DUE in bold; every page says the town and "Page X of Y".
 */
export function reverificationPdf(input: ReverificationInput): Promise<Buffer> {
  const title = `Disability indicator re-verification list: ${input.town ?? 'no town'}`
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: {
      Title: latin1(title),
      Subject: 'Confidential: 911 disability indicators to re-verify',
      Author: latin1(input.generatedBy),
      Creator: PLATFORM_NAME,
      Producer: PLATFORM_NAME,
      CreationDate: input.generatedAt,
    },
  })
  const done = collect(doc)
  let y = startPage(doc, input, title, true)
  if (input.entries.length === 0) {
    doc.font(FONT).fontSize(SIZE).fillColor('black')
    doc.text('No active entries.', MARGIN, y + PAD, { lineBreak: false })
  }
  input.entries.forEach((entry, index) => {
    const cells = [
      entry.reverificationDue ? 'DUE' : 'ok',
      entry.personName,
      entry.locationText,
      kindsText(entry),
      entry.note,
      entry.contactPhone,
      easternDate(entry.lastVerifiedAt),
    ].map((text, i) => wrap(doc, latin1(text), COLUMNS[i]!.width - 2 * PAD))
    const height = Math.max(...cells.map((lines) => lines.length)) * LINE + 2 * PAD
    if (y + height > BODY_BOTTOM) y = startPage(doc, input, title, false)
    if (index % 2 === 1) doc.rect(MARGIN, y, contentWidth(), height).fill(STRIPE)
    let x = MARGIN
    cells.forEach((lines, i) => {
      doc
        .font(i === 0 && entry.reverificationDue ? BOLD : FONT)
        .fontSize(SIZE)
        .fillColor('black')
      lines.forEach((line, n) => {
        doc.text(line, x + PAD, y + PAD + n * LINE, { lineBreak: false })
      })
      x += COLUMNS[i]!.width
    })
    y += height
  })
  drawFooters(doc, input)
  doc.end()
  return done
}

const contentWidth = () => COLUMNS.reduce((sum, c) => sum + c.width, 0)

function startPage(doc: Doc, input: ReverificationInput, title: string, first: boolean): number {
  doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
  let y = MARGIN
  doc.font(FONT).fontSize(9).fillColor(GREY)
  doc.text(`${PLATFORM_NAME} - CONFIDENTIAL`, MARGIN, y, { lineBreak: false })
  y += 14
  doc
    .font(BOLD)
    .fontSize(first ? 16 : 10)
    .fillColor('black')
  doc.text(latin1(first ? title : `${title} (continued)`), MARGIN, y, { lineBreak: false })
  y += first ? 24 : 16
  if (first) {
    const due = input.entries.filter((e) => e.reverificationDue).length
    doc.font(FONT).fontSize(9).fillColor('black')
    doc.text(
      latin1(
        `${input.entries.length} active entries, ${due} not re-verified within ${input.reverifyDays} days (marked DUE). Generated ${easternDate(input.generatedAt)} by ${input.generatedBy}.`,
      ),
      MARGIN,
      y,
      { lineBreak: false },
    )
    y += 18
  }
  doc.font(BOLD).fontSize(SIZE).fillColor('black')
  let x = MARGIN
  for (const column of COLUMNS) {
    doc.text(column.title, x + PAD, y + PAD, { lineBreak: false })
    x += column.width
  }
  y += LINE + 2 * PAD
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(), y)
    .strokeColor(GREY)
    .lineWidth(0.5)
    .stroke()
  return y + 1
}

function drawFooters(doc: Doc, input: ReverificationInput): void {
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    doc.font(FONT).fontSize(8).fillColor(GREY)
    doc.text(latin1(`${input.town ?? ''} re-verification list`), MARGIN, PAGE.height - 32, {
      lineBreak: false,
    })
    const label = `Page ${i + 1} of ${range.count}`
    doc.text(label, PAGE.width - MARGIN - doc.widthOfString(label), PAGE.height - 32, {
      lineBreak: false,
    })
  }
}

/** Greedy word wrap to `width` in the current font; a long word is broken between letters. */
function wrap(doc: Doc, text: string, width: number): string[] {
  doc.font(FONT).fontSize(SIZE)
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word
      while (doc.widthOfString(rest) > width) {
        let cut = rest.length - 1
        while (cut > 1 && doc.widthOfString(rest.slice(0, cut)) > width) cut--
        if (line) lines.push(line)
        lines.push(rest.slice(0, cut))
        line = ''
        rest = rest.slice(cut)
      }
      const next = line ? `${line} ${rest}` : rest
      if (doc.widthOfString(next) <= width) line = next
      else {
        lines.push(line)
        line = rest
      }
    }
    lines.push(line)
  }
  return lines.length > 0 ? lines : ['']
}

/** Helvetica draws Latin-1: accents come off what it lacks, anything else becomes '?'. */
function latin1(text: string): string {
  return [...text.normalize('NFC')]
    .map((char) =>
      /[\n\x20-\x7e\xa0-\xff]/.test(char)
        ? char
        : char
            .normalize('NFKD')
            .replace(/[\u0300-\u036f]/g, '')
            .replace(/[^\x20-\x7e]/g, '?'),
    )
    .join('')
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}
