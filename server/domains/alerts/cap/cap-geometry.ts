/**
 * CAP shapes as text: a polygon is a closed ring of "lat,lon" pairs, a circle "lat,lon radius"
 * (radius in km), degrees written with at most 6 decimals (about 10 cm).
 */

/** [lat, lon] in WGS 84 degrees, as CAP orders a pair. */
export type LatLon = [number, number]

/**
 * IPAWS and other CAP consumers take at most 100 pairs in a polygon, the closing pair included;
 * longer rings are simplified to fit rather than refused.
 */
export const CAP_POLYGON_MAX_POINTS = 100

const DECIMALS = 6

/** A ring as CAP writes it: simplified to `maxPoints`, rounded, closed (first = last). */
export function capPolygon(ring: LatLon[], maxPoints = CAP_POLYGON_MAX_POINTS): string {
  return closedRing(ring, maxPoints)
    .map(([lat, lon]) => `${degrees(lat)},${degrees(lon)}`)
    .join(' ')
}

/** "lat,lon radius" with the radius in km. */
export function capCircle(center: LatLon, radiusKm: number): string {
  checkPosition(center)
  if (!Number.isFinite(radiusKm) || radiusKm <= 0) {
    throw new RangeError(`CAP circle: radius ${radiusKm} km must be positive`)
  }
  return `${degrees(center[0])},${degrees(center[1])} ${degrees(radiusKm)}`
}

/**
 * The ring's corners, at most `maxPoints` with the closing one, closed. An already closed ring
 * is accepted too (GeoJSON boundaries are closed).
 */
export function closedRing(ring: LatLon[], maxPoints = CAP_POLYGON_MAX_POINTS): LatLon[] {
  ring.forEach(checkPosition)
  const open = withoutRepeats(openRing(ring))
  const simplified = simplifyClosed(open, maxPoints - 1)
  const rounded = withoutRepeats(openRing(simplified.map(roundPosition)))
  if (rounded.length < 3) {
    throw new RangeError('CAP polygon: needs at least 3 distinct corners')
  }
  return [...rounded, rounded[0]!]
}

/**
 * Keeps `maxCorners` corners of an open ring by Douglas–Peucker run to a count: starting from the
 * first corner, it repeatedly adds the corner farthest from the outline kept so far, so the
 * corners that shape the outline most survive. Returns the open ring, in its order.
 */
export function simplifyClosed(ring: LatLon[], maxCorners: number): LatLon[] {
  if (ring.length <= maxCorners) return ring
  // Degrees of longitude shrink with latitude: scale them so distances compare fairly.
  const cosLat = Math.cos((ring[0]![0] * Math.PI) / 180)
  const xy = ring.map(([lat, lon]) => [lon * cosLat, lat] as const)
  const at = (i: number) => xy[i % ring.length]!
  const kept = new Set<number>([0])
  // The ring closes on corner 0, written as index `ring.length` so every segment runs forward.
  type Span = { from: number; to: number; farthest: number; distance: number }
  const span = (from: number, to: number): Span => {
    let farthest = -1
    let distance = -1
    for (let i = from + 1; i < to; i++) {
      const d = distanceToSegment(at(i), at(from), at(to))
      if (d > distance) {
        farthest = i
        distance = d
      }
    }
    return { from, to, farthest, distance }
  }
  const spans = [span(0, ring.length)]
  while (kept.size < maxCorners) {
    let best = 0
    for (let s = 1; s < spans.length; s++) {
      if (spans[s]!.distance > spans[best]!.distance) best = s
    }
    const chosen = spans[best]!
    if (chosen.farthest < 0) break
    kept.add(chosen.farthest)
    spans.splice(best, 1, span(chosen.from, chosen.farthest), span(chosen.farthest, chosen.to))
  }
  return [...kept].sort((a, b) => a - b).map((i) => ring[i]!)
}

type Point = readonly [number, number]

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const lengthSquared = dx * dx + dy * dy
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared))
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
}

function openRing(ring: LatLon[]): LatLon[] {
  return ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!)
    ? ring.slice(0, -1)
    : ring
}

function withoutRepeats(ring: LatLon[]): LatLon[] {
  return ring.filter((p, i) => i === 0 || !samePosition(p, ring[i - 1]!))
}

function samePosition(a: LatLon, b: LatLon): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

function roundPosition([lat, lon]: LatLon): LatLon {
  return [round(lat), round(lon)]
}

function round(value: number): number {
  // `+ 0` turns -0 into 0, so no "-0" is written.
  return Number(value.toFixed(DECIMALS)) + 0
}

function degrees(value: number): string {
  return String(round(value))
}

function checkPosition([lat, lon]: LatLon): void {
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    throw new RangeError(`CAP position ${lat},${lon} is outside WGS 84`)
  }
}
