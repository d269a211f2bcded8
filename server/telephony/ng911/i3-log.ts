import { createPrivateKey, sign, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Logger } from 'pino'

/**
 * NENA i3 log events (STA-010.3 §4.12): what this element did with each call, as JSON, in the
 * platform's log (where a log shipper forwards it to the ESInet's Logging Service). When a key is
 * configured each event is also signed as a flattened JWS, as i3 requires of elements.
 */
export type I3LogEventType =
  | 'CallStartLogEvent'
  | 'CallEndLogEvent'
  | 'MediaStartLogEvent'
  | 'MediaEndLogEvent'
  | 'LocationQueryLogEvent'

export interface I3LogEvent {
  logEventType: I3LogEventType
  timestamp: string
  elementId: string
  agencyId: string
  /** The NENA emergency CallId and IncidentId of the call, when it had them. */
  callId: string | null
  incidentId: string | null
  callIdSip: string
  direction: 'incoming'
  [field: string]: unknown
}

export interface FlattenedJws {
  protected: string
  payload: string
  signature: string
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url')

/** The JWS algorithm a key signs with: ES256 (P-256), RS256 (RSA) or EdDSA (Ed25519). */
function algorithmOf(key: KeyObject): {
  alg: string
  hash: string | null
  dsaEncoding?: 'ieee-p1363'
} {
  const type = key.asymmetricKeyType
  if (type === 'ec') return { alg: 'ES256', hash: 'sha256', dsaEncoding: 'ieee-p1363' }
  if (type === 'rsa') return { alg: 'RS256', hash: 'sha256' }
  if (type === 'ed25519') return { alg: 'EdDSA', hash: null }
  throw new Error(
    `i3 log key: ${type ?? 'unknown'} keys are not supported (use P-256, RSA or Ed25519)`,
  )
}

/** RFC 7515 §7.2.2: the flattened JSON serialization of a JWS over the event. */
export function signFlattened(payload: unknown, key: KeyObject): FlattenedJws {
  const { alg, hash, dsaEncoding } = algorithmOf(key)
  const protectedHeader = base64url(JSON.stringify({ alg, typ: 'JOSE' }))
  const body = base64url(JSON.stringify(payload))
  const input = Buffer.from(`${protectedHeader}.${body}`)
  const signature = sign(hash, input, dsaEncoding ? { key, dsaEncoding } : key)
  return { protected: protectedHeader, payload: body, signature: base64url(signature) }
}

export class I3Log {
  private readonly key: KeyObject | null

  constructor(
    private readonly log: Logger,
    private readonly identity: { elementId: string; agencyId: string },
    keyPem: string | null,
  ) {
    this.key = keyPem ? createPrivateKey(keyPem) : null
    if (this.key) algorithmOf(this.key)
  }

  static fromFile(
    log: Logger,
    identity: { elementId: string; agencyId: string },
    keyPath: string | null,
  ): I3Log {
    return new I3Log(log, identity, keyPath ? readFileSync(keyPath, 'utf8') : null)
  }

  write(
    type: I3LogEventType,
    call: { callId: string | null; incidentId: string | null; sipCallId: string },
    fields: Record<string, unknown> = {},
  ): I3LogEvent {
    const event: I3LogEvent = {
      logEventType: type,
      timestamp: new Date().toISOString(),
      elementId: this.identity.elementId,
      agencyId: this.identity.agencyId,
      callId: call.callId,
      incidentId: call.incidentId,
      callIdSip: call.sipCallId,
      direction: 'incoming',
      ...fields,
    }
    this.log.info(
      { i3LogEvent: event, ...(this.key ? { jws: signFlattened(event, this.key) } : {}) },
      `i3 ${type}`,
    )
    return event
  }
}
