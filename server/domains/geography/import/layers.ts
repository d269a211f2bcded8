import type { Insertable } from 'kysely'
import { normalDirection, normalName, normalStreetType } from '@common/domain/address.ts'
import type {
  AddressPointsTable,
  GeographyLayer,
  JurisdictionsTable,
  MsagRangesTable,
  OneWay,
  Parity,
  PlaceNamesTable,
  ResponseZonesTable,
  RoadSegmentsTable,
  StreetColumns,
} from '../geography.table.ts'
import type { FieldReader } from './fields.ts'
import type { SourceFormat } from './source-file.ts'

/** The layer names of the CLI, in the order an import from scratch would take them. */
export const IMPORT_LAYERS = [
  'address-points',
  'roads',
  'msag',
  'towns',
  'response-zones',
  'places',
] as const
export type ImportLayerName = (typeof IMPORT_LAYERS)[number]

export function isImportLayerName(value: string): value is ImportLayerName {
  return (IMPORT_LAYERS as readonly string[]).includes(value)
}

/** What each layer's rows become: the insertable row of its table. */
interface LayerRows {
  address_points: Insertable<AddressPointsTable>
  road_segments: Insertable<RoadSegmentsTable>
  msag_ranges: Insertable<MsagRangesTable>
  jurisdictions: Insertable<JurisdictionsTable>
  response_zones: Insertable<ResponseZonesTable>
  place_names: Insertable<PlaceNamesTable>
}

export interface LayerDefinition<T extends GeographyLayer = GeographyLayer> {
  table: T
  formats: SourceFormat[]
  /** CSV columns without which no row could pass: the file is refused whole, naming them. */
  requiredColumns: string[][]
  /**
   * Maps one source row to a table row, normalised. Records problems on `fields`; the caller
   * rejects the row when there are any (the returned row is then meaningless).
   */
  toRow(fields: FieldReader): LayerRows[T]
}

/**
 * Default speeds (mph) by NENA RoadClass, used when SpeedLimit is missing. Massachusetts' default
 * in thickly settled districts is 30 (M.G.L. c. 90 § 17); the classes nobody drives get a walking
 * pace so that a drive-time search avoids them without losing the connection.
 */
export const SPEED_BY_ROAD_CLASS: Record<string, number> = {
  PRIMARY: 55,
  SECONDARY: 40,
  LOCAL: 30,
  RAMP: 35,
  'SERVICE DRIVE': 20,
  ALLEY: 15,
  PRIVATE: 15,
  'PARKING LOT': 10,
  'VEHICULAR TRAIL': 10,
  OTHER: 25,
  WALKWAY: 3,
  STAIRWAY: 3,
  TRAIL: 3,
  'BRIDLE PATH': 3,
}
/** When neither SpeedLimit nor RoadClass is given. */
export const DEFAULT_SPEED_MPH = 25

const ROAD_CLASSES: Record<string, string> = {
  PRIMARY: 'Primary',
  SECONDARY: 'Secondary',
  LOCAL: 'Local',
  RAMP: 'Ramp',
  'SERVICE DRIVE': 'Service Drive',
  ALLEY: 'Alley',
  PRIVATE: 'Private',
  'PARKING LOT': 'Parking Lot',
  'VEHICULAR TRAIL': 'Vehicular Trail',
  OTHER: 'Other',
  WALKWAY: 'Walkway',
  STAIRWAY: 'Stairway',
  TRAIL: 'Trail',
  'BRIDLE PATH': 'Bridle Path',
}
const ONE_WAY: Record<string, OneWay> = { B: 'B', FT: 'FT', TF: 'TF' }
const PARITY: Record<string, Parity> = {
  O: 'O',
  E: 'E',
  B: 'B',
  ODD: 'O',
  EVEN: 'E',
  BOTH: 'B',
}
const DISCIPLINES: Record<string, 'fire' | 'police' | 'ems'> = {
  FIRE: 'fire',
  POLICE: 'police',
  EMS: 'ems',
}
const MAX_HOUSE_NUMBER = 999_999

/** St_PreDir, St_Name, St_PosTyp, St_PosDir in normal form ('North' → 'N', 'Street' → 'ST'). */
function street(fields: FieldReader, required: boolean): StreetColumns {
  const name = required ? fields.requiredText('St_Name') : fields.text('St_Name')
  return {
    pre_direction: fields.direction('St_PreDir', normalDirection),
    street_name: name ? normalName(name) : '',
    street_type: orNull(normalStreetType(fields.text('St_PosTyp'))),
    post_direction: fields.direction('St_PosDir', normalDirection),
  }
}

/**
 * Add_Number is a whole number. "12A" or "12 1/2" in it is split into the number and its
 * suffix when AddNum_Suf is blank (a letter or 1/2 is the only reading); anything else that is
 * not a whole number ("12-14", "12.5", "twelve") is refused.
 */
function houseNumber(
  fields: FieldReader,
  required: boolean,
): { number: number | null; suffix: string | null } {
  const suffix = fields.text('AddNum_Suf')?.toUpperCase() ?? null
  const raw = fields.row.get('Add_Number')
  const split = typeof raw === 'string' ? /^(\d+)\s*([A-Za-z]|1\/2)$/.exec(raw.trim()) : null
  if (split) {
    if (suffix !== null) {
      fields.problem(
        'Add_Number',
        `"${raw as string}" holds a suffix and AddNum_Suf is "${suffix}"`,
      )
      return { number: null, suffix }
    }
    const number = Number(split[1])
    if (number > MAX_HOUSE_NUMBER) {
      fields.problem('Add_Number', `${number} is outside 0..${MAX_HOUSE_NUMBER}`)
    }
    return { number, suffix: split[2]!.toUpperCase() }
  }
  return {
    number: fields.integer('Add_Number', { min: 0, max: MAX_HOUSE_NUMBER, required }),
    suffix,
  }
}

function state(fields: FieldReader): string {
  const value = fields.text('State')
  if (value === null) return 'MA'
  if (!/^[A-Za-z]{2}$/.test(value)) fields.problem('State', `"${value}" is not a two-letter code`)
  return value.toUpperCase()
}

/** ZIP or ZIP+4. A number loses leading zeros (Worcester is 01601), so it is padded back. */
function postalCode(fields: FieldReader): string | null {
  const raw = fields.row.get('Post_Code')
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 99_999) {
    return String(raw).padStart(5, '0')
  }
  const value = fields.text('Post_Code')
  if (value !== null && !/^\d{5}(-\d{4})?$/.test(value)) {
    fields.problem('Post_Code', `"${value}" is not a ZIP code (12345 or 12345-6789)`)
  }
  return value
}

/** Towns are kept as written (compared case-insensitively elsewhere), spaces tidied. */
function town(fields: FieldReader, ...names: string[]): string {
  return fields.requiredText(...names)
}

function orNull(value: string): string | null {
  return value === '' ? null : value
}

const addressPoints: LayerDefinition<'address_points'> = {
  table: 'address_points',
  formats: ['geojson', 'csv'],
  requiredColumns: [['Add_Number'], ['St_Name'], ['Inc_Muni'], ['Lat'], ['Long']],
  toRow(fields) {
    const point = fields.point()
    const house = houseNumber(fields, true)
    return {
      source_id: fields.text('Site_NGUID'),
      house_number: house.number ?? 0,
      house_number_suffix: house.suffix,
      ...street(fields, true),
      unit: fields.text('Unit'),
      town: town(fields, 'Inc_Muni'),
      postal_code: postalCode(fields),
      state: state(fields),
      lat: point?.lat ?? 0,
      lon: point?.lon ?? 0,
    }
  },
}

/** One side's address range: both ends or neither; 0 to 0 is NENA's "no addresses". */
function range(fields: FieldReader, from: string, to: string): [number | null, number | null] {
  const low = fields.integer(from, { min: 0, max: MAX_HOUSE_NUMBER })
  const high = fields.integer(to, { min: 0, max: MAX_HOUSE_NUMBER })
  if ((low === null) !== (high === null)) {
    fields.problem(low === null ? from : to, `missing while ${low === null ? to : from} is given`)
  }
  if (low === 0 && high === 0) return [null, null]
  return [low, high]
}

function speedOfClass(roadClass: string | null): number {
  return roadClass === null
    ? DEFAULT_SPEED_MPH
    : (SPEED_BY_ROAD_CLASS[roadClass.toUpperCase()] ?? DEFAULT_SPEED_MPH)
}

const roads: LayerDefinition<'road_segments'> = {
  table: 'road_segments',
  formats: ['geojson'],
  requiredColumns: [],
  toRow(fields) {
    const coordinates = fields.line()
    const [fromLeft, toLeft] = range(fields, 'FromAddr_L', 'ToAddr_L')
    const [fromRight, toRight] = range(fields, 'FromAddr_R', 'ToAddr_R')
    let townLeft = fields.text('IncMuni_L')
    let townRight = fields.text('IncMuni_R')
    if (townLeft === null && townRight === null) {
      fields.problem('IncMuni_L', 'required, missing or blank (IncMuni_L or IncMuni_R)')
    }
    // A segment with one town given lies in that town on both sides.
    townLeft ??= townRight
    townRight ??= townLeft
    const roadClass = fields.choice(['RoadClass'], ROAD_CLASSES)
    const speed = fields.number('SpeedLimit', { min: 0, max: 85, minExclusive: true })
    return {
      source_id: fields.text('RCL_NGUID'),
      ...street(fields, true),
      from_left: fromLeft,
      to_left: toLeft,
      from_right: fromRight,
      to_right: toRight,
      town_left: townLeft,
      town_right: townRight,
      one_way: fields.choice(['OneWay'], ONE_WAY) ?? 'B',
      speed_mph: speed ?? speedOfClass(roadClass),
      road_class: roadClass,
      coordinates: JSON.stringify(coordinates ?? []),
    }
  },
}

const msag: LayerDefinition<'msag_ranges'> = {
  table: 'msag_ranges',
  formats: ['csv'],
  requiredColumns: [['Inc_Muni', 'Community'], ['St_Name'], ['Low'], ['High']],
  toRow(fields) {
    const low = fields.integer('Low', { min: 0, max: MAX_HOUSE_NUMBER, required: true })
    const high = fields.integer('High', { min: 0, max: MAX_HOUSE_NUMBER, required: true })
    if (low !== null && high !== null && low > high) {
      fields.problem('Low', `${low} is above High ${high}`)
    }
    return {
      ...street(fields, true),
      town: town(fields, 'Inc_Muni', 'Community'),
      low: low ?? 0,
      high: high ?? 0,
      parity: fields.choice(['Parity', 'Odd_Even'], PARITY) ?? 'B',
      esn: fields.text('ESN'),
    }
  },
}

const towns: LayerDefinition<'jurisdictions'> = {
  table: 'jurisdictions',
  formats: ['geojson'],
  requiredColumns: [],
  toRow(fields) {
    const area = fields.area()
    return {
      town: town(fields, 'Inc_Muni'),
      state: state(fields),
      geometry_type: area?.type ?? 'Polygon',
      coordinates: JSON.stringify(area?.coordinates ?? []),
    }
  },
}

const responseZones: LayerDefinition<'response_zones'> = {
  table: 'response_zones',
  formats: ['geojson'],
  requiredColumns: [],
  toRow(fields) {
    const area = fields.area()
    return {
      // Station codes are upper case, as the stations table keeps them (WFD1).
      station_code: fields.requiredText('Station').toUpperCase(),
      discipline: fields.choice(['Discipline'], DISCIPLINES, true) ?? 'fire',
      geometry_type: area?.type ?? 'Polygon',
      coordinates: JSON.stringify(area?.coordinates ?? []),
    }
  },
}

const places: LayerDefinition<'place_names'> = {
  table: 'place_names',
  formats: ['geojson', 'csv'],
  requiredColumns: [['LandmkName'], ['Inc_Muni'], ['Lat'], ['Long']],
  toRow(fields) {
    const point = fields.point()
    const houseNumber = fields.integer('Add_Number', { min: 0, max: MAX_HOUSE_NUMBER })
    const where = street(fields, houseNumber !== null)
    return {
      name: fields.requiredText('LandmkName'),
      house_number: houseNumber,
      ...where,
      street_name: orNull(where.street_name),
      town: town(fields, 'Inc_Muni'),
      lat: point?.lat ?? 0,
      lon: point?.lon ?? 0,
    }
  },
}

export const LAYERS: { [K in ImportLayerName]: LayerDefinition } = {
  'address-points': addressPoints,
  roads,
  msag,
  towns,
  'response-zones': responseZones,
  places,
}

/** A key that must be unique within a layer (jurisdictions.town is unique), or null. */
export function uniqueKey(table: GeographyLayer, row: Record<string, unknown>): string | null {
  return table === 'jurisdictions' ? String(row.town).toUpperCase() : null
}
