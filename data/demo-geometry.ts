/** [lon, lat], as GeoJSON orders a position. */
export type LonLat = [number, number]
export type Ring = LonLat[]

/** The region's middle latitude: an equirectangular plane is exact enough over three towns. */
const MIDDLE_LATITUDE = 42.27
export const METERS_PER_LAT = 111_132
export const METERS_PER_LON = 111_320 * Math.cos((MIDDLE_LATITUDE * Math.PI) / 180)

/** Six decimals (about 10 cm): shared end points come out as the very same numbers. */
export function round6(value: number): number {
  return Number(value.toFixed(6))
}

export function roundPosition([lon, lat]: LonLat): LonLat {
  return [round6(lon), round6(lat)]
}

export function distanceM(a: LonLat, b: LonLat): number {
  const dx = (b[0] - a[0]) * METERS_PER_LON
  const dy = (b[1] - a[1]) * METERS_PER_LAT
  return Math.hypot(dx, dy)
}

/** `a` moved by dx metres east and dy metres north. */
export function offsetM(a: LonLat, dx: number, dy: number): LonLat {
  return [a[0] + dx / METERS_PER_LON, a[1] + dy / METERS_PER_LAT]
}

/** Even-odd ray casting on an open or closed ring. */
export function insideRing(point: LonLat, ring: Ring): boolean {
  const [x, y] = point
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Twice the signed area in degrees²: positive when counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1]
  }
  return sum
}

/** A closed, counter-clockwise (RFC 7946 exterior) ring of rounded positions. */
export function closedRing(ring: Ring): Ring {
  const open = ring.map(roundPosition)
  const last = open[open.length - 1]!
  if (open[0]![0] === last[0] && open[0]![1] === last[1]) open.pop()
  if (signedArea(open) < 0) open.reverse()
  return [...open, open[0]!]
}

/**
 * The part of an open ring on the side of the line through `site` nearer to it than to
 * `other` (Sutherland-Hodgman against one half-plane): clipping a town by every bisector gives
 * a station's Voronoi cell inside the town, i.e. the area it reaches first as the crow flies.
 */
export function clipNearer(ring: Ring, site: LonLat, other: LonLat): Ring {
  const toXY = ([lon, lat]: LonLat) => [lon * METERS_PER_LON, lat * METERS_PER_LAT] as const
  const [sx, sy] = toXY(site)
  const [ox, oy] = toXY(other)
  const nx = ox - sx
  const ny = oy - sy
  const c = (ox * ox + oy * oy - sx * sx - sy * sy) / 2
  const value = (p: LonLat) => {
    const [x, y] = toXY(p)
    return c - (nx * x + ny * y)
  }
  const out: Ring = []
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!
    const previous = ring[(i + ring.length - 1) % ring.length]!
    const vc = value(current)
    const vp = value(previous)
    if (vc >= 0 !== vp >= 0) {
      const t = vp / (vp - vc)
      out.push([
        previous[0] + t * (current[0] - previous[0]),
        previous[1] + t * (current[1] - previous[1]),
      ])
    }
    if (vc >= 0) out.push(current)
  }
  return out
}
