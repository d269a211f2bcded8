import type { AlertAddressCheck } from '@common/api/alert-subscribers.ts'
import type { Ctx } from '../../http/context.ts'
import { findAddressPointIds, verifyAddressLine } from '../geography/index.ts'

/** An address verified and placed on the map, as it is kept for a subscriber. */
export interface PlacedAddress {
  label: string
  town: string
  lat: number
  lon: number
  addressPointId: string | null
}

export type AddressOutcome =
  | { ok: true; address: PlacedAddress }
  | { ok: false; message: string; candidates: string[]; reason: string | null }

/**
 * Verifies typed lines against the address points, streets and MSAG. Only an exact, unique
 * match with a point counts: a guess would alert someone for the wrong street. Runs before the
 * command's transaction (the index is read through the pool, and PGlite has one connection).
 */
export async function verifyAddressLines(
  ctx: Ctx,
  lines: { line: string; town?: string }[],
): Promise<AddressOutcome[]> {
  const results = []
  for (const { line, town } of lines) {
    results.push(await verifyAddressLine(ctx, { q: line, ...(town ? { town } : {}) }))
  }
  const points = results.flatMap((r) =>
    r.status === 'verified' && r.match?.point ? [r.match.point] : [],
  )
  const pointIds = await findAddressPointIds(ctx.db, points)
  return results.map((result): AddressOutcome => {
    const match = result.status === 'verified' ? result.match : null
    if (match?.point) {
      const key = `${match.point.lat},${match.point.lon}`
      return {
        ok: true,
        address: {
          label: match.text,
          town: match.town,
          lat: match.point.lat,
          lon: match.point.lon,
          addressPointId: match.why.includes('address_point') ? (pointIds.get(key) ?? null) : null,
        },
      }
    }
    const candidates = result.candidates.slice(0, 5).map((c) => c.text)
    const why = result.reason ? ` (${result.reason})` : ''
    return {
      ok: false,
      reason: result.reason,
      candidates,
      message:
        candidates.length > 0
          ? `not verified${why}; did you mean: ${candidates.join(' | ')}`
          : `not verified: ${result.reason ?? 'no such address in the region'}`,
    }
  })
}

/** What the portal shows while a resident types an address. */
export async function checkAddressLine(ctx: Ctx, line: string): Promise<AlertAddressCheck> {
  const [outcome] = await verifyAddressLines(ctx, [{ line }])
  if (outcome!.ok) {
    return { verified: true, label: outcome!.address.label, candidates: [], reason: null }
  }
  return {
    verified: false,
    label: null,
    candidates: outcome!.candidates,
    reason: outcome!.reason,
  }
}
