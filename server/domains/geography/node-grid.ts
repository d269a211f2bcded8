import { EARTH_RADIUS_M, haversineM } from './distance.ts'

const METERS_PER_DEGREE = (EARTH_RADIUS_M * Math.PI) / 180
/** About this many nodes per cell: few enough to scan, enough that most cells are not empty. */
const NODES_PER_CELL = 2

/**
 * A uniform grid over points, for the nearest point to a position. Positions are projected on a
 * plane (equirectangular at the region's middle latitude): over a county the error is far
 * below the spacing of intersections, and the plane makes the ring search's bound exact.
 */
export interface NodeGrid {
  cols: number
  rows: number
  cellM: number
  minX: number
  minY: number
  metersPerLonDegree: number
  x: Float64Array
  y: Float64Array
  cellStart: Int32Array
  cellNodes: Int32Array
}

export function buildNodeGrid(lat: Float64Array, lon: Float64Array): NodeGrid {
  const n = lat.length
  let minLat = Infinity
  let maxLat = -Infinity
  let minLon = Infinity
  let maxLon = -Infinity
  for (let i = 0; i < n; i++) {
    minLat = Math.min(minLat, lat[i]!)
    maxLat = Math.max(maxLat, lat[i]!)
    minLon = Math.min(minLon, lon[i]!)
    maxLon = Math.max(maxLon, lon[i]!)
  }
  if (n === 0) minLat = maxLat = minLon = maxLon = 0
  const metersPerLonDegree = METERS_PER_DEGREE * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x[i] = lon[i]! * metersPerLonDegree
    y[i] = lat[i]! * METERS_PER_DEGREE
  }
  const minX = minLon * metersPerLonDegree
  const minY = minLat * METERS_PER_DEGREE
  const width = (maxLon - minLon) * metersPerLonDegree
  const height = (maxLat - minLat) * METERS_PER_DEGREE
  const cellM = Math.max(1, Math.sqrt((width * height) / Math.max(1, n / NODES_PER_CELL)))
  const cols = Math.max(1, Math.min(4096, Math.floor(width / cellM) + 1))
  const rows = Math.max(1, Math.min(4096, Math.floor(height / cellM) + 1))
  const cellOf = (i: number) =>
    Math.min(rows - 1, Math.floor((y[i]! - minY) / cellM)) * cols +
    Math.min(cols - 1, Math.floor((x[i]! - minX) / cellM))
  const cellStart = new Int32Array(cols * rows + 1)
  for (let i = 0; i < n; i++) {
    const c = cellOf(i) + 1
    cellStart[c] = cellStart[c]! + 1
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] = cellStart[c + 1]! + cellStart[c]!
  const fill = cellStart.slice(0, cols * rows)
  const cellNodes = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = cellOf(i)
    cellNodes[fill[c]!] = i
    fill[c] = fill[c]! + 1
  }
  return { cols, rows, cellM, minX, minY, metersPerLonDegree, x, y, cellStart, cellNodes }
}

/**
 * The point nearest (lat, lon), searching rings of cells outward from the position's cell and
 * stopping once no farther ring can hold anything closer. Null when the grid is empty. The
 * distance returned is the great-circle one.
 */
export function nearestNode(
  grid: NodeGrid,
  lat: Float64Array,
  lon: Float64Array,
  atLat: number,
  atLon: number,
): { node: number; meters: number } | null {
  if (grid.cellNodes.length === 0) return null
  const px = atLon * grid.metersPerLonDegree
  const py = atLat * METERS_PER_DEGREE
  const cx = Math.floor((px - grid.minX) / grid.cellM)
  const cy = Math.floor((py - grid.minY) / grid.cellM)
  // A position outside the grid starts at the first ring that touches it.
  const first = Math.max(0, -cx, cx - (grid.cols - 1), -cy, cy - (grid.rows - 1))
  const last = Math.max(cx, grid.cols - 1 - cx, cy, grid.rows - 1 - cy)
  let best = -1
  let bestSq = Infinity
  const scan = (col: number, row: number) => {
    const cell = row * grid.cols + col
    for (let k = grid.cellStart[cell]!; k < grid.cellStart[cell + 1]!; k++) {
      const node = grid.cellNodes[k]!
      const dx = grid.x[node]! - px
      const dy = grid.y[node]! - py
      const sq = dx * dx + dy * dy
      if (sq < bestSq || (sq === bestSq && node < best)) {
        bestSq = sq
        best = node
      }
    }
  }
  for (let ring = first; ring <= last; ring++) {
    // Every cell of ring r + 1 lies at least r cells away from a point inside cell (cx, cy).
    if (best >= 0 && (ring - 1) * grid.cellM > Math.sqrt(bestSq)) break
    const top = Math.max(0, cy - ring)
    const bottom = Math.min(grid.rows - 1, cy + ring)
    for (let row = top; row <= bottom; row++) {
      if (row === cy - ring || row === cy + ring) {
        for (let col = Math.max(0, cx - ring); col <= Math.min(grid.cols - 1, cx + ring); col++) {
          scan(col, row)
        }
      } else {
        if (cx - ring >= 0 && cx - ring < grid.cols) scan(cx - ring, row)
        if (ring > 0 && cx + ring >= 0 && cx + ring < grid.cols) scan(cx + ring, row)
      }
    }
  }
  if (best < 0) return null
  return { node: best, meters: haversineM(lat[best]!, lon[best]!, atLat, atLon) }
}
