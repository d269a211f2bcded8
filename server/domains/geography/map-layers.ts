import { createHash } from 'node:crypto'
import type { BoundingBox, MapFeature } from '@common/api/geography.ts'
import type { AreaGeometry, Position } from './geography.table.ts'

/** 5 decimals of a degree is about 1 m: enough for a dispatch map, and a third fewer bytes. */
const SCALE = 1e5

export const roundDegrees = (value: number): number => Math.round(value * SCALE) / SCALE

/**
 * Rounds each position and drops the repeats rounding makes, unless that would leave fewer
 * positions than the geometry needs (2 for a line, 4 for a closed ring).
 */
export function roundPositions(positions: Position[], minimum: number): Position[] {
  const rounded = positions.map(([lon, lat]): Position => [roundDegrees(lon), roundDegrees(lat)])
  const kept = rounded.filter(
    (p, i) => i === 0 || p[0] !== rounded[i - 1]![0] || p[1] !== rounded[i - 1]![1],
  )
  return kept.length >= minimum ? kept : rounded
}

export function roundArea(geometry: AreaGeometry): MapFeature['geometry'] {
  const polygon = (rings: Position[][]) => rings.map((ring) => roundPositions(ring, 4))
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) }
}

/** One feature, serialised once, with the box its geometry spans for `bbox` filtering. */
export interface BuiltFeature {
  json: string
  box: BoundingBox
}

/** A layer ready to serve: the whole body and its ETag, and the features to filter by box. */
export interface BuiltLayer {
  features: BuiltFeature[]
  body: string
  etag: string
}

function boxOf(geometry: MapFeature['geometry']): BoundingBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity }
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return
    if (typeof value[0] === 'number') {
      const [lon, lat] = value as Position
      box.minLon = Math.min(box.minLon, lon)
      box.maxLon = Math.max(box.maxLon, lon)
      box.minLat = Math.min(box.minLat, lat)
      box.maxLat = Math.max(box.maxLat, lat)
      return
    }
    for (const item of value) visit(item)
  }
  visit(geometry.coordinates)
  return box
}

const meets = (a: BoundingBox, b: BoundingBox): boolean =>
  a.minLon <= b.maxLon && a.maxLon >= b.minLon && a.minLat <= b.maxLat && a.maxLat >= b.minLat

const collection = (jsons: string[]): string =>
  `{"type":"FeatureCollection","features":[${jsons.join(',')}]}`

/** A strong ETag: the same bytes give the same tag on every node. */
const tagOf = (text: string): string =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`

export function buildLayer(features: MapFeature[]): BuiltLayer {
  const built = features.map((feature) => ({
    json: JSON.stringify(feature),
    box: boxOf(feature.geometry),
  }))
  const body = collection(built.map((feature) => feature.json))
  return { features: built, body, etag: tagOf(body) }
}

/** The layer cut to the features whose extent meets the box, with its own ETag. */
export function cutLayer(layer: BuiltLayer, box: BoundingBox): { body: string; etag: string } {
  const body = collection(layer.features.filter((f) => meets(f.box, box)).map((f) => f.json))
  // The cut is a function of the whole layer and the box: no need to hash its bytes again.
  const { minLon, minLat, maxLon, maxLat } = box
  return { body, etag: tagOf(`${layer.etag}|${minLon},${minLat},${maxLon},${maxLat}`) }
}
