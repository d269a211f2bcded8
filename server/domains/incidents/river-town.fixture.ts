import type { OneWay, Position } from '../geography/geography.table.ts'

/**
 * A small road network for tests: a river runs north-south between two parallel streets joined
 * by one bridge at the north end. A unit on the east bank is closer to a west-bank incident in
 * a straight line but much farther by road than a unit south of it on the west bank.
 */
export const RIVER_TOWN = {
  incident: { lat: 42.26, lon: -71.8 },
  /** East bank, about 575 m from the incident in a straight line, about 5 km by road. */
  eastBank: { lat: 42.26, lon: -71.793 },
  /** West bank, about 1.1 km in a straight line, about 1.6 km by road. */
  westBank: { lat: 42.25, lon: -71.8 },
  /** Far east, off the end of the east bank street. */
  farEast: { lat: 42.25, lon: -71.78 },
}

const W1: Position = [-71.797, 42.25]
const W2: Position = [-71.797, 42.26]
const W3: Position = [-71.797, 42.28]
const E1: Position = [-71.793, 42.25]
const E2: Position = [-71.793, 42.26]
const E3: Position = [-71.793, 42.28]

export const RIVER_TOWN_SEGMENTS: {
  name: string
  coordinates: Position[]
  one_way: OneWay
  speed_mph: number
}[] = [
  { name: 'WEST BANK', coordinates: [W1, W2], one_way: 'B', speed_mph: 30 },
  { name: 'WEST BANK', coordinates: [W2, W3], one_way: 'B', speed_mph: 30 },
  { name: 'EAST BANK', coordinates: [E1, E2], one_way: 'B', speed_mph: 30 },
  { name: 'EAST BANK', coordinates: [E2, E3], one_way: 'B', speed_mph: 30 },
  { name: 'BRIDGE', coordinates: [W3, E3], one_way: 'B', speed_mph: 30 },
  { name: 'MILL', coordinates: [[-71.8, 42.26], W2], one_way: 'B', speed_mph: 30 },
  { name: 'SOUTH', coordinates: [[-71.8, 42.25], W1], one_way: 'B', speed_mph: 30 },
  { name: 'FACTORY', coordinates: [E1, [-71.78, 42.25]], one_way: 'B', speed_mph: 30 },
]
