import { headerKey, isListHeader, splitList } from './headers.ts'

/**
 * SIP messages (RFC 3261 §7) as Buffers: a request or response line, headers kept in order with
 * their original names, and the body as bytes (Content-Length counts bytes, not characters).
 */

export class SipHeaders {
  /** In arrival order; a list header's comma-joined values are kept as separate entries. */
  private readonly entries: Array<{ name: string; key: string; value: string }> = []

  add(name: string, value: string): this {
    const key = headerKey(name)
    const values = isListHeader(key) ? splitList(value) : [value.trim()]
    for (const item of values) this.entries.push({ name, key, value: item })
    return this
  }

  /** Replaces every value of the header with one. */
  set(name: string, value: string): this {
    this.remove(name)
    return this.add(name, value)
  }

  remove(name: string): this {
    const key = headerKey(name)
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i]?.key === key) this.entries.splice(i, 1)
    }
    return this
  }

  get(name: string): string | undefined {
    const key = headerKey(name)
    return this.entries.find((entry) => entry.key === key)?.value
  }

  getAll(name: string): string[] {
    const key = headerKey(name)
    return this.entries.filter((entry) => entry.key === key).map((entry) => entry.value)
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  list(): ReadonlyArray<{ name: string; value: string }> {
    return this.entries
  }
}

export interface SipRequest {
  kind: 'request'
  method: string
  uri: string
  headers: SipHeaders
  body: Buffer
  /** The bytes as received (kept as evidence for calls). */
  raw?: Buffer
}

export interface SipResponse {
  kind: 'response'
  status: number
  reason: string
  headers: SipHeaders
  body: Buffer
  raw?: Buffer
}

export type SipMessage = SipRequest | SipResponse

/** A message that cannot be read; `reply` is false when not even a response could be built. */
export class SipParseError extends Error {
  constructor(
    message: string,
    readonly partial: { method?: string; headers?: SipHeaders } = {},
  ) {
    super(message)
    this.name = 'SipParseError'
  }
}

const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')
/** The most header bytes accepted: larger is an attack, not a 911 call. */
export const MAX_HEADER_BYTES = 64 * 1024

/**
 * One datagram (UDP): the body is the rest of it (RFC 3261 §18.3), cut to Content-Length when
 * that is shorter; a Content-Length longer than what arrived means a truncated datagram.
 */
export function parseDatagram(datagram: Buffer): SipMessage {
  let start = 0
  // Leading CRLFs are allowed (and are keep-alives when nothing follows).
  while (datagram[start] === 0x0d && datagram[start + 1] === 0x0a) start += 2
  const end = datagram.indexOf(HEADER_END, start)
  const headEnd = end < 0 ? datagram.length : end
  if (headEnd - start > MAX_HEADER_BYTES) throw new SipParseError('headers too large')
  const head = parseHead(datagram.subarray(start, headEnd).toString('utf8'))
  const bodyStart = end < 0 ? datagram.length : end + 4
  let body = datagram.subarray(bodyStart)
  const length = contentLength(head.headers, head.partial)
  if (length !== null) {
    if (length > body.length) throw new SipParseError('truncated body', head.partial)
    body = body.subarray(0, length)
  }
  const raw = Buffer.from(datagram.subarray(start, bodyStart + body.length))
  return { ...head.message, body: raw.subarray(raw.length - body.length), raw }
}

/**
 * Frames messages out of a byte stream (TCP, RFC 3261 §18.3): Content-Length is required there.
 * A CRLF CRLF between messages is a keep-alive ping (RFC 5626 §3.5.1), answered with one CRLF.
 */
export class SipStreamParser {
  private buffer: Buffer = Buffer.alloc(0)

  constructor(private readonly maxBodyBytes: number) {}

  /** Feeds bytes; returns the complete messages, the pings seen, or throws on a broken stream. */
  push(chunk: Buffer): { messages: SipMessage[]; pings: number } {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    const messages: SipMessage[] = []
    let pings = 0
    for (;;) {
      let start = 0
      while (this.buffer[start] === 0x0d && this.buffer[start + 1] === 0x0a) {
        if (this.buffer[start + 2] === 0x0d && this.buffer[start + 3] === 0x0a) {
          pings++
          start += 4
        } else start += 2
      }
      if (start > 0) this.buffer = this.buffer.subarray(start)
      const end = this.buffer.indexOf(HEADER_END)
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) throw new SipParseError('headers too large')
        return { messages, pings }
      }
      const head = parseHead(this.buffer.subarray(0, end).toString('utf8'))
      const length = contentLength(head.headers, head.partial)
      if (length === null) {
        throw new SipParseError('Content-Length is required on a stream', head.partial)
      }
      if (length > this.maxBodyBytes) throw new SipParseError('body too large', head.partial)
      if (this.buffer.length < end + 4 + length) return { messages, pings }
      const raw = Buffer.from(this.buffer.subarray(0, end + 4 + length))
      this.buffer = this.buffer.subarray(end + 4 + length)
      messages.push({ ...head.message, body: raw.subarray(end + 4), raw })
    }
  }

  get pending(): number {
    return this.buffer.length
  }
}

function parseHead(text: string): {
  message: Omit<SipRequest, 'body'> | Omit<SipResponse, 'body'>
  headers: SipHeaders
  partial: { method?: string; headers?: SipHeaders }
} {
  const lines = unfold(text.split(/\r\n|\n/))
  const first = lines.shift() ?? ''
  const headers = new SipHeaders()
  const requestLine = /^([A-Za-z]+) (\S+) SIP\/2\.0$/.exec(first.trim())
  const statusLine = /^SIP\/2\.0 (\d{3})(?: (.*))?$/.exec(first.trim())
  const partial: { method?: string; headers?: SipHeaders } = { headers }
  if (requestLine) partial.method = requestLine[1]?.toUpperCase()
  for (const line of lines) {
    if (!line) continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw new SipParseError(`header without a colon: ${line.slice(0, 40)}`, partial)
    const name = line.slice(0, colon).trim()
    if (!/^[A-Za-z0-9!%'*+._`~-]+$/.test(name)) {
      throw new SipParseError(`bad header name: ${name.slice(0, 40)}`, partial)
    }
    headers.add(name, line.slice(colon + 1))
  }
  if (requestLine) {
    const [, method = '', uri = ''] = requestLine
    return {
      message: { kind: 'request', method: method.toUpperCase(), uri, headers },
      headers,
      partial,
    }
  }
  if (statusLine) {
    const [, status = '0', reason = ''] = statusLine
    return {
      message: { kind: 'response', status: Number(status), reason, headers },
      headers,
      partial,
    }
  }
  throw new SipParseError(`not a SIP request or status line: ${first.slice(0, 60)}`, partial)
}

/** Header lines continued with leading white space (RFC 3261 §7.3.1) joined to the previous. */
function unfold(lines: string[]): string[] {
  const out: string[] = []
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 1) {
      out[out.length - 1] += ' ' + line.trim()
    } else out.push(line)
  }
  return out
}

function contentLength(
  headers: SipHeaders,
  partial: { method?: string; headers?: SipHeaders },
): number | null {
  const value = headers.get('content-length')
  if (value === undefined) return null
  if (!/^\d{1,10}$/.test(value)) throw new SipParseError('bad Content-Length', partial)
  return Number(value)
}

const ONE_PER_LINE = new Set(['via', 'route', 'record-route'])

/** Writes a message: CRLF line ends, Content-Length set from the body's bytes. */
export function serialize(message: SipMessage): Buffer {
  const first =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`
  const lines = [first]
  let previous = null as { key: string; line: number } | null
  for (const { name, value } of message.headers.list()) {
    const key = headerKey(name)
    if (key === 'content-length') continue
    // Values of a list header given one by one go out as one line (Allow: INVITE, ACK, …);
    // Via and the route headers keep a line each.
    if (previous?.key === key && isListHeader(key) && !ONE_PER_LINE.has(key)) {
      lines[previous.line] += `, ${value}`
      continue
    }
    lines.push(`${name}: ${value}`)
    previous = { key, line: lines.length - 1 }
  }
  lines.push(`Content-Length: ${message.body.length}`)
  return Buffer.concat([Buffer.from(lines.join('\r\n')), CRLF, CRLF, message.body])
}
