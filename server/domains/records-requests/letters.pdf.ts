import PDFDocument from 'pdfkit'
import type { Letter } from '@common/api/records-requests.ts'
import { formatEasternTime, toWinAnsi } from '../../documents/pdf-text.ts'

export const LETTERHEAD = 'Emergency Communications Center, Records Office'

export const APPEAL_NOTICE =
  'You may appeal this response to the Supervisor of Records of the Secretary of the ' +
  'Commonwealth within 90 days, under M.G.L. c.66 §10A and 950 CMR 32.08. You may also seek ' +
  'relief in the Superior Court.'

export interface LetterFile {
  fileName: string
  durationMs: number | null
  sha256: string
  redacted: boolean
  expiresAt: Date
}

export interface LetterPayment {
  checkNumber: string
  amountCents: number
  receivedOn: string
  payer: string
}

/** Everything a letter says; rendering is pure, so the same input gives the same bytes. */
export interface LetterInput {
  letter: Letter
  number: string
  /** The letter's date: when the refusal, last payment or release happened. */
  date: Date
  timeZone: string
  requester: { name: string; mailingAddress: string | null; email: string | null }
  call: { date: string; timeFrom: string; timeTo: string }
  refusalReason?: string
  payments?: LetterPayment[]
  dueCents?: number
  files?: LetterFile[]
}

const TITLES: Record<Letter, string> = {
  refusal: 'Refusal of a records request',
  receipt: 'Receipt for payment',
  release: 'Release of a 911 recording',
}

const MARGIN = 72
const WIDTH = 612 - 2 * MARGIN

export function renderLetterPdf(input: LetterInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: {
      Title: `${TITLES[input.letter]} ${input.number}`,
      Creator: LETTERHEAD,
      Producer: LETTERHEAD,
      CreationDate: input.date,
    },
  })
  const done = collect(doc)
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(toWinAnsi(value), { width: WIDTH, ...options })

  doc.font('Helvetica').fontSize(9).fillColor('#555555')
  text(LETTERHEAD)
  doc.moveDown(1.5).fillColor('black').fontSize(11)
  text(localDate(input.date, input.timeZone))
  doc.moveDown()
  text(input.requester.name)
  if (input.requester.mailingAddress) text(input.requester.mailingAddress)
  else if (input.requester.email) text(input.requester.email)
  doc.moveDown()
  doc.font('Helvetica-Bold').fontSize(14)
  text(`${TITLES[input.letter]}: ${input.number}`)
  doc.font('Helvetica').fontSize(11).moveDown()
  text(
    `Re: your request ${input.number} for the recording of a 911 call made on ` +
      `${input.call.date} between ${input.call.timeFrom} and ${input.call.timeTo}.`,
  )
  doc.moveDown()

  if (input.letter === 'refusal') {
    text('Your request is refused, for this reason:')
    doc.moveDown(0.5)
    text(input.refusalReason ?? '', { indent: 18 })
    doc.moveDown()
    text(APPEAL_NOTICE)
  } else if (input.letter === 'receipt') {
    text('We received the following payment by check, payable to the City:')
    for (const payment of input.payments ?? []) {
      doc.moveDown(0.5)
      text(
        `Check number ${payment.checkNumber}, ${dollars(payment.amountCents)}, received on ` +
          `${payment.receivedOn}, from ${payment.payer}; request ${input.number}.`,
        { indent: 18 },
      )
    }
    doc.moveDown()
    text(`Still owed on this request: ${dollars(input.dueCents ?? 0)}.`)
  } else {
    text(
      'The recording you asked for is released to you. Each file is listed with its SHA-256 ' +
        'fingerprint, by which you can check that the file you hold is the one released.',
    )
    for (const file of input.files ?? []) {
      doc.moveDown(0.5)
      text(file.fileName, { indent: 18 })
      text(`Duration: ${duration(file.durationMs)}`, { indent: 36 })
      text(`SHA-256: ${file.sha256}`, { indent: 36 })
      text(
        file.redacted ? 'Redacted: yes (parts were silenced as the law requires)' : 'Redacted: no',
        { indent: 36 },
      )
      text(`Download link valid until: ${formatEasternTime(file.expiresAt)}`, { indent: 36 })
    }
    doc.moveDown()
    text(
      'The links were sent to you separately. Once they expire, ask the records office for a ' +
        'new one.',
    )
  }
  doc.moveDown(2)
  text('Records Office')
  doc.end()
  return done
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

function localDate(at: Date, timeZone: string): string {
  return at.toLocaleDateString('en-US', { timeZone, dateStyle: 'long' })
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`
}

function duration(ms: number | null): string {
  if (ms === null) return 'not known'
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
}
