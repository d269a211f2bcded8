/**
 * SIP header values (RFC 3261 §7.3, §25.1): names in compact form, lists split on commas that are
 * outside quotes and angle brackets, and the name-addr / parameter grammar most headers share.
 */

/** Compact header forms (RFC 3261 §7.3.3 and later RFCs) and their full names, lower case. */
const COMPACT: Record<string, string> = {
  a: 'accept-contact',
  b: 'referred-by',
  c: 'content-type',
  d: 'request-disposition',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  j: 'reject-contact',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  n: 'identity-info',
  o: 'event',
  r: 'refer-to',
  s: 'subject',
  t: 'to',
  u: 'allow-events',
  v: 'via',
  x: 'session-expires',
  y: 'identity',
}

/** The header's full name in lower case: the key every lookup uses. */
export function headerKey(name: string): string {
  const lower = name.trim().toLowerCase()
  return COMPACT[lower] ?? lower
}

/**
 * Headers whose values are comma-separated lists that may be split (RFC 3261 §7.3.1). Others
 * (Date, WWW-Authenticate, …) keep their commas.
 */
const LIST_HEADERS = new Set([
  'via',
  'contact',
  'route',
  'record-route',
  'call-info',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'geolocation',
  'history-info',
  'p-asserted-identity',
  'allow-events',
  'warning',
])

export function isListHeader(key: string): boolean {
  return LIST_HEADERS.has(key)
}

/** Splits on commas outside "quoted strings" and <bracketed URIs>; empty items are dropped. */
export function splitList(value: string): string[] {
  const items: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]
    if (quoted) {
      if (ch === '\\') i++
      else if (ch === '"') quoted = false
    } else if (ch === '"') quoted = true
    else if (ch === '<') depth++
    else if (ch === '>') depth = Math.max(0, depth - 1)
    else if (ch === ',' && depth === 0) {
      items.push(value.slice(start, i))
      start = i + 1
    }
  }
  items.push(value.slice(start))
  return items.map((item) => item.trim()).filter((item) => item.length > 0)
}

/** A name-addr or addr-spec with its header parameters: `"Name" <uri>;tag=x`. */
export interface NameAddr {
  displayName: string | null
  uri: string
  params: Map<string, string | null>
}

/**
 * Parses `"Display" <uri>;p=v`, `<uri>;p=v` or a bare `uri;p=v` (whose parameters then belong to
 * the header, RFC 3261 §20.10). Returns null when no URI can be found.
 */
export function parseNameAddr(value: string): NameAddr | null {
  let rest = value.trim()
  let displayName: string | null = null
  let uri: string
  if (rest.startsWith('"')) {
    const end = closingQuote(rest)
    if (end < 0) return null
    displayName = rest.slice(1, end).replace(/\\(.)/g, '$1')
    rest = rest.slice(end + 1).trim()
  }
  const open = rest.indexOf('<')
  if (open >= 0) {
    const close = rest.indexOf('>', open)
    if (close < 0) return null
    if (displayName === null && open > 0) displayName = rest.slice(0, open).trim() || null
    uri = rest.slice(open + 1, close).trim()
    rest = rest.slice(close + 1)
  } else {
    const semi = rest.indexOf(';')
    uri = (semi >= 0 ? rest.slice(0, semi) : rest).trim()
    rest = semi >= 0 ? rest.slice(semi) : ''
  }
  if (!uri) return null
  return { displayName, uri, params: parseParams(rest) }
}

/** `;a=1;b;c="x y"` → a map; names lower case, quotes removed. */
export function parseParams(text: string): Map<string, string | null> {
  const params = new Map<string, string | null>()
  for (const part of splitOutsideQuotes(text, ';')) {
    const trimmed = part.trim()
    if (!trimmed) continue
    const eq = trimmed.indexOf('=')
    if (eq < 0) {
      params.set(trimmed.toLowerCase(), null)
      continue
    }
    const name = trimmed.slice(0, eq).trim().toLowerCase()
    let val = trimmed.slice(eq + 1).trim()
    if (val.startsWith('"') && val.endsWith('"') && val.length >= 2) val = val.slice(1, -1)
    params.set(name, val)
  }
  return params
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted && ch === '\\') i++
    else if (ch === '"') quoted = !quoted
    else if (!quoted && ch === separator) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts
}

function closingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return -1
}

/** A Via value: `SIP/2.0/UDP host:port;branch=z9hG4bK…;rport`. */
export interface Via {
  transport: string
  host: string
  port: number | null
  params: Map<string, string | null>
}

export function parseVia(value: string): Via | null {
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)(.*)$/i.exec(value.trim())
  if (!match) return null
  const [, transport = '', sentBy = '', rest = ''] = match
  const { host, port } = splitHostPort(sentBy)
  return { transport: transport.toUpperCase(), host, port, params: parseParams(rest) }
}

export function splitHostPort(text: string): { host: string; port: number | null } {
  if (text.startsWith('[')) {
    const end = text.indexOf(']')
    const host = text.slice(0, end + 1)
    const port = text.slice(end + 2)
    return { host, port: port ? Number(port) || null : null }
  }
  const colon = text.lastIndexOf(':')
  if (colon < 0) return { host: text, port: null }
  return { host: text.slice(0, colon), port: Number(text.slice(colon + 1)) || null }
}

/** A Content-Type: the media type in lower case and its parameters. */
export interface MediaType {
  type: string
  params: Map<string, string | null>
}

export function parseMediaType(value: string | undefined): MediaType | null {
  if (!value) return null
  const semi = value.indexOf(';')
  const type = (semi >= 0 ? value.slice(0, semi) : value).trim().toLowerCase()
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return null
  return { type, params: parseParams(semi >= 0 ? value.slice(semi) : '') }
}
