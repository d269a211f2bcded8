import type { CallDescription, CandidateCall } from '@common/api/records-requests.ts'
import { normalizePhone } from '@common/domain/phone.ts'
import type { Db } from '../../db/schema.ts'
import { localInstant } from './local-time.ts'
import { listCallsArrivedBetween, type CallSummaryRow } from './records-requests.repository.ts'

/** People misremember the time a little: the window is widened by this much on each side. */
export const SLACK_MS = 15 * 60_000
export const MAX_CANDIDATES = 20
/** A window holds a few hundred calls a day at most; this bounds a whole-day window's scan. */
const MAX_SCANNED = 5_000

const WEIGHTS = { number: 0.5, time: 0.3, place: 0.2 }
const STOP_WORDS = new Set(['the', 'and', 'near', 'at', 'of', 'in', 'on', 'by', 'from', 'my'])

/** The requester's window as instants: [from - slack, to + slack + 1 minute). */
export function callWindow(
  description: Pick<CallDescription, 'callDate' | 'timeFrom' | 'timeTo'>,
  timeZone: string,
): { from: Date; to: Date; stated: { from: Date; to: Date } } {
  const from = localInstant(description.callDate, description.timeFrom, timeZone)
  // "to 14:20" takes in the whole minute.
  const to = new Date(
    localInstant(description.callDate, description.timeTo, timeZone).getTime() + 60_000,
  )
  return {
    from: new Date(from.getTime() - SLACK_MS),
    to: new Date(to.getTime() + SLACK_MS),
    stated: { from, to },
  }
}

/** Words of a place worth matching: lower case, 2+ letters or any number, no filler. */
export function placeWords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((word) => (word.length >= 2 || /\d/.test(word)) && !STOP_WORDS.has(word)),
    ),
  ]
}

/**
 * 0..1: half for the number, three tenths for the time (full inside the stated window, falling
 * to nothing at the edge of the slack), a fifth for the share of the requester's place words
 * found in the call's location.
 */
export function scoreCall(
  call: Pick<CallSummaryRow, 'arrived_at' | 'ani' | 'location_text' | 'town'>,
  description: Pick<CallDescription, 'callingNumber' | 'location'>,
  stated: { from: Date; to: Date },
): { score: number; numberMatches: boolean } {
  const numberMatches =
    call.ani !== null && normalizePhone(call.ani) === normalizePhone(description.callingNumber)
  const at = call.arrived_at.getTime()
  const outside = Math.max(0, stated.from.getTime() - at, at - stated.to.getTime())
  const time = Math.max(0, 1 - outside / SLACK_MS)
  const wanted = placeWords(description.location)
  const have = new Set(placeWords(`${call.location_text ?? ''} ${call.town ?? ''}`))
  const place = wanted.length ? wanted.filter((word) => have.has(word)).length / wanted.length : 0
  const score =
    WEIGHTS.number * (numberMatches ? 1 : 0) + WEIGHTS.time * time + WEIGHTS.place * place
  return { score: Math.round(score * 1000) / 1000, numberMatches }
}

/** Calls of the CAD record that may be the one described, best first, at most 20. */
export async function findCandidateCalls(
  db: Db,
  description: Pick<
    CallDescription,
    'callDate' | 'timeFrom' | 'timeTo' | 'callingNumber' | 'location'
  >,
  timeZone: string,
  countRecordings: (callIds: string[]) => Promise<Map<string, number>>,
): Promise<CandidateCall[]> {
  const window = callWindow(description, timeZone)
  const calls = await listCallsArrivedBetween(db, window.from, window.to, MAX_SCANNED)
  const ranked = calls
    .map((call) => ({ call, ...scoreCall(call, description, window.stated) }))
    .sort((a, b) => b.score - a.score || a.call.arrived_at.getTime() - b.call.arrived_at.getTime())
    .slice(0, MAX_CANDIDATES)
  const counts = await countRecordings(ranked.map((entry) => entry.call.id))
  return ranked.map(({ call, score, numberMatches }) => ({
    callId: call.id,
    arrivedAt: call.arrived_at.toISOString(),
    ani: call.ani,
    line: call.line,
    locationText: call.location_text,
    town: call.town,
    incidentNumber: call.incident_number,
    natureCode: call.nature_code,
    recordingCount: counts.get(call.id) ?? 0,
    numberMatches,
    score,
  }))
}
