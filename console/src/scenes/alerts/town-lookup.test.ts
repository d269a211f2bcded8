import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MapFeatureCollection } from '@common/api/geography.ts'
import { townAt, townNames } from './town-lookup.ts'

const square = (west: number, south: number, size: number): [number, number][] => [
  [west, south],
  [west + size, south],
  [west + size, south + size],
  [west, south + size],
  [west, south],
]

const TOWNS: MapFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { town: 'WORCESTER' },
      // A town with a hole: the hole belongs to no one.
      geometry: { type: 'Polygon', coordinates: [square(-72, 42, 1), square(-71.6, 42.4, 0.2)] },
    },
    {
      type: 'Feature',
      properties: { town: 'AUBURN' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(-70, 42, 0.5)], [square(-69, 42, 0.5)]],
      },
    },
  ],
}

describe(townAt.name, () => {
  it('names the town whose boundary holds the point', () => {
    assert.equal(townAt(TOWNS, 42.1, -71.9), 'WORCESTER')
    assert.equal(townAt(TOWNS, 42.2, -68.8), 'AUBURN')
  })

  it('answers null in a hole and outside every town', () => {
    assert.equal(townAt(TOWNS, 42.5, -71.5), null)
    assert.equal(townAt(TOWNS, 40, -71.5), null)
  })

  it('lists town names once, sorted', () => {
    assert.deepEqual(townNames(TOWNS), ['AUBURN', 'WORCESTER'])
  })
})
