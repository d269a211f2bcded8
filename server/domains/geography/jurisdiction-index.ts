import type { AreaGeometry, PolygonCoordinates } from './geography.table.ts'

export type Discipline = 'fire' | 'police' | 'ems'

/** The first-due station of each discipline at a point; null where no zone covers it. */
export interface FirstDue {
  fire: string | null
  police: string | null
  ems: string | null
}

interface Area<T> {
  value: T
  polygons: PolygonCoordinates[]
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
}

/** Ray casting over one ring of [lon, lat] positions. */
function inRing(ring: PolygonCoordinates[number], lon: number, lat: number): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Inside the outer ring and outside every hole. */
export function inPolygon(polygon: PolygonCoordinates, lon: number, lat: number): boolean {
  const [outer, ...holes] = polygon
  if (!outer || !inRing(outer, lon, lat)) return false
  return !holes.some((hole) => inRing(hole, lon, lat))
}

function toArea<T>(value: T, geometry: AreaGeometry): Area<T> {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let minLon = Infinity
  let minLat = Infinity
  let maxLon = -Infinity
  let maxLat = -Infinity
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      minLon = Math.min(minLon, lon)
      maxLon = Math.max(maxLon, lon)
      minLat = Math.min(minLat, lat)
      maxLat = Math.max(maxLat, lat)
    }
  }
  return { value, polygons, minLon, minLat, maxLon, maxLat }
}

/** Areas found by the point they contain: a bounding-box test first, the polygon test after. */
class AreaIndex<T> {
  private readonly areas: Area<T>[]

  constructor(entries: { value: T; geometry: AreaGeometry }[]) {
    this.areas = entries.map((entry) => toArea(entry.value, entry.geometry))
  }

  get size(): number {
    return this.areas.length
  }

  find(lat: number, lon: number): T[] {
    const found: T[] = []
    for (const area of this.areas) {
      if (lon < area.minLon || lon > area.maxLon || lat < area.minLat || lat > area.maxLat) continue
      if (area.polygons.some((polygon) => inPolygon(polygon, lon, lat))) found.push(area.value)
    }
    return found
  }
}

export interface JurisdictionInput {
  town: string
  geometry: AreaGeometry
}

export interface ResponseZoneInput {
  stationCode: string
  discipline: Discipline
  geometry: AreaGeometry
}

/** Which town a point lies in, and which stations are first due there. */
export class JurisdictionIndex {
  private readonly towns: AreaIndex<string>
  private readonly zones: AreaIndex<{ stationCode: string; discipline: Discipline }>

  constructor(jurisdictions: JurisdictionInput[], zones: ResponseZoneInput[]) {
    this.towns = new AreaIndex(jurisdictions.map((j) => ({ value: j.town, geometry: j.geometry })))
    this.zones = new AreaIndex(
      zones.map((z) => ({
        value: { stationCode: z.stationCode, discipline: z.discipline },
        geometry: z.geometry,
      })),
    )
  }

  get hasTowns(): boolean {
    return this.towns.size > 0
  }

  get hasZones(): boolean {
    return this.zones.size > 0
  }

  /** The town whose boundary contains the point, or null outside every boundary. */
  townAt(lat: number, lon: number): string | null {
    return this.towns.find(lat, lon)[0] ?? null
  }

  /** The first-due station per discipline; overlapping zones give the one listed first. */
  firstDueAt(lat: number, lon: number): FirstDue {
    const due: FirstDue = { fire: null, police: null, ems: null }
    for (const zone of this.zones.find(lat, lon)) {
      due[zone.discipline] ??= zone.stationCode
    }
    return due
  }
}
