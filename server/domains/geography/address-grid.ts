import { haversineM } from './distance.ts'
import type { PointRec } from './address-streets.ts'

const CELL_DEG = 0.0025
// The fewest metres a degree of latitude spans (at the equator): the cells searched never fall
// short of the radius.
const M_PER_DEG_LAT = 110_574

const cellKey = (y: number, x: number) => y * 1_000_003 + x

/** Address points in square cells of CELL_DEG degrees, for reverse geocoding. */
export class AddressGrid {
  private readonly cells = new Map<number, PointRec[]>()

  add(point: PointRec): void {
    const cell = cellKey(Math.floor(point.lat / CELL_DEG), Math.floor(point.lon / CELL_DEG))
    const inCell = this.cells.get(cell)
    if (inCell) inCell.push(point)
    else this.cells.set(cell, [point])
  }

  /** The nearest point within `radiusM` metres and its distance, else null. */
  nearest(lat: number, lon: number, radiusM: number): { point: PointRec; meters: number } | null {
    const cellY = Math.floor(lat / CELL_DEG)
    const cellX = Math.floor(lon / CELL_DEG)
    const reachY = Math.ceil(radiusM / (CELL_DEG * M_PER_DEG_LAT)) + 1
    const reachX =
      Math.ceil(radiusM / (CELL_DEG * M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180))) + 1
    let nearest: PointRec | null = null
    let nearestMeters = radiusM
    for (let y = cellY - reachY; y <= cellY + reachY; y++) {
      for (let x = cellX - reachX; x <= cellX + reachX; x++) {
        for (const point of this.cells.get(cellKey(y, x)) ?? []) {
          const meters = haversineM(lat, lon, point.lat, point.lon)
          // At one spot, the building's point comes before its units'.
          if (
            meters < nearestMeters ||
            (meters === nearestMeters && (!nearest || (nearest.unit && !point.unit)))
          ) {
            nearest = point
            nearestMeters = meters
          }
        }
      }
    }
    return nearest ? { point: nearest, meters: nearestMeters } : null
  }
}
