import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { normalDirection, normalName, normalStreetType } from '../common/domain/address.ts'
import { DEMO_PREMISE_CAUTIONS, DEMO_STATIONS, DEMO_UNITS } from '../server/demo/demo-units.ts'
import {
  clipNearer,
  closedRing,
  distanceM,
  METERS_PER_LAT,
  METERS_PER_LON,
  offsetM,
  round6,
  type LonLat,
  type Ring,
} from './demo-geometry.ts'
import {
  generateRoadNetwork,
  inLake,
  townAt,
  type DemoSegment,
  type OneWay,
  type RoadClass,
} from './demo-network.ts'
import {
  ANCHOR_STREETS,
  DEMO_EXAMPLE_ADDRESSES,
  DEMO_PLACES,
  DEMO_TOWNS,
  postalCodeAt,
  TOWN_RINGS,
  type DemoTown,
  type StreetName,
} from './demo-streets.ts'
import { seededRandom, type SeededRandom } from './seeded-random.ts'

/**
 * GENERATED DEMO DATA, not a survey of any real place: Worcester, Shrewsbury and Leicester as
 * an NG911 GIS would hand them over (NENA field names), generated the same, byte for byte, on
 * every run. The stations, premise cautions and landmarks of the demo center stand at
 * addresses that exist in it.
 */
export const DEMO_REGION_SEED = 0x0e0c_2026

export type DemoLayerName =
  'address-points' | 'roads' | 'msag' | 'towns' | 'response-zones' | 'places'

export interface DemoRoad {
  id: string
  street: StreetName
  fromLeft: number | null
  toLeft: number | null
  fromRight: number | null
  toRight: number | null
  townLeft: DemoTown
  townRight: DemoTown
  oneWay: OneWay
  speed: number
  roadClass: RoadClass
  coordinates: LonLat[]
}

export interface DemoAddressPoint {
  id: string
  number: number
  street: StreetName
  unit: string | null
  town: DemoTown
  postalCode: string
  lat: number
  lon: number
}

export interface DemoMsagRange {
  town: DemoTown
  street: StreetName
  low: number
  high: number
  parity: 'O' | 'E' | 'B'
  esn: string
}

export interface DemoArea {
  ring: Ring
}
export interface DemoTownArea extends DemoArea {
  town: DemoTown
}
export interface DemoResponseZone extends DemoArea {
  station: string
  discipline: 'fire' | 'police' | 'ems'
}

export interface DemoPlaceName {
  name: string
  number: number
  street: StreetName
  town: DemoTown
  lat: number
  lon: number
}

export interface DemoRegion {
  roads: DemoRoad[]
  addressPoints: DemoAddressPoint[]
  msag: DemoMsagRange[]
  towns: DemoTownArea[]
  responseZones: DemoResponseZone[]
  places: DemoPlaceName[]
}

/** An address that must exist: a station, a premise caution, a landmark. */
interface RequiredAddress {
  town: DemoTown
  number: number
  street: StreetName
  at: LonLat | null
}

/** "90 S Main St" → 90, S, Main, St; "55 Lake Ave N" → 55, Lake, Ave, N. */
export function parseDemoAddress(text: string): { number: number; street: StreetName } {
  const words = text.trim().split(/\s+/)
  const number = Number(words.shift())
  const isDirection = (word: string | undefined) => word !== undefined && /^[NSEW]$/.test(word)
  const pre = words.length >= 3 && isDirection(words[0]) ? words.shift() : undefined
  const post = words.length >= 3 && isDirection(words[words.length - 1]) ? words.pop() : undefined
  const type = words.pop()
  if (!Number.isInteger(number) || words.length === 0 || type === undefined) {
    throw new Error(`demo region: cannot read the address "${text}"`)
  }
  return { number, street: { pre, name: words.join(' '), type, post } }
}

/** The normal form the platform stores a street in: what two spellings of it share. */
export function normalStreetKey(town: string, street: StreetName): string {
  return [
    normalName(town),
    normalDirection(street.pre),
    normalName(street.name),
    normalStreetType(street.type),
    normalDirection(street.post),
  ].join('|')
}

function asTown(town: string): DemoTown {
  const found = DEMO_TOWNS.find((t) => t === town)
  if (!found) throw new Error(`demo region: ${town} is not a demo town`)
  return found
}

function requiredAddresses(): RequiredAddress[] {
  const required: RequiredAddress[] = []
  for (const station of DEMO_STATIONS) {
    required.push({
      town: asTown(station.town),
      ...parseDemoAddress(station.address),
      at: [station.lon, station.lat],
    })
  }
  for (const place of DEMO_PLACES) {
    required.push({ town: place.town, ...parseDemoAddress(place.address), at: place.at ?? null })
  }
  for (const example of DEMO_EXAMPLE_ADDRESSES) {
    required.push({ town: example.town, ...parseDemoAddress(example.address), at: null })
  }
  for (const { address } of DEMO_PREMISE_CAUTIONS) {
    required.push({
      town: asTown(address.town),
      number: Number(address.houseNumber),
      street: {
        pre: address.preDirection,
        name: address.street,
        type: address.streetType,
        post: address.postDirection,
      },
      at: null,
    })
  }
  return required
}

const SIDE_OFFSET_M = 14

/** Where house `number` stands beside a block: its share of the block along, then off to its side. */
function besideSegment(segment: DemoSegment, number: number): LonLat {
  const [a, b] = [segment.coordinates[0]!, segment.coordinates[1]!]
  const t = Math.min(0.95, Math.max(0.05, (number - 100 * segment.block + 0.5) / 100))
  const point: LonLat = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]
  const dx = (b[0] - a[0]) * METERS_PER_LON
  const dy = (b[1] - a[1]) * METERS_PER_LAT
  const length = Math.hypot(dx, dy) || 1
  // Odd numbers on the left of the direction numbers grow in, even on the right.
  const side = number % 2 === 1 ? 1 : -1
  return offsetM(point, (-side * SIDE_OFFSET_M * dy) / length, (side * SIDE_OFFSET_M * dx) / length)
}

/** How many houses stand on one side of a block. */
function housesPerSide(random: SeededRandom, segment: DemoSegment): number {
  const weights =
    segment.townLeft !== 'Worcester'
      ? [0.5, 0.35, 0.15]
      : segment.roadClass === 'Secondary'
        ? [0.2, 0.35, 0.3, 0.15]
        : [0.4, 0.38, 0.16, 0.06]
  let roll = random.next()
  for (let count = 0; count < weights.length; count++) {
    roll -= weights[count]!
    if (roll < 0) return count
  }
  return weights.length - 1
}

function generateAddressPoints(
  random: SeededRandom,
  segments: DemoSegment[],
  required: RequiredAddress[],
): Omit<DemoAddressPoint, 'id'>[] {
  const points = new Map<string, Omit<DemoAddressPoint, 'id'>>()
  const add = (segment: DemoSegment, number: number, at: LonLat, unit: string | null) => {
    const town = segment.stretch!.town
    const position: LonLat = [round6(at[0]), round6(at[1])]
    points.set(`${normalStreetKey(town, segment.street)}|${number}|${unit ?? ''}`, {
      number,
      street: segment.street,
      unit,
      town,
      postalCode: postalCodeAt(town, position),
      lat: position[1],
      lon: position[0],
    })
  }
  for (const segment of segments) {
    if (!segment.stretch) continue
    for (const side of [1, 0]) {
      const count = housesPerSide(random, segment)
      const slots = new Set<number>()
      // Slot s is number 2s+1 (odd side) or 2s (even side; 0 is no house number).
      const lowest = side === 0 && segment.block === 0 ? 1 : 0
      while (slots.size < count) slots.add(random.between(lowest, 49))
      for (const slot of [...slots].sort((p, q) => p - q)) {
        const number = 100 * segment.block + 2 * slot + side
        const at = besideSegment(segment, number)
        if (townAt(at) !== segment.stretch.town || inLake(at)) continue
        // Worcester's triple-deckers: one address, three flats.
        const flats =
          segment.stretch.town === 'Worcester' && random.chance(0.03) ? ['1', '2', '3'] : [null]
        for (const unit of flats) add(segment, number, at, unit)
      }
    }
  }
  const blockOf = new Map<string, DemoSegment>()
  for (const segment of segments) {
    if (segment.stretch) {
      blockOf.set(
        `${normalStreetKey(segment.stretch.town, segment.street)}|${segment.block}`,
        segment,
      )
    }
  }
  // A building known by its position (a station, a landmark) keeps it when also named elsewhere.
  const positionedLast = [...required.filter((r) => !r.at), ...required.filter((r) => r.at)]
  for (const address of positionedLast) {
    const key = normalStreetKey(address.town, address.street)
    const segment = blockOf.get(`${key}|${Math.floor(address.number / 100)}`)
    if (!segment) {
      throw new Error(
        `demo region: no block for ${address.number} ${address.street.name} in ${address.town}`,
      )
    }
    const at = address.at ?? besideSegment(segment, address.number)
    if (townAt(at) !== address.town) {
      throw new Error(
        `demo region: ${address.number} ${address.street.name} is not in ${address.town}`,
      )
    }
    add(segment, address.number, at, null)
  }
  return [...points.values()]
}

/** Stations by discipline: fire and police by agency, EMS where an ambulance is kept. */
function stationsFor(discipline: DemoResponseZone['discipline']) {
  const withAmbulance = new Set(
    DEMO_UNITS.filter((u) => u.unitType === 'ambulance').map((u) => u.station),
  )
  return DEMO_STATIONS.filter((station) =>
    discipline === 'ems'
      ? withAmbulance.has(station.code)
      : station.agency.endsWith(discipline === 'fire' ? 'FD' : 'PD'),
  )
}

const nearestStation = (stations: typeof DEMO_STATIONS, town: DemoTown, [lon, lat]: LonLat) => {
  let best: (typeof DEMO_STATIONS)[number] | null = null
  let bestDistance = Infinity
  for (const station of stations) {
    if (station.town !== town) continue
    const distance = distanceM([station.lon, station.lat], [lon, lat])
    if (distance < bestDistance) [best, bestDistance] = [station, distance]
  }
  if (!best) throw new Error(`demo region: no station in ${town}`)
  return best
}

/** Each station's first-due area: the part of its town nearer to it than to the town's others. */
function responseZones(): DemoResponseZone[] {
  const zones: DemoResponseZone[] = []
  for (const discipline of ['fire', 'police', 'ems'] as const) {
    const stations = stationsFor(discipline)
    for (const station of stations) {
      let ring = TOWN_RINGS[asTown(station.town)]
      for (const other of stations) {
        if (other !== station && other.town === station.town) {
          ring = clipNearer(ring, [station.lon, station.lat], [other.lon, other.lat])
        }
      }
      zones.push({ station: station.code, discipline, ring: closedRing(ring) })
    }
  }
  return zones
}

/** Emergency service numbers: one per fire zone (the combination of agencies that answer). */
function esnOf(town: DemoTown, at: LonLat): string {
  const fire = stationsFor('fire').filter((s) => s.town === town)
  const station = nearestStation(fire, town, at)
  return String(100 * (DEMO_TOWNS.indexOf(town) + 1) + fire.indexOf(station) + 1)
}

/** One MSAG range per run of blocks of a street within one ESN, covering both sides. */
function msagRanges(segments: DemoSegment[]): DemoMsagRange[] {
  const ranges: DemoMsagRange[] = []
  let current: DemoMsagRange | null = null
  let lastBlock = -1
  for (const segment of segments) {
    if (!segment.stretch) continue
    const town = segment.stretch.town
    const esn = esnOf(town, segment.coordinates[0]!)
    const continues =
      current !== null &&
      current.street === segment.street &&
      current.esn === esn &&
      segment.block === lastBlock + 1
    if (continues) {
      current!.high = 100 * segment.block + 99
    } else {
      current = {
        town,
        street: segment.street,
        low: segment.block === 0 ? 1 : 100 * segment.block,
        high: 100 * segment.block + 99,
        parity: 'B',
        esn,
      }
      ranges.push(current)
    }
    lastBlock = segment.block
  }
  return ranges
}

function roadOf(segment: DemoSegment, index: number): DemoRoad {
  const block = segment.stretch ? segment.block : null
  return {
    id: `DEMO-RCL-${String(index + 1).padStart(6, '0')}`,
    street: segment.street,
    fromLeft: block === null ? null : 100 * block + 1,
    toLeft: block === null ? null : 100 * block + 99,
    fromRight: block === null ? null : block === 0 ? 2 : 100 * block,
    toRight: block === null ? null : 100 * block + 98,
    townLeft: segment.townLeft,
    townRight: segment.townRight,
    oneWay: segment.oneWay,
    speed: segment.speed,
    roadClass: segment.roadClass,
    coordinates: segment.coordinates,
  }
}

/** The demo region in memory: deterministic, the same on every call. */
export function generateDemoRegion(): DemoRegion {
  const random = seededRandom(DEMO_REGION_SEED)
  const required = requiredAddresses()
  const blocksNeeded = (anchor: (typeof ANCHOR_STREETS)[number]) => {
    const key = normalStreetKey(anchor.town, anchor)
    const numbers = required
      .filter((r) => normalStreetKey(r.town, r.street) === key)
      .map((r) => r.number)
    return numbers.length === 0 ? 1 : Math.floor(Math.max(...numbers) / 100) + 1
  }
  const segments = generateRoadNetwork(random, blocksNeeded)
  const points = generateAddressPoints(random, segments, required)
  const addressPoints = points.map((point, i) => ({
    id: `DEMO-AP-${String(i + 1).padStart(6, '0')}`,
    ...point,
  }))
  const byAddress = new Map(
    addressPoints
      .filter((p) => p.unit === null)
      .map((p) => [`${normalStreetKey(p.town, p.street)}|${p.number}`, p]),
  )
  const places: DemoPlaceName[] = [
    ...DEMO_PLACES,
    ...DEMO_STATIONS.map((s) => ({ name: s.name, town: asTown(s.town), address: s.address })),
  ].map((place) => {
    const { number, street } = parseDemoAddress(place.address)
    const point = byAddress.get(`${normalStreetKey(place.town, street)}|${number}`)!
    return { name: place.name, number, street, town: place.town, lat: point.lat, lon: point.lon }
  })
  return {
    roads: segments.map(roadOf),
    addressPoints,
    msag: msagRanges(segments),
    towns: DEMO_TOWNS.map((town) => ({ town, ring: closedRing(TOWN_RINGS[town]) })),
    responseZones: responseZones(),
    places,
  }
}

const DEMO_FILE_NAMES: Record<DemoLayerName, string> = {
  'address-points': 'generated-demo-address-points.csv',
  roads: 'generated-demo-road-centerlines.geojson',
  msag: 'generated-demo-msag.csv',
  towns: 'generated-demo-towns.geojson',
  'response-zones': 'generated-demo-response-zones.geojson',
  places: 'generated-demo-place-names.csv',
}

/** The layers in the order an import from scratch takes them. */
export const DEMO_LAYERS = Object.keys(DEMO_FILE_NAMES) as DemoLayerName[]

function csv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const cell = (value: string | number | null | undefined) => {
    const text = value === null || value === undefined ? '' : String(value)
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n'
}

function featureCollection(
  title: string,
  features: { properties: object; geometry: object }[],
): string {
  const lines = features.map((f) =>
    JSON.stringify({ type: 'Feature', properties: f.properties, geometry: f.geometry }),
  )
  return `{"type":"FeatureCollection","name":${JSON.stringify(`GENERATED DEMO DATA: ${title}`)},"features":[\n${lines.join(',\n')}\n]}\n`
}

/** NENA's street fields; blank ones are left out rather than written empty. */
function streetProperties(street: StreetName) {
  return {
    ...(street.pre ? { St_PreDir: street.pre } : {}),
    St_Name: street.name,
    ...(street.type ? { St_PosTyp: street.type } : {}),
    ...(street.post ? { St_PosDir: street.post } : {}),
  }
}

/** The NENA street name columns, in the order every layer file here gives them. */
export const STREET_COLUMNS = ['St_PreDir', 'St_Name', 'St_PosTyp', 'St_PosDir']

/** The columns of the address points file (NENA names), shared with the importer's tests. */
export const ADDRESS_POINT_COLUMNS = [
  'Site_NGUID',
  'Add_Number',
  'AddNum_Suf',
  ...STREET_COLUMNS,
  'Unit',
  'Inc_Muni',
  'Post_Code',
  'State',
  'Lat',
  'Long',
]

/** The text of each layer's file, keyed by layer. */
export function renderDemoRegion(region: DemoRegion): Record<DemoLayerName, string> {
  const roads = featureCollection(
    'road centerlines of Worcester, Shrewsbury and Leicester (not a survey)',
    region.roads.map((road) => ({
      properties: {
        RCL_NGUID: road.id,
        ...streetProperties(road.street),
        ...(road.fromLeft === null
          ? {}
          : {
              FromAddr_L: road.fromLeft,
              ToAddr_L: road.toLeft,
              FromAddr_R: road.fromRight,
              ToAddr_R: road.toRight,
            }),
        IncMuni_L: road.townLeft,
        IncMuni_R: road.townRight,
        OneWay: road.oneWay,
        SpeedLimit: road.speed,
        RoadClass: road.roadClass,
      },
      geometry: { type: 'LineString', coordinates: road.coordinates },
    })),
  )
  const area = (ring: Ring) => ({ type: 'Polygon', coordinates: [ring] })
  return {
    'address-points': csv(
      ADDRESS_POINT_COLUMNS,
      region.addressPoints.map((p) => [
        p.id,
        p.number,
        '',
        p.street.pre,
        p.street.name,
        p.street.type,
        p.street.post,
        p.unit,
        p.town,
        p.postalCode,
        'MA',
        p.lat,
        p.lon,
      ]),
    ),
    roads,
    msag: csv(
      ['Inc_Muni', ...STREET_COLUMNS, 'Low', 'High', 'Parity', 'ESN'],
      region.msag.map((r) => [
        r.town,
        r.street.pre,
        r.street.name,
        r.street.type,
        r.street.post,
        r.low,
        r.high,
        r.parity,
        r.esn,
      ]),
    ),
    towns: featureCollection(
      'town boundaries (approximate, not survey lines)',
      region.towns.map((t) => ({
        properties: { Inc_Muni: t.town, State: 'MA' },
        geometry: area(t.ring),
      })),
    ),
    'response-zones': featureCollection(
      'first-due response zones per station',
      region.responseZones.map((z) => ({
        properties: { Station: z.station, Discipline: z.discipline },
        geometry: area(z.ring),
      })),
    ),
    places: csv(
      ['LandmkName', 'Add_Number', ...STREET_COLUMNS, 'Inc_Muni', 'State', 'Lat', 'Long'],
      region.places.map((p) => [
        p.name,
        p.number,
        p.street.pre,
        p.street.name,
        p.street.type,
        p.street.post,
        p.town,
        'MA',
        p.lat,
        p.lon,
      ]),
    ),
  }
}

/** Generates the region and writes one file per layer into `dir`; returns each layer's file. */
export async function writeDemoRegion(dir: string): Promise<Record<DemoLayerName, string>> {
  const texts = renderDemoRegion(generateDemoRegion())
  await fs.mkdir(dir, { recursive: true })
  const files = {} as Record<DemoLayerName, string>
  for (const layer of DEMO_LAYERS) {
    const file = path.join(dir, DEMO_FILE_NAMES[layer])
    await fs.writeFile(file, texts[layer])
    files[layer] = file
  }
  return files
}

/** SHA-256 over the layer files in layer order: the same on every run, on every machine. */
export async function hashDemoFiles(files: Record<DemoLayerName, string>): Promise<string> {
  const hash = createHash('sha256')
  for (const layer of DEMO_LAYERS) hash.update(layer).update(await fs.readFile(files[layer]))
  return hash.digest('hex')
}
