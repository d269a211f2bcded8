import type { AddressIndexRows, AddressPointInput, RoadSegmentInput } from './address-index.ts'
import type { Position } from './geography.table.ts'

/**
 * A small, hand-made piece of two towns for the verification tests: Worcester (the square
 * lon -71.85..-71.75, lat 42.22..42.30) and Holden north-west of it.
 */
const square = (west: number, south: number, east: number, north: number): Position[][] => [
  [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ],
]

const point = (
  house_number: number,
  street: [string | null, string, string | null],
  town: string,
  lat: number,
  lon: number,
  unit: string | null = null,
): AddressPointInput => ({
  house_number,
  house_number_suffix: null,
  pre_direction: street[0],
  street_name: street[1],
  street_type: street[2],
  post_direction: null,
  unit,
  town,
  postal_code: town === 'Worcester' ? '01608' : '01520',
  state: 'MA',
  lat,
  lon,
})

const road = (
  street: [string | null, string, string | null],
  town: string,
  coordinates: Position[],
  ranges: [number, number, number, number] | null = null,
): RoadSegmentInput => ({
  pre_direction: street[0],
  street_name: street[1],
  street_type: street[2],
  post_direction: null,
  from_left: ranges?.[0] ?? null,
  to_left: ranges?.[1] ?? null,
  from_right: ranges?.[2] ?? null,
  to_right: ranges?.[3] ?? null,
  town_left: town,
  town_right: town,
  coordinates,
})

const COPPAGE: [null, string, string] = [null, 'COPPAGE', 'DR']
const MAIN: [null, string, string] = [null, 'MAIN', 'ST']
const NORTH_MAIN: [string, string, string] = ['N', 'MAIN', 'ST']

export function addressFixture(): AddressIndexRows {
  return {
    addressPoints: [
      point(2, COPPAGE, 'Worcester', 42.25, -71.81),
      point(2, COPPAGE, 'Worcester', 42.25, -71.81, '3'),
      point(4, COPPAGE, 'Worcester', 42.2502, -71.81),
      point(6, [null, 'COTTAGE', 'ST'], 'Worcester', 42.24, -71.82),
      point(12, MAIN, 'Worcester', 42.262, -71.8),
      point(14, MAIN, 'Worcester', 42.2625, -71.8),
      point(12, NORTH_MAIN, 'Worcester', 42.28, -71.79),
      point(12, MAIN, 'Holden', 42.35, -71.87),
      point(3, [null, 'FRONT', 'ST'], 'Worcester', 42.2601, -71.795),
    ],
    roadSegments: [
      road(
        MAIN,
        'Worcester',
        [
          [-71.8, 42.26],
          [-71.8, 42.27],
        ],
        [1, 99, 2, 100],
      ),
      road([null, 'FRONT', 'ST'], 'Worcester', [
        [-71.8, 42.26],
        [-71.79, 42.26],
      ]),
      road(
        [null, 'ELM', 'ST'],
        'Worcester',
        [
          [-71.83, 42.27],
          [-71.82, 42.27],
        ],
        [1, 99, 2, 100],
      ),
    ],
    msagRanges: [
      {
        pre_direction: null,
        street_name: 'MAIN',
        street_type: 'ST',
        post_direction: null,
        town: 'Worcester',
        low: 1,
        high: 1299,
        parity: 'O',
      },
      {
        pre_direction: null,
        street_name: 'MAIN',
        street_type: 'ST',
        post_direction: null,
        town: 'Worcester',
        low: 2,
        high: 1300,
        parity: 'E',
      },
    ],
    placeNames: [
      {
        name: 'City Hall',
        house_number: 455,
        pre_direction: null,
        street_name: 'MAIN',
        street_type: 'ST',
        post_direction: null,
        town: 'Worcester',
        lat: 42.2626,
        lon: -71.8023,
      },
      {
        name: 'City Hall',
        house_number: 1204,
        pre_direction: null,
        street_name: 'MAIN',
        street_type: 'ST',
        post_direction: null,
        town: 'Holden',
        lat: 42.351,
        lon: -71.871,
      },
      {
        name: 'Union Station',
        house_number: 2,
        pre_direction: null,
        street_name: 'WASHINGTON',
        street_type: 'SQ',
        post_direction: null,
        town: 'Worcester',
        lat: 42.2612,
        lon: -71.7949,
      },
    ],
    jurisdictions: [
      {
        town: 'Worcester',
        geometry: { type: 'Polygon', coordinates: square(-71.85, 42.22, -71.75, 42.3) },
      },
      {
        town: 'Holden',
        geometry: { type: 'Polygon', coordinates: square(-71.9, 42.3, -71.85, 42.38) },
      },
    ],
    responseZones: [
      {
        stationCode: 'WFD1',
        discipline: 'fire',
        geometry: { type: 'Polygon', coordinates: square(-71.85, 42.22, -71.8, 42.3) },
      },
      {
        stationCode: 'WFD2',
        discipline: 'fire',
        geometry: { type: 'Polygon', coordinates: square(-71.8, 42.22, -71.75, 42.3) },
      },
      {
        stationCode: 'WPD1',
        discipline: 'police',
        geometry: { type: 'Polygon', coordinates: square(-71.85, 42.22, -71.75, 42.3) },
      },
      {
        stationCode: 'HFD1',
        discipline: 'fire',
        geometry: { type: 'Polygon', coordinates: square(-71.9, 42.3, -71.85, 42.38) },
      },
    ],
  }
}
