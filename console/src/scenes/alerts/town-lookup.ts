import type { MapFeature, MapFeatureCollection } from '@common/api/geography.ts'

type Ring = [number, number][]

/** Ray casting on one ring of [lon, lat] positions. */
function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Inside the outer ring and outside every hole. */
function inPolygon(rings: Ring[], lon: number, lat: number): boolean {
  const [outer, ...holes] = rings
  return !!outer && inRing(outer, lon, lat) && !holes.some((hole) => inRing(hole, lon, lat))
}

export function featureContains(feature: MapFeature, lat: number, lon: number): boolean {
  const geometry = feature.geometry
  if (geometry.type === 'Polygon') return inPolygon(geometry.coordinates, lon, lat)
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.some((polygon) => inPolygon(polygon, lon, lat))
  }
  return false
}

export function townName(feature: MapFeature): string {
  return feature.properties.town ?? feature.properties.name ?? ''
}

/** The town whose boundary holds a point, for "pick a whole town" by clicking inside it. */
export function townAt(towns: MapFeatureCollection, lat: number, lon: number): string | null {
  const feature = towns.features.find((each) => featureContains(each, lat, lon))
  return feature ? townName(feature) || null : null
}

/** Town names in the layer, sorted, for the picker. */
export function townNames(towns: MapFeatureCollection): string[] {
  return [...new Set(towns.features.map(townName).filter(Boolean))].sort()
}
