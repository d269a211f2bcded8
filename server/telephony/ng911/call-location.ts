import { LocationInput, type CivicAddress } from '@common/api/locations.ts'
import { EARTH_RADIUS_M, haversineM } from '../../domains/geography/index.ts'
import type { GeodeticShape, PidfLocation } from './pidf-lo.ts'

/**
 * A delivered PIDF-LO location as the call domain takes it: a civic address in the platform's
 * parts, or a point with the radius it is good to. Shapes other than points are reduced to their
 * centre and the distance that covers them, so the map and the duplicate check can use them.
 */
export function toLocationInput(location: PidfLocation): LocationInput | null {
  const input = convert(location)
  if (!input) return null
  // What the network sent is checked like any input; an address that does not pass is kept as text.
  if (LocationInput.safeParse(input).success) return input
  const text = location.civic ? civicText(location.civic) : null
  return text ? { source: input.source, text } : null
}

function convert(location: PidfLocation): LocationInput | null {
  if (location.civic) {
    const civic = toCivic(location.civic)
    if (civic) return { source: 'pidf_lo', civic }
    const text = civicText(location.civic)
    return text ? { source: 'pidf_lo', text } : null
  }
  if (location.shape) {
    const point = centreOf(location.shape)
    if (!point) return null
    return {
      source: location.element === 'device' ? 'device' : 'pidf_lo',
      point: {
        lat: round(point.lat, 7),
        lon: round(point.lon, 7),
        ...(point.radiusM !== null
          ? { uncertaintyM: Math.min(100_000, Math.round(point.radiusM)) }
          : {}),
        ...(location.confidencePct !== null ? { confidencePct: location.confidencePct } : {}),
      },
    }
  }
  return null
}

function toCivic(c: Record<string, string>): CivicAddress | null {
  const street = [c.PRM, c.RD ?? c.A6, c.POM].filter(Boolean).join(' ')
  const town = c.A3 ?? c.PCN ?? c.A4
  if (!street || !town) return null
  const clip = (value: string | undefined, max: number) => (value ? value.slice(0, max) : undefined)
  const address: CivicAddress = {
    street: street.slice(0, 100),
    town: town.slice(0, 64),
    state: /^[A-Za-z]{2}$/.test(c.A1 ?? '') ? (c.A1 as string).toUpperCase() : 'MA',
  }
  const houseNumber = [c.HNP, c.HNO].filter(Boolean).join('')
  const optional: Partial<CivicAddress> = {
    houseNumber: clip(houseNumber || undefined, 16),
    houseNumberSuffix: clip(c.HNS, 8),
    preDirection: clip(c.PRD, 8),
    streetType: clip(c.STS, 16),
    postDirection: clip(c.POD, 8),
    unit: clip(c.UNIT ?? c.ROOM, 32),
    building: clip(c.BLD, 64),
    floor: clip(c.FLR, 16),
    landmark: clip(c.LMK ?? c.NAM, 100),
    postalCode: /^\d{5}(-\d{4})?$/.test(c.PC ?? '') ? c.PC : undefined,
  }
  for (const [key, value] of Object.entries(optional)) {
    if (value) (address as Record<string, string>)[key] = value
  }
  return address
}

/** The civic elements as one line, for a delivered address too incomplete to verify. */
export function civicText(c: Record<string, string>): string | null {
  const line = [
    c.HNO,
    c.PRD,
    c.RD ?? c.A6,
    c.STS,
    c.POD,
    c.UNIT && `Unit ${c.UNIT}`,
    c.A3 ?? c.PCN,
    c.A1,
    c.PC,
    c.LOC,
    c.NAM,
  ]
    .filter(Boolean)
    .join(' ')
    .trim()
  return line ? line.slice(0, 300) : null
}

/** The centre of a shape and the radius (m) around it that covers the shape. */
export function centreOf(
  shape: GeodeticShape,
): { lat: number; lon: number; radiusM: number | null } | null {
  switch (shape.type) {
    case 'Point':
      return { lat: shape.lat, lon: shape.lon, radiusM: null }
    case 'Circle':
    case 'Sphere':
      return { lat: shape.lat, lon: shape.lon, radiusM: shape.radiusM }
    case 'Ellipse':
    case 'Ellipsoid':
      return { lat: shape.lat, lon: shape.lon, radiusM: shape.semiMajorM }
    case 'ArcBand': {
      const bearing = ((shape.startAngleDeg + shape.openingAngleDeg / 2) * Math.PI) / 180
      const distance = (shape.innerRadiusM + shape.outerRadiusM) / 2
      const lat = shape.lat + ((distance * Math.cos(bearing)) / EARTH_RADIUS_M) * (180 / Math.PI)
      const lon =
        shape.lon +
        ((distance * Math.sin(bearing)) /
          (EARTH_RADIUS_M * Math.cos((shape.lat * Math.PI) / 180))) *
          (180 / Math.PI)
      return {
        lat,
        lon,
        radiusM:
          (shape.outerRadiusM - shape.innerRadiusM) / 2 +
          distance * Math.sin(((shape.openingAngleDeg / 2) * Math.PI) / 180),
      }
    }
    case 'Polygon':
    case 'Prism': {
      const ring = shape.points.slice(0, -1)
      if (ring.length === 0) return null
      const lat = ring.reduce((sum, p) => sum + p[0], 0) / ring.length
      const lon = ring.reduce((sum, p) => sum + p[1], 0) / ring.length
      const radiusM = Math.max(...ring.map((p) => haversineM(lat, lon, p[0], p[1])))
      return { lat, lon, radiusM }
    }
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
