import type { AlertArea, AreaShape } from '@common/api/alerts.ts'
import { haversineM, inPolygon, type AreaGeometry } from '../geography/index.ts'

/** A town's boundary as stored by the geography domain ([lon, lat] positions). */
export type TownBoundaries = Map<string, AreaGeometry>

interface Box {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

interface ShapeTest {
  box: Box
  contains(lat: number, lon: number): boolean
}

/**
 * Who is inside an alert's area: inside at least one include shape and inside no exclude
 * shape. `box` bounds the include shapes, so the database is asked only for places in it.
 */
export interface AreaMatcher {
  box: Box
  contains(lat: number, lon: number): boolean
}

/** Null when there is no include area: such an alert reaches nobody and may not be sent. */
export function areaMatcher(areas: AlertArea[], towns: TownBoundaries): AreaMatcher | null {
  const includes = areas.filter((a) => a.mode === 'include').map((a) => shapeTest(a.shape, towns))
  const excludes = areas.filter((a) => a.mode === 'exclude').map((a) => shapeTest(a.shape, towns))
  if (includes.length === 0) return null
  const box = includes.map((s) => s.box).reduce(unionBox)
  return {
    box,
    contains(lat, lon) {
      return (
        includes.some((s) => inBox(s.box, lat, lon) && s.contains(lat, lon)) &&
        !excludes.some((s) => inBox(s.box, lat, lon) && s.contains(lat, lon))
      )
    },
  }
}

/** The names of towns an area list asks for that the geography does not have. */
export function unknownTowns(areas: AlertArea[], towns: TownBoundaries): string[] {
  return areas
    .map((a) => a.shape)
    .filter((s): s is Extract<AreaShape, { kind: 'town' }> => s.kind === 'town')
    .map((s) => s.town)
    .filter((town) => !towns.has(townKey(town)))
}

export function townKey(town: string): string {
  return town.trim().toUpperCase()
}

function shapeTest(shape: AreaShape, towns: TownBoundaries): ShapeTest {
  switch (shape.kind) {
    case 'polygon': {
      // The same ray casting as the town boundaries, over one [lon, lat] ring.
      const ring = shape.points.map(([lat, lon]) => [lon, lat] as [number, number])
      return { box: boxOf(shape.points), contains: (lat, lon) => inPolygon([ring], lon, lat) }
    }
    case 'circle': {
      const [clat, clon] = shape.center
      const metres = shape.radiusKm * 1000
      const dLat = metres / 111_320
      const dLon = metres / (111_320 * Math.max(0.01, Math.cos((clat * Math.PI) / 180)))
      return {
        box: { minLat: clat - dLat, maxLat: clat + dLat, minLon: clon - dLon, maxLon: clon + dLon },
        contains: (lat, lon) => haversineM(clat, clon, lat, lon) <= metres,
      }
    }
    case 'town': {
      const geometry = towns.get(townKey(shape.town))
      if (!geometry) return { box: EMPTY_BOX, contains: () => false }
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
      const corners = polygons
        .flatMap((p) => p[0] ?? [])
        .map(([lon, lat]): [number, number] => [lat, lon])
      return {
        box: boxOf(corners),
        contains: (lat, lon) => polygons.some((p) => inPolygon(p, lon, lat)),
      }
    }
  }
}

const EMPTY_BOX: Box = { minLat: Infinity, maxLat: -Infinity, minLon: Infinity, maxLon: -Infinity }

function boxOf(points: readonly (readonly [number, number])[]): Box {
  let box = EMPTY_BOX
  for (const [lat, lon] of points) {
    box = {
      minLat: Math.min(box.minLat, lat),
      maxLat: Math.max(box.maxLat, lat),
      minLon: Math.min(box.minLon, lon),
      maxLon: Math.max(box.maxLon, lon),
    }
  }
  return box
}

function unionBox(a: Box, b: Box): Box {
  return {
    minLat: Math.min(a.minLat, b.minLat),
    maxLat: Math.max(a.maxLat, b.maxLat),
    minLon: Math.min(a.minLon, b.minLon),
    maxLon: Math.max(a.maxLon, b.maxLon),
  }
}

function inBox(box: Box, lat: number, lon: number): boolean {
  return lat >= box.minLat && lat <= box.maxLat && lon >= box.minLon && lon <= box.maxLon
}
