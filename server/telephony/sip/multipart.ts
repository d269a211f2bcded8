import { parseMediaType, parseParams, type MediaType } from './headers.ts'

/**
 * MIME bodies of SIP messages (RFC 2046, RFC 5621): an NG911 INVITE carries SDP, PIDF-LO and
 * additional-data blocks as parts of multipart/mixed or multipart/related, possibly nested, in
 * any order. The leaves are returned flat, each with its own headers and bytes.
 */
export interface BodyPart {
  contentType: MediaType | null
  /** Content-ID without its angle brackets, for `cid:` references. */
  contentId: string | null
  disposition: { type: string; params: Map<string, string | null> } | null
  headers: Map<string, string>
  body: Buffer
}

/** How deep multiparts may nest before the rest is kept as one opaque part. */
const MAX_DEPTH = 5
/** A body with more parts than this is not an emergency call. */
const MAX_PARTS = 64

export class MultipartError extends Error {}

/**
 * The leaf parts of a body. A single-part body is one part; a broken multipart throws
 * MultipartError (the caller keeps the raw body and flags it: a 911 call is never refused for it).
 */
export function bodyParts(
  contentType: string | undefined,
  body: Buffer,
  headers: Map<string, string> = new Map(),
): BodyPart[] {
  const parts: BodyPart[] = []
  collect(parseMediaType(contentType), body, headers, 0, parts)
  return parts
}

function collect(
  type: MediaType | null,
  body: Buffer,
  headers: Map<string, string>,
  depth: number,
  out: BodyPart[],
): void {
  if (type?.type.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = type.params.get('boundary')
    if (!boundary) throw new MultipartError('multipart body without a boundary')
    for (const raw of splitParts(body, boundary)) {
      const { partHeaders, partBody } = splitPart(raw)
      collect(
        parseMediaType(partHeaders.get('content-type')),
        partBody,
        partHeaders,
        depth + 1,
        out,
      )
      if (out.length > MAX_PARTS) throw new MultipartError(`more than ${MAX_PARTS} body parts`)
    }
    return
  }
  const disposition = headers.get('content-disposition')
  out.push({
    contentType: type,
    contentId: stripBrackets(headers.get('content-id')),
    disposition: disposition ? parseDisposition(disposition) : null,
    headers,
    body,
  })
}

/** The raw parts between `--boundary` lines; preamble and epilogue are ignored. */
function splitParts(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: Buffer[] = []
  let index = findDelimiter(body, delimiter, 0)
  if (index < 0) throw new MultipartError('boundary not found in the body')
  for (;;) {
    const afterDelimiter = index + delimiter.length
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) return parts
    const lineEnd = body.indexOf('\n', afterDelimiter)
    if (lineEnd < 0) throw new MultipartError('body ends inside a boundary line')
    const next = findDelimiter(body, delimiter, lineEnd + 1)
    if (next < 0) throw new MultipartError('multipart body is not closed')
    // The CRLF before the next delimiter belongs to the delimiter.
    let partEnd = next
    if (body[partEnd - 1] === 0x0a) partEnd--
    if (body[partEnd - 1] === 0x0d) partEnd--
    parts.push(body.subarray(lineEnd + 1, Math.max(lineEnd + 1, partEnd)))
    index = next
  }
}

/** A delimiter counts only at the start of a line. */
function findDelimiter(body: Buffer, delimiter: Buffer, from: number): number {
  let at = body.indexOf(delimiter, from)
  while (at > 0 && body[at - 1] !== 0x0a) at = body.indexOf(delimiter, at + 1)
  return at
}

function splitPart(raw: Buffer): { partHeaders: Map<string, string>; partBody: Buffer } {
  const partHeaders = new Map<string, string>()
  // A part that starts with an empty line has no headers (its type is text/plain by default).
  let headEnd: number
  let bodyStart: number
  if (raw[0] === 0x0d && raw[1] === 0x0a) [headEnd, bodyStart] = [0, 2]
  else if (raw[0] === 0x0a) [headEnd, bodyStart] = [0, 1]
  else {
    const crlf = raw.indexOf('\r\n\r\n')
    const lf = raw.indexOf('\n\n')
    if (crlf >= 0 && (lf < 0 || crlf < lf)) [headEnd, bodyStart] = [crlf, crlf + 4]
    else if (lf >= 0) [headEnd, bodyStart] = [lf, lf + 2]
    else [headEnd, bodyStart] = [raw.length, raw.length]
  }
  const lines: string[] = []
  for (const line of raw.subarray(0, headEnd).toString('utf8').split(/\r?\n/)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && lines.length > 0) {
      lines[lines.length - 1] += ' ' + line.trim()
    } else if (line) lines.push(line)
  }
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon <= 0) throw new MultipartError(`part header without a colon: ${line.slice(0, 40)}`)
    partHeaders.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { partHeaders, partBody: raw.subarray(bodyStart) }
}

function parseDisposition(value: string): { type: string; params: Map<string, string | null> } {
  const semi = value.indexOf(';')
  return {
    type: (semi >= 0 ? value.slice(0, semi) : value).trim().toLowerCase(),
    params: parseParams(semi >= 0 ? value.slice(semi) : ''),
  }
}

export function stripBrackets(value: string | undefined): string | null {
  if (!value) return null
  const trimmed = value.trim()
  return trimmed.startsWith('<') && trimmed.endsWith('>') ? trimmed.slice(1, -1) : trimmed
}

/** The part a `cid:` URI names (RFC 2392: `cid:` + Content-ID, percent-encoded). */
export function partByCid(parts: BodyPart[], uri: string): BodyPart | undefined {
  if (!uri.toLowerCase().startsWith('cid:')) return undefined
  let id = uri.slice(4)
  try {
    id = decodeURIComponent(id)
  } catch {
    // Keep it as written.
  }
  return parts.find((part) => part.contentId === id)
}

/**
 * The message inside a CPIM wrapper (RFC 3862): CPIM headers, a blank line, then a MIME entity
 * (its own headers and body). An unreadable wrapper is returned as it came.
 */
export function unwrapCpim(part: BodyPart): BodyPart[] {
  const text = part.body
  const gap =
    text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') + 4 : text.indexOf('\n\n') + 2
  if (gap < 2) return [part]
  const entity = text.subarray(gap)
  try {
    const { partHeaders, partBody } = splitPart(entity)
    return bodyParts(partHeaders.get('content-type'), partBody, partHeaders)
  } catch {
    return [part]
  }
}
