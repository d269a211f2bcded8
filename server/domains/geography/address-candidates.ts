import type { AddressCandidate, LatLon, MatchReason, VerifyResult } from '@common/api/geography.ts'
import type { CivicAddress } from '@common/api/locations.ts'
import { formatAddress } from '@common/domain/address.ts'
import type { FirstDue, JurisdictionIndex } from './jurisdiction-index.ts'

export const MAX_CANDIDATES = 10
const NO_FIRST_DUE: FirstDue = { fire: null, police: null, ems: null }

/**
 * Candidates that matched exactly (only a missing type or direction filled in). Kept beside the
 * candidate, not in it, so that the API shape carries no ranking internals.
 */
const exact = new WeakSet<AddressCandidate>()

export function isExact(candidate: AddressCandidate): boolean {
  return exact.has(candidate)
}

/**
 * One candidate: the address as the data writes it, placed in the town and first-due zones of
 * its point (the town of the data when there is no point or no boundary holds it).
 */
export function buildCandidate(
  areas: JurisdictionIndex,
  parts: Omit<CivicAddress, 'town' | 'state'>,
  point: LatLon | null,
  dataTown: string,
  score: number,
  why: MatchReason[],
  detail: string,
  isExact: boolean,
): AddressCandidate {
  const address: CivicAddress = { ...parts, town: dataTown, state: 'MA' }
  const candidate: AddressCandidate = {
    text: formatAddress(address),
    address,
    point,
    town: (point && areas.townAt(point.lat, point.lon)) ?? dataTown,
    firstDue: point ? areas.firstDueAt(point.lat, point.lon) : NO_FIRST_DUE,
    score: Math.max(0, Math.round(score * 1000) / 1000),
    why: [...new Set(why)],
    detail,
  }
  if (isExact) exact.add(candidate)
  return candidate
}

/** Best first (score, then exactness, then text), one per text, at most MAX_CANDIDATES. */
export function rank(candidates: AddressCandidate[]): AddressCandidate[] {
  const seen = new Set<string>()
  return candidates
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(exact.has(b)) - Number(exact.has(a)) ||
        a.text.localeCompare(b.text),
    )
    .filter((c) => {
      if (seen.has(c.text)) return false
      seen.add(c.text)
      return true
    })
    .slice(0, MAX_CANDIDATES)
}

/**
 * The one exact candidate: exact as typed beats one whose type, direction or town was filled in
 * ("Main St" is MAIN ST, not N MAIN ST); two equally exact ones are a choice for the dispatcher.
 */
export function uniqueExact(ranked: AddressCandidate[]): AddressCandidate | null {
  const exacts = ranked.filter((c) => exact.has(c))
  const asTyped = exacts.filter(
    (c) => !c.why.includes('completed') && !c.why.includes('town_inferred'),
  )
  if (asTyped.length === 1) return asTyped[0]!
  return asTyped.length === 0 && exacts.length === 1 ? exacts[0]! : null
}

/** Verified when one ranked candidate is exact, else the candidates, else not found for `reason`. */
export function rankedResult(
  input: string,
  candidates: AddressCandidate[],
  reason: string,
): VerifyResult {
  const ranked = rank(candidates)
  const verified = uniqueExact(ranked)
  if (verified) {
    return { status: 'verified', input, reason: null, match: verified, candidates: ranked }
  }
  if (ranked.length > 0) {
    return { status: 'candidates', input, reason: null, match: null, candidates: ranked }
  }
  return { status: 'not_found', input, reason, match: null, candidates: [] }
}
