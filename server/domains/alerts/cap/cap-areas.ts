/**
 * An alert's areas as CAP `<area>`s. CAP has no way to say "but not here": an exclude area is
 * named in each include area's description, never written as a shape of its own, because a
 * consumer would alert inside it (an "exclude" polygon once alerted a whole county).
 */
import type { AlertArea, AreaShape } from '@common/api/alerts.ts'
import { AppError } from '../../../http/errors.ts'
import type { CapArea } from './cap-document.ts'
import type { LatLon } from './cap-geometry.ts'

/** [lon, lat], as GeoJSON orders a position. */
type LonLat = [number, number]
/** A town boundary's GeoJSON coordinates: a Polygon's rings or a MultiPolygon's polygons. */
export type TownCoordinates = LonLat[][] | LonLat[][][]
/** Town boundaries by town name. */
export type AreaTownBoundaries = Map<string, TownCoordinates>

/**
 * One CAP area per include area: a polygon stays a polygon, a circle a circle, a town becomes its
 * boundary's outer ring(s) plus the county's SAME geocode (`countySame`, e.g. `025027` for
 * Worcester County, MA). Throws a 400 naming the area when a town has no known boundary.
 */
export function capAreasFor(
  areas: AlertArea[],
  towns: AreaTownBoundaries,
  countySame: string,
): CapArea[] {
  const byName = townsByName(towns)
  const name = (area: AlertArea) => areaName(area, byName)
  const excluded = areas.filter((a) => a.mode === 'exclude').map(name)
  const excluding = excluded.length > 0 ? ` excluding ${excluded.join(', ')}` : ''
  const result: CapArea[] = []
  areas.forEach((area, index) => {
    if (area.mode !== 'include') return
    const areaDesc = `${name(area)}${excluding}`
    const { shape } = area
    switch (shape.kind) {
      case 'polygon':
        result.push({ areaDesc, polygons: [shape.points], circles: [], geocodes: [] })
        return
      case 'circle':
        result.push({
          areaDesc,
          polygons: [],
          circles: [{ center: shape.center, radiusKm: shape.radiusKm }],
          geocodes: [],
        })
        return
      case 'town': {
        const boundary = byName.get(townKey(shape.town))
        if (!boundary) {
          const field = `areas.${index}.shape.town`
          throw new AppError(
            'invalid_input',
            `${field}: no boundary is known for "${shape.town}"`,
            field,
          )
        }
        result.push({
          areaDesc,
          polygons: outerRings(boundary.coordinates),
          circles: [],
          geocodes: [{ valueName: 'SAME', value: countySame }],
        })
        return
      }
    }
  })
  return result
}

/** What people call the area: its label, else words for its shape (a town as the map spells it). */
function areaName(area: AlertArea, towns: Map<string, KnownTown>): string {
  if (area.label.trim()) return area.label.trim()
  return shapeName(area.shape, towns)
}

function shapeName(shape: AreaShape, towns: Map<string, KnownTown>): string {
  switch (shape.kind) {
    case 'polygon':
      return 'an area drawn on the map'
    case 'circle':
      return `within ${short(shape.radiusKm)} km of ${short(shape.center[0])},${short(shape.center[1])}`
    case 'town':
      return towns.get(townKey(shape.town))?.name ?? shape.town.trim()
  }
}

function short(value: number): string {
  return String(Number(value.toFixed(4)) + 0)
}

/** Outer rings as [lat, lon]; holes (enclaves) have no CAP form and are left out. */
function outerRings(coordinates: TownCoordinates): LatLon[][] {
  const polygons = isPolygon(coordinates) ? [coordinates] : coordinates
  return polygons
    .map((rings) => rings[0])
    .filter((ring): ring is LonLat[] => ring !== undefined && ring.length >= 3)
    .map((ring) => ring.map(([lon, lat]): LatLon => [lat, lon]))
}

function isPolygon(coordinates: TownCoordinates): coordinates is LonLat[][] {
  return typeof coordinates[0]?.[0]?.[0] === 'number'
}

interface KnownTown {
  name: string
  coordinates: TownCoordinates
}

/** Towns by a key that ignores case and spacing, as operators type them. */
function townsByName(towns: AreaTownBoundaries): Map<string, KnownTown> {
  return new Map([...towns].map(([name, coordinates]) => [townKey(name), { name, coordinates }]))
}

function townKey(name: string): string {
  return name.trim().toUpperCase()
}
