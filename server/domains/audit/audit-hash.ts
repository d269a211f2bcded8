import { createHash } from 'node:crypto'

/** The hash before the first link of the chain. */
export const GENESIS_HASH = '0'.repeat(64)

/** The content an audit row's hash covers, in a fixed order. */
export interface AuditContent {
  at: Date
  component: string
  eventType: string
  outcome: string
  userId: string | null
  username: string | null
  positionId: string | null
  subjectType: string | null
  subjectId: string | null
  details: Record<string, unknown>
  requestId: string | null
}

export function hashAuditContent(content: AuditContent): string {
  const fields = [
    content.at.toISOString(),
    content.component,
    content.eventType,
    content.outcome,
    content.userId,
    content.username,
    content.positionId,
    content.subjectType,
    content.subjectId,
    canonicalJson(content.details),
    content.requestId,
  ]
  return sha256(JSON.stringify(fields))
}

export function chainHash(prevHash: string, rowHash: string): string {
  return sha256(`${prevHash}:${rowHash}`)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** JSON with object keys sorted, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
