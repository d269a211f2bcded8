import type { AreaGeometry, Position } from '../geography.table.ts'
import type { SourceRow } from './source-file.ts'

/** Why a row was refused: the field (NENA name) and a reason that starts with it. */
export interface Problem {
  field: string
  reason: string
}

const DIRECTIONS = new Set(['N', 'S', 'E', 'W', 'NE', 'NW', 'SE', 'SW'])

/**
 * Reads one source row's fields by their NENA names, collecting every problem instead of
 * stopping at the first, so a rejects file lists all that is wrong with a row at once.
 */
export class FieldReader {
  readonly problems: Problem[] = []

  constructor(readonly row: SourceRow) {}

  problem(field: string, reason: string): void {
    this.problems.push({ field, reason: `${field}: ${reason}` })
  }

  /** The first of `names` present; trimmed text, null when blank. */
  text(...names: string[]): string | null {
    for (const name of names) {
      const value = this.row.get(name)
      if (value === undefined || value === null) continue
      if (typeof value === 'number' || typeof value === 'boolean') return String(value)
      if (typeof value !== 'string') {
        this.problem(name, `expected text, found ${describe(value)}`)
        return null
      }
      const trimmed = value.trim().replace(/\s+/g, ' ')
      if (trimmed !== '') return trimmed
    }
    return null
  }

  requiredText(...names: string[]): string {
    const value = this.text(...names)
    if (value === null) this.problem(names[0]!, 'required, missing or blank')
    return value ?? ''
  }

  /** A whole number within bounds; null when blank and not required. */
  integer(name: string, options: { min: number; max: number; required?: boolean }): number | null {
    const raw = this.row.get(name)
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (options.required) this.problem(name, 'required, missing or blank')
      return null
    }
    const value = typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : raw
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.problem(name, `not a whole number (${describe(raw)})`)
      return null
    }
    if (value < options.min || value > options.max) {
      this.problem(name, `${value} is outside ${options.min}..${options.max}`)
      return null
    }
    return value
  }

  /** A number (decimals allowed) within bounds; null when blank. */
  number(
    name: string,
    options: { min: number; max: number; minExclusive?: boolean },
  ): number | null {
    const raw = this.row.get(name)
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      return null
    }
    const value = typeof raw === 'string' && isDecimal(raw.trim()) ? Number(raw) : raw
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(name, `not a number (${describe(raw)})`)
      return null
    }
    const tooLow = options.minExclusive ? value <= options.min : value < options.min
    if (tooLow || value > options.max) {
      const low = options.minExclusive ? `above ${options.min}` : `at least ${options.min}`
      this.problem(name, `${value} is out of range (${low}, at most ${options.max})`)
      return null
    }
    return value
  }

  /** One of `allowed`, case-insensitive, aliases included; null when blank (or refused). */
  choice<T extends string>(
    names: string[],
    allowed: Record<string, T>,
    required = false,
  ): T | null {
    const value = this.text(...names)
    if (value === null) {
      if (required) this.problem(names[0]!, 'required, missing or blank')
      return null
    }
    const found = allowed[value.toUpperCase()]
    if (found === undefined) {
      const known = [...new Set(Object.values(allowed))].join(', ')
      const field = names.find((name) => this.row.get(name) !== undefined) ?? names[0]!
      this.problem(field, `unknown value "${value}" (known: ${known})`)
      return null
    }
    return found
  }

  /** St_PreDir, St_PosDir: N, SW ... ('North' and 'n.' accepted); null when blank. */
  direction(name: string, normal: (value: string) => string): string | null {
    const value = this.text(name)
    if (value === null) return null
    const direction = normal(value)
    if (!DIRECTIONS.has(direction)) {
      this.problem(name, `unknown direction "${value}" (N, S, E, W, NE, NW, SE, SW or in full)`)
      return null
    }
    return direction
  }

  /** A point: the GeoJSON Point geometry, or the Lat and Long columns of a CSV file. */
  point(): { lat: number; lon: number } | null {
    const geometry = this.row.geometry
    if (this.row.format === 'csv') {
      const before = this.problems.length
      const lat = this.number('Lat', { min: -90, max: 90 })
      const lon = this.number('Long', { min: -180, max: 180 })
      if (this.problems.length > before) return null
      if (lat === null || lon === null) {
        const field = lat === null ? 'Lat' : 'Long'
        this.problem(field, 'required, missing or blank')
        return null
      }
      return { lat, lon }
    }
    if (geometry === null) {
      this.problem('geometry', 'missing (a Point)')
      return null
    }
    if (geometry.type !== 'Point') {
      this.problem('geometry', `expected a Point, found ${describe(geometry.type)}`)
      return null
    }
    const position = this.position(geometry.coordinates, 'geometry')
    return position ? { lon: position[0], lat: position[1] } : null
  }

  /** A LineString of two positions or more (a MultiLineString of one line is taken as one). */
  line(): Position[] | null {
    const geometry = this.row.geometry
    if (geometry === null) {
      this.problem('geometry', 'missing (a LineString)')
      return null
    }
    let coordinates = geometry.coordinates
    if (
      geometry.type === 'MultiLineString' &&
      Array.isArray(coordinates) &&
      coordinates.length === 1
    ) {
      coordinates = coordinates[0]
    } else if (geometry.type !== 'LineString') {
      this.problem('geometry', `expected a LineString, found ${describe(geometry.type)}`)
      return null
    }
    if (!Array.isArray(coordinates) || coordinates.length < 2) {
      this.problem('geometry', 'a LineString needs two positions or more')
      return null
    }
    return this.positions(coordinates)
  }

  /** A Polygon or MultiPolygon whose rings are closed and have four positions or more. */
  area(): AreaGeometry | null {
    const geometry = this.row.geometry
    if (geometry === null) {
      this.problem('geometry', 'missing (a Polygon or MultiPolygon)')
      return null
    }
    if (geometry.type === 'Polygon') {
      const polygon = this.polygon(geometry.coordinates, 'polygon')
      return polygon ? { type: 'Polygon', coordinates: polygon } : null
    }
    if (geometry.type === 'MultiPolygon') {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
        this.problem('geometry', 'a MultiPolygon needs one polygon or more')
        return null
      }
      const polygons = geometry.coordinates.map((polygon: unknown, i) =>
        this.polygon(polygon, `polygon ${i}`),
      )
      return polygons.every((polygon) => polygon !== null)
        ? { type: 'MultiPolygon', coordinates: polygons }
        : null
    }
    this.problem('geometry', `expected a Polygon or MultiPolygon, found ${describe(geometry.type)}`)
    return null
  }

  private polygon(value: unknown, label: string): Position[][] | null {
    if (!Array.isArray(value) || value.length === 0) {
      this.problem('geometry', `${label}: needs an outer ring`)
      return null
    }
    const rings: Position[][] = []
    for (const [i, ring] of value.entries()) {
      if (!Array.isArray(ring) || ring.length < 4) {
        this.problem('geometry', `${label}, ring ${i}: needs four positions or more`)
        return null
      }
      const positions = this.positions(ring)
      if (!positions) return null
      const first = positions[0]!
      const last = positions[positions.length - 1]!
      if (first[0] !== last[0] || first[1] !== last[1]) {
        this.problem(
          'geometry',
          `${label}, ring ${i}: not closed (the last position must repeat the first)`,
        )
        return null
      }
      rings.push(positions)
    }
    return rings
  }

  private positions(values: unknown[]): Position[] | null {
    const positions: Position[] = []
    for (const value of values) {
      const position = this.position(value, 'geometry')
      if (!position) return null
      positions.push(position)
    }
    return positions
  }

  /** [lon, lat] (a third number, the altitude, is dropped): finite and within the globe. */
  private position(value: unknown, field: string): Position | null {
    if (
      !Array.isArray(value) ||
      value.length < 2 ||
      typeof value[0] !== 'number' ||
      typeof value[1] !== 'number' ||
      !Number.isFinite(value[0]) ||
      !Number.isFinite(value[1])
    ) {
      this.problem(field, `coordinates are not numbers (${describe(value)})`)
      return null
    }
    const [lon, lat] = value as [number, number]
    if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      this.problem(field, `coordinates out of range (lon ${lon}, lat ${lat})`)
      return null
    }
    return [lon, lat]
  }
}

function isDecimal(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
