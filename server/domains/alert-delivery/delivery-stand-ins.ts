import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/**
 * Real servers on loopback for delivery tests: an SMTP server that keeps what it is sent, and a
 * text and voice provider that limits its rate (429), can fail a send (500) and sends receipts.
 */

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export async function startSmtpStandIn(): Promise<{
  url: string
  mails: ReceivedMail[]
  close: () => Promise<void>
}> {
  const mails: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface ProviderMessage {
  id: string
  channel: string
  to: string
  body: string
  language: string
}

export type Receipt = 'delivered' | 'failed' | 'busy' | 'no_answer'

export interface ProviderBehaviour {
  /** Messages accepted per second; one more in the same second is answered 429. */
  perSecond: number
  /** The first this many messages are answered 429 whatever the rate (a busy start). */
  busyFirst?: number
  /** Answered 500 on these attempts (1 = the first) of a number. */
  failAttempts: (to: string, attempt: number) => boolean
  /** The receipt for this attempt of a number; null: none is sent. */
  receipt: (message: ProviderMessage, attempt: number) => Receipt | null
}

export interface ProviderStandIn {
  url: string
  token: string
  behaviour: ProviderBehaviour
  /** Every message accepted (answered 200), in order, with its provider id. */
  accepted: (ProviderMessage & { providerId: string; at: number })[]
  refused: { status: number; message: ProviderMessage }[]
  /** Set by the test: how a receipt reaches the platform. */
  sendReceipt: (body: { id: string; status: Receipt }) => Promise<void>
  /** Receipts being sent, awaited by tests before they look. */
  inFlight: Set<Promise<void>>
  close: () => Promise<void>
}

export async function startProviderStandIn(token: string): Promise<ProviderStandIn> {
  const attemptsByNumber = new Map<string, number>()
  let windowStart = 0
  let inWindow = 0
  let counter = 0
  const standIn: ProviderStandIn = {
    url: '',
    token,
    behaviour: { perSecond: 1_000, failAttempts: () => false, receipt: () => null },
    accepted: [],
    refused: [],
    sendReceipt: () => Promise.resolve(),
    inFlight: new Set(),
    close: () => Promise.resolve(),
  }
  const server = http.createServer((request, response) => {
    let text = ''
    request.on('data', (chunk: Buffer) => (text += chunk.toString()))
    request.on('end', () => {
      if (request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(401).end()
        return
      }
      const message = JSON.parse(text) as ProviderMessage
      const now = Date.now()
      if (now - windowStart >= 1_000) {
        windowStart = now
        inWindow = 0
      }
      const busyStart = (standIn.behaviour.busyFirst ?? 0) > 0
      if (busyStart) standIn.behaviour.busyFirst! -= 1
      if (busyStart || inWindow >= standIn.behaviour.perSecond) {
        standIn.refused.push({ status: 429, message })
        response.writeHead(429, { 'retry-after': '0.2' }).end()
        return
      }
      inWindow += 1
      const attempt = (attemptsByNumber.get(message.to) ?? 0) + 1
      attemptsByNumber.set(message.to, attempt)
      if (standIn.behaviour.failAttempts(message.to, attempt)) {
        standIn.refused.push({ status: 500, message })
        response.writeHead(500).end()
        return
      }
      counter += 1
      const providerId = `prov-${counter}`
      standIn.accepted.push({ ...message, providerId, at: now })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ id: providerId }))
      const receipt = standIn.behaviour.receipt(message, attempt)
      if (receipt) {
        // As a carrier would: the receipt comes a little after the answer.
        const sending: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 100))
          .then(() => standIn.sendReceipt({ id: providerId, status: receipt }))
          .finally(() => standIn.inFlight.delete(sending))
        standIn.inFlight.add(sending)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  standIn.url = `http://127.0.0.1:${port}/messages`
  standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return standIn
}
