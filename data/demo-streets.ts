import type { LonLat, Ring } from './demo-geometry.ts'

/**
 * GENERATED DEMO DATA: the hand-placed parts of the demo region. Towns, the lake and the named
 * streets sit roughly where the real ones are, so that distances and directions look plausible;
 * everything between them is generated.
 */
export const DEMO_TOWNS = ['Worcester', 'Shrewsbury', 'Leicester'] as const
export type DemoTown = (typeof DEMO_TOWNS)[number]

/** Town boundaries; neighbours share their common vertices exactly, so no point is in two. */
export const TOWN_RINGS: Record<DemoTown, Ring> = {
  Worcester: [
    [-71.872, 42.22],
    [-71.735, 42.22],
    [-71.748, 42.24],
    [-71.748, 42.315],
    [-71.735, 42.34],
    [-71.88, 42.34],
    [-71.88, 42.27],
    [-71.872, 42.255],
  ],
  Shrewsbury: [
    [-71.748, 42.24],
    [-71.65, 42.24],
    [-71.65, 42.34],
    [-71.735, 42.34],
    [-71.748, 42.315],
  ],
  Leicester: [
    [-71.96, 42.2],
    [-71.872, 42.2],
    [-71.872, 42.22],
    [-71.872, 42.255],
    [-71.88, 42.27],
    [-71.88, 42.285],
    [-71.96, 42.285],
  ],
}

/**
 * Lake Quinsigamond, on the Worcester-Shrewsbury line: only two bridges and the interstate
 * cross it, so the drive between the towns is much longer than the straight line.
 */
export const LAKE_RING: Ring = [
  [-71.754, 42.238],
  [-71.744, 42.24],
  [-71.741, 42.262],
  [-71.743, 42.29],
  [-71.741, 42.312],
  [-71.746, 42.328],
  [-71.752, 42.326],
  [-71.756, 42.3],
  [-71.753, 42.275],
  [-71.756, 42.255],
]
/** Where a bridge crosses from one town to the other: the town line in the lake. */
export const TOWN_LINE_IN_LAKE_LON = -71.748

/** Downtown Worcester: its cross streets alternate one-way. */
export const DOWNTOWN = { south: 42.255, north: 42.272, west: -71.812, east: -71.79 }
export const TOWN_CENTERS: Record<DemoTown, LonLat> = {
  Worcester: [-71.802, 42.262],
  Shrewsbury: [-71.713, 42.296],
  Leicester: [-71.908, 42.246],
}

export interface StreetName {
  pre?: string
  name: string
  type?: string
  post?: string
}

/** A named street placed by hand: a run of blocks along one grid line. */
export interface AnchorStreet extends StreetName {
  town: DemoTown
  orient: 'NS' | 'EW'
  /** A point on the street; with `number`, where that house number stands. */
  at: LonLat
  number?: number
  /** 1: numbers grow to the east (EW) or north (NS); -1 the other way. */
  dir: 1 | -1
  /** At most this many blocks (fewer where the lake or the town line stops it). */
  blocks: number
  roadClass?: 'Secondary' | 'Local'
  speed?: number
  oneWay?: 'FT' | 'TF'
}

const W = 'Worcester'
const S = 'Shrewsbury'
const L = 'Leicester'

export const ANCHOR_STREETS: AnchorStreet[] = [
  // Worcester: downtown first, so that the longer streets make way for it.
  {
    town: W,
    name: 'Main',
    type: 'St',
    orient: 'NS',
    at: [-71.8022, 42.2626],
    number: 455,
    dir: -1,
    blocks: 28,
  },
  { town: W, name: 'Front', type: 'St', orient: 'EW', at: [-71.8022, 42.2612], dir: 1, blocks: 5 },
  {
    town: W,
    name: 'Washington',
    type: 'Sq',
    orient: 'NS',
    at: [-71.7946, 42.2616],
    number: 2,
    dir: 1,
    blocks: 2,
    roadClass: 'Local',
  },
  {
    town: W,
    name: 'Foster',
    type: 'St',
    orient: 'EW',
    at: [-71.8017, 42.2668],
    number: 50,
    dir: 1,
    blocks: 4,
    roadClass: 'Local',
  },
  {
    town: W,
    name: 'Salem',
    type: 'Sq',
    orient: 'NS',
    at: [-71.7995, 42.2621],
    number: 3,
    dir: 1,
    blocks: 2,
    roadClass: 'Local',
  },
  {
    town: W,
    name: 'Lincoln',
    type: 'Sq',
    orient: 'EW',
    at: [-71.799, 42.2683],
    number: 9,
    dir: 1,
    blocks: 2,
  },
  {
    town: W,
    name: 'Franklin',
    type: 'St',
    orient: 'EW',
    at: [-71.8022, 42.2634],
    dir: 1,
    blocks: 6,
    roadClass: 'Local',
    oneWay: 'FT',
  },
  {
    town: W,
    name: 'Myrtle',
    type: 'St',
    orient: 'EW',
    at: [-71.8022, 42.2595],
    dir: 1,
    blocks: 5,
    roadClass: 'Local',
    oneWay: 'TF',
  },
  {
    town: W,
    name: 'Madison',
    type: 'St',
    orient: 'EW',
    at: [-71.8022, 42.2555],
    dir: 1,
    blocks: 8,
    roadClass: 'Local',
  },
  {
    town: W,
    name: 'Southbridge',
    type: 'St',
    orient: 'NS',
    at: [-71.806, 42.258],
    dir: -1,
    blocks: 20,
  },
  {
    town: W,
    name: 'Grove',
    type: 'St',
    orient: 'NS',
    at: [-71.8076, 42.2784],
    number: 141,
    dir: 1,
    blocks: 15,
  },
  {
    town: W,
    name: 'Park',
    type: 'Ave',
    orient: 'NS',
    at: [-71.8262, 42.2662],
    number: 640,
    dir: 1,
    blocks: 40,
  },
  {
    town: W,
    name: 'Grafton',
    type: 'St',
    orient: 'EW',
    at: [-71.7813, 42.2487],
    number: 424,
    dir: 1,
    blocks: 20,
  },
  {
    town: W,
    name: 'Burncoat',
    type: 'St',
    orient: 'NS',
    at: [-71.7883, 42.2965],
    number: 1,
    dir: 1,
    blocks: 30,
  },
  {
    town: W,
    name: 'Webster',
    type: 'St',
    orient: 'NS',
    at: [-71.8245, 42.2396],
    number: 20,
    dir: -1,
    blocks: 12,
  },
  {
    town: W,
    name: 'Chandler',
    type: 'St',
    orient: 'EW',
    at: [-71.8022, 42.2585],
    dir: -1,
    blocks: 40,
  },
  {
    town: W,
    name: 'Pleasant',
    type: 'St',
    orient: 'EW',
    at: [-71.8022, 42.2652],
    dir: -1,
    blocks: 40,
  },
  {
    town: W,
    name: 'Highland',
    type: 'St',
    orient: 'EW',
    at: [-71.805, 42.2735],
    dir: -1,
    blocks: 25,
  },
  {
    town: W,
    name: 'Salisbury',
    type: 'St',
    orient: 'EW',
    at: [-71.803, 42.2765],
    dir: -1,
    blocks: 45,
  },
  {
    town: W,
    name: 'Belmont',
    type: 'St',
    orient: 'EW',
    at: [-71.797, 42.2745],
    dir: 1,
    blocks: 45,
  },
  {
    town: W,
    name: 'Shrewsbury',
    type: 'St',
    orient: 'EW',
    at: [-71.793, 42.2645],
    dir: 1,
    blocks: 45,
  },
  { town: W, name: 'Hamilton', type: 'St', orient: 'EW', at: [-71.79, 42.252], dir: 1, blocks: 45 },
  { town: W, name: 'Lincoln', type: 'St', orient: 'NS', at: [-71.785, 42.27], dir: 1, blocks: 30 },
  {
    town: W,
    pre: 'W',
    name: 'Boylston',
    type: 'St',
    orient: 'NS',
    at: [-71.797, 42.285],
    dir: 1,
    blocks: 45,
  },
  {
    town: W,
    name: 'Lake',
    type: 'Ave',
    post: 'N',
    orient: 'NS',
    at: [-71.7585, 42.2745],
    dir: 1,
    blocks: 45,
  },
  {
    town: W,
    name: 'Lake',
    type: 'Ave',
    orient: 'NS',
    at: [-71.7585, 42.2735],
    dir: -1,
    blocks: 30,
  },
  { town: W, name: 'June', type: 'St', orient: 'NS', at: [-71.835, 42.245], dir: 1, blocks: 25 },
  { town: W, name: 'Mill', type: 'St', orient: 'NS', at: [-71.848, 42.232], dir: 1, blocks: 25 },
  {
    town: W,
    name: 'Plantation',
    type: 'St',
    orient: 'NS',
    at: [-71.767, 42.262],
    dir: 1,
    blocks: 30,
  },
  {
    town: W,
    name: 'Airport',
    type: 'Dr',
    orient: 'EW',
    at: [-71.8719, 42.2693],
    dir: 1,
    blocks: 5,
  },
  {
    town: W,
    name: 'Coppage',
    type: 'Dr',
    orient: 'EW',
    at: [-71.83, 42.305],
    dir: 1,
    blocks: 3,
    roadClass: 'Local',
  },
  // Shrewsbury
  {
    town: S,
    name: 'Boston',
    type: 'Tpke',
    orient: 'EW',
    at: [-71.7411, 42.2745],
    dir: 1,
    blocks: 40,
    speed: 40,
  },
  { town: S, name: 'South', type: 'St', orient: 'EW', at: [-71.7411, 42.252], dir: 1, blocks: 30 },
  {
    town: S,
    name: 'Maple',
    type: 'Ave',
    orient: 'NS',
    at: [-71.712, 42.296],
    number: 106,
    dir: 1,
    blocks: 12,
  },
  {
    town: S,
    name: 'Church',
    type: 'Rd',
    orient: 'EW',
    at: [-71.7133, 42.2951],
    number: 11,
    dir: 1,
    blocks: 5,
    roadClass: 'Local',
  },
  {
    town: S,
    name: 'Lake',
    type: 'St',
    orient: 'NS',
    at: [-71.688, 42.279],
    number: 2,
    dir: -1,
    blocks: 10,
  },
  { town: S, name: 'Main', type: 'St', orient: 'NS', at: [-71.722, 42.285], dir: 1, blocks: 20 },
  // Leicester
  {
    town: L,
    name: 'Main',
    type: 'St',
    orient: 'EW',
    at: [-71.877, 42.2365],
    number: 1,
    dir: -1,
    blocks: 20,
  },
  {
    town: L,
    pre: 'S',
    name: 'Main',
    type: 'St',
    orient: 'NS',
    at: [-71.9087, 42.2459],
    number: 90,
    dir: -1,
    blocks: 15,
  },
  {
    town: L,
    name: 'Washburn',
    type: 'Sq',
    orient: 'EW',
    at: [-71.908, 42.2468],
    number: 3,
    dir: 1,
    blocks: 2,
    roadClass: 'Local',
  },
  {
    town: L,
    name: 'Stafford',
    type: 'St',
    orient: 'NS',
    at: [-71.93, 42.245],
    dir: -1,
    blocks: 12,
  },
]

/** The only surface crossings of the lake: the last block of one street to the first of the next. */
export const BRIDGES: { west: StreetName; east: StreetName }[] = [
  { west: { name: 'Belmont', type: 'St' }, east: { name: 'Boston', type: 'Tpke' } },
  { west: { name: 'Hamilton', type: 'St' }, east: { name: 'South', type: 'St' } },
]

/** I-290's centerline, south-west to north-east, and the waypoints with an interchange. */
export const INTERSTATE: {
  name: string
  waypoints: LonLat[]
  exits: { at: number; exit: string }[]
} = {
  name: 'I-290',
  waypoints: [
    [-71.818, 42.2215],
    [-71.806, 42.236],
    [-71.795, 42.252],
    [-71.79, 42.262],
    [-71.787, 42.272],
    [-71.778, 42.287],
    [-71.765, 42.3],
    [-71.75, 42.318],
    [-71.73, 42.323],
    [-71.7, 42.327],
    [-71.652, 42.333],
  ],
  exits: [
    { at: 0, exit: '12' },
    { at: 1, exit: '13' },
    { at: 3, exit: '16' },
    { at: 5, exit: '19' },
    { at: 8, exit: '22' },
    { at: 10, exit: '24' },
  ],
}

export interface DemoPlace {
  name: string
  town: DemoTown
  address: string
  /** Where the building stands, when known; otherwise beside its street. */
  at?: LonLat
}

export const DEMO_PLACES: DemoPlace[] = [
  { name: 'City Hall', town: W, address: '455 Main St', at: [-71.8022, 42.2626] },
  { name: 'Worcester City Hall', town: W, address: '455 Main St', at: [-71.8022, 42.2626] },
  { name: 'Union Station', town: W, address: '2 Washington Sq', at: [-71.7946, 42.2616] },
  { name: 'DCU Center', town: W, address: '50 Foster St', at: [-71.8017, 42.2668] },
  { name: 'Worcester Public Library', town: W, address: '3 Salem Sq', at: [-71.7995, 42.2621] },
  { name: 'Mechanics Hall', town: W, address: '321 Main St' },
  { name: 'Worcester Art Museum', town: W, address: '55 Salisbury St' },
  { name: 'Polar Park', town: W, address: '100 Madison St' },
  { name: 'UMass Memorial Medical Center', town: W, address: '55 Lake Ave N' },
  { name: 'Worcester Regional Airport', town: W, address: '375 Airport Dr' },
  { name: 'Elm Park', town: W, address: '300 Park Ave' },
  { name: 'Shrewsbury Town Hall', town: S, address: '100 Maple Ave', at: [-71.7125, 42.2957] },
  { name: 'Leicester Town Hall', town: L, address: '3 Washburn Sq' },
]

/** Addresses the platform's examples and tests type: they must exist whatever the dice say. */
export const DEMO_EXAMPLE_ADDRESSES: { town: DemoTown; address: string }[] = [
  { town: W, address: '2 Coppage Dr' },
  { town: W, address: '1 Front St' },
  { town: W, address: '12 Main St' },
]

/** ZIP codes by area, so that Post_Code is filled the way a real layer would have it. */
export function postalCodeAt(town: DemoTown, [lon, lat]: LonLat): string {
  if (town === 'Shrewsbury') return '01545'
  if (town === 'Leicester') return lon > -71.895 ? '01611' : '01524'
  if (
    lat >= DOWNTOWN.south &&
    lat <= DOWNTOWN.north &&
    lon >= DOWNTOWN.west &&
    lon <= DOWNTOWN.east
  ) {
    return '01608'
  }
  if (lon > -71.78) return '01604'
  if (lon < -71.84) return '01602'
  if (lat >= 42.265) return lon < -71.8 ? '01609' : '01605'
  return lon < -71.8 ? '01603' : '01607'
}

/** Names for the generated streets: trees, colonial families, Massachusetts places, landscape. */
export const STREET_NAME_POOL: readonly string[] = (
  'Elm Oak Maple Pine Chestnut Walnut Cedar Birch Beech Hemlock Spruce Willow Ash Hickory Linden ' +
  'Poplar Sycamore Juniper Laurel Holly Magnolia Cherry Apple Orchard Acorn Alder Aspen Cypress ' +
  'Adams Bancroft Bigelow Bradford Brewster Bowdoin Cabot Coolidge Dana Dewey Endicott Everett ' +
  'Fairfax Forbes Gates Goddard Hancock Harrington Hawthorne Higgins Holden Howland Kendall ' +
  'Kimball Lowell Lyman Mather Morgan Otis Paine Parker Perkins Phelps Prescott Putnam Quincy ' +
  'Revere Russell Salter Sargent Sewall Standish Stearns Thayer Trumbull Waldo Ward Warren ' +
  'Wheeler Whitney Winslow Winthrop Ames Alden Allen Andrews Appleton Baldwin Barnard Bartlett ' +
  'Bates Blake Bliss Boyden Bullard Burbank Burnett Chapin Clark Cobb Conant Crane Curtis ' +
  'Cushing Davis Dean Denny Dodge Draper Dwight Eaton Emerson Fisher Fletcher Foster Freeman ' +
  'Fuller Gardner Gilbert Goodwin Gould Greene Hale Hall Harlow Hastings Haven Hayward Heywood ' +
  'Hills Hooker Hopkins Houghton Howe Hubbard Hunt Jackson Jewett Johnson Knowlton Lamson ' +
  'Lawrence Lee Leland Lincoln Livermore Lovell Mann Marsh Mason May Merriam Merrill Moore ' +
  'Morse Newton Nichols Norcross Osgood Packard Page Paige Peabody Pierce Pratt Rice Richards ' +
  'Robbins Sawyer Shaw Sherman Slater Smith Spaulding Sprague Stone Stowell Taft Taylor Temple ' +
  'Thompson Tucker Upham Wadsworth Walker Washburn Watson Wells Wesson Wilder Willard Wood ' +
  'Woodward Wright Auburn Berkshire Cambridge Concord Dartmouth Dover Essex Fitchburg Hampden ' +
  'Holyoke Lancaster Lexington Milford Norfolk Oxford Paxton Plymouth Princeton Rutland ' +
  'Spencer Sterling Sutton Westborough Wachusett Lenox Nantucket Hadley Amherst Barre Berlin ' +
  'Bolton Charlton Clinton Douglas Dudley Harvard Hubbardston Leominster Mendon Millbury ' +
  'Northbridge Oakham Sturbridge Upton Uxbridge Webster Brook Hill Meadow Pond Ridge Spring ' +
  'Summit Valley Highview Fairview Glen Grove Forest Field Lakeview Riverside Sunset Sunrise ' +
  'Prospect Pleasant Mountain Hillside Woodland Brookside Crescent Laurelwood Stonybrook ' +
  'Beacon Bedford Belmont Bridge Canterbury Carlton Castle Chester Clifton Colonial Cottage ' +
  'Country Court Dorchester Eastern Edgewood Fairmount Franklin Garden Granite Harbor Heritage ' +
  'Highland Homestead Hope Independence Jefferson Kensington Kingsbury Liberty Madison Marble ' +
  'Monroe Mount Vernon Newbury Orange Park Pilgrim Providence Puritan Richmond Salem Seneca ' +
  'Sheridan Somerset Stanley Sterling Stratford Suffolk Sunnyside Tremont Union Vernon ' +
  'Victoria Wachusett Wellington Wentworth Westfield Windsor Winter Woodbine Yorkshire'
)
  .split(' ')
  .filter((name, i, all) => all.indexOf(name) === i)

/** Street types by length: long streets are streets and roads, one block is a court or a place. */
export const TYPES_BY_LENGTH = {
  long: ['St', 'St', 'St', 'St', 'Ave', 'Ave', 'Rd', 'Rd', 'Rd', 'Dr'],
  medium: ['St', 'St', 'St', 'Rd', 'Rd', 'Dr', 'Dr', 'Ave', 'Ln', 'Ter', 'Way'],
  short: ['Ct', 'Pl', 'Ter', 'Cir', 'Ln', 'Way', 'Path'],
} as const
