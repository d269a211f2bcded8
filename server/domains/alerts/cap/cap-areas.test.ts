import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AlertArea } from '@common/api/alerts.ts'
import { AppError } from '../../../http/errors.ts'
import { capAreasFor, type AreaTownBoundaries } from './cap-areas.ts'
import { capLanguage } from './cap-document.ts'

const TOWNS: AreaTownBoundaries = new Map([
  [
    'Worcester',
    [
      [
        [-71.85, 42.23],
        [-71.75, 42.23],
        [-71.75, 42.31],
        [-71.85, 42.31],
        [-71.85, 42.23],
      ],
    ],
  ],
])

const AREAS: AlertArea[] = [
  {
    mode: 'include',
    label: 'Canal District',
    shape: {
      kind: 'polygon',
      points: [
        [42.258, -71.8],
        [42.258, -71.79],
        [42.252, -71.79],
      ],
    },
  },
  { mode: 'include', label: '', shape: { kind: 'circle', center: [42.27, -71.8], radiusKm: 1.5 } },
  { mode: 'include', label: '', shape: { kind: 'town', town: 'WORCESTER ' } },
  {
    mode: 'exclude',
    label: 'Hospital campus',
    shape: { kind: 'circle', center: [42.2765, -71.7612], radiusKm: 0.3 },
  },
]

describe('CAP areas', () => {
  it('answers an unknown town with a 400 naming the area', () => {
    const areas: AlertArea[] = [
      { mode: 'include', label: '', shape: { kind: 'town', town: 'Atlantis' } },
    ]
    assert.throws(
      () => capAreasFor(areas, TOWNS, '025027'),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'invalid_input' &&
        error.field === 'areas.0.shape.town' &&
        error.message.includes('Atlantis'),
    )
  })
  it('writes only include areas, and joins several excludes in each description', () => {
    const areas: AlertArea[] = [
      ...AREAS,
      { mode: 'exclude', label: '', shape: { kind: 'town', town: 'Shrewsbury' } },
    ]
    const written = capAreasFor(areas, TOWNS, '025027')
    assert.equal(written.length, 3)
    for (const area of written) {
      assert.match(area.areaDesc, / excluding Hospital campus, Shrewsbury$/)
    }
  })
  it('turns a Polygon boundary into its ring in [lat, lon] order with the county SAME code', () => {
    const [town] = capAreasFor([AREAS[2]!], TOWNS, '025027')
    assert.deepEqual(town, {
      areaDesc: 'Worcester',
      polygons: [
        [
          [42.23, -71.85],
          [42.23, -71.75],
          [42.31, -71.75],
          [42.31, -71.85],
          [42.23, -71.85],
        ],
      ],
      circles: [],
      geocodes: [{ valueName: 'SAME', value: '025027' }],
    })
  })
  it('maps English to en-US and keeps the other codes', () => {
    assert.equal(capLanguage('en'), 'en-US')
    assert.equal(capLanguage('zh-Hant'), 'zh-Hant')
  })
})
