import { LOG_START } from '@common/api/events.ts'

/**
 * A place in the event log: the writing transaction's id, then the event's id. The log is read
 * in this order, which is what makes the reader gap-safe. Shown to consoles as `"<tx>-<id>"`.
 */
export interface LogPosition {
  tx: bigint
  id: bigint
}

export const START: LogPosition = { tx: 0n, id: 0n }

const PATTERN = /^(\d{1,20})-(\d{1,20})$/

export function parsePosition(text: string): LogPosition | null {
  const match = PATTERN.exec(text)
  return match ? { tx: BigInt(match[1]!), id: BigInt(match[2]!) } : null
}

export function formatPosition(position: LogPosition): string {
  return position.tx === 0n && position.id === 0n ? LOG_START : `${position.tx}-${position.id}`
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}
