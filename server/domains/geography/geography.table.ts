import type { ColumnType, Generated, Selectable } from 'kysely'

type Json<T> = ColumnType<T, string, string>

/** [lon, lat], as GeoJSON orders a position. */
export type Position = [number, number]
export type PolygonCoordinates = Position[][]
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoordinates }
  | { type: 'MultiPolygon'; coordinates: PolygonCoordinates[] }

/** The street of an address, in normal form (directions N, SW; types ST, AVE). */
export interface StreetColumns {
  pre_direction: string | null
  street_name: string
  street_type: string | null
  post_direction: string | null
}

export interface AddressPointsTable extends StreetColumns {
  id: Generated<string>
  source_id: string | null
  house_number: number
  house_number_suffix: string | null
  unit: string | null
  town: string
  postal_code: string | null
  state: ColumnType<string, string | undefined, string>
  lat: number
  lon: number
}
export type AddressPointRow = Selectable<AddressPointsTable>

export type OneWay = 'B' | 'FT' | 'TF'

export interface RoadSegmentsTable extends StreetColumns {
  id: Generated<string>
  source_id: string | null
  from_left: number | null
  to_left: number | null
  from_right: number | null
  to_right: number | null
  town_left: string | null
  town_right: string | null
  one_way: ColumnType<OneWay, OneWay | undefined, OneWay>
  speed_mph: number
  road_class: string | null
  coordinates: Json<Position[]>
}
export type RoadSegmentRow = Selectable<RoadSegmentsTable>

export type Parity = 'O' | 'E' | 'B'

export interface MsagRangesTable extends StreetColumns {
  id: Generated<string>
  town: string
  low: number
  high: number
  parity: ColumnType<Parity, Parity | undefined, Parity>
  esn: string | null
}
export type MsagRangeRow = Selectable<MsagRangesTable>

export interface JurisdictionsTable {
  id: Generated<string>
  town: string
  state: ColumnType<string, string | undefined, string>
  geometry_type: AreaGeometry['type']
  coordinates: Json<AreaGeometry['coordinates']>
}
export type JurisdictionRow = Selectable<JurisdictionsTable>

export interface ResponseZonesTable {
  id: Generated<string>
  station_code: string
  discipline: 'fire' | 'police' | 'ems'
  geometry_type: AreaGeometry['type']
  coordinates: Json<AreaGeometry['coordinates']>
}
export type ResponseZoneRow = Selectable<ResponseZonesTable>

export interface PlaceNamesTable {
  id: Generated<string>
  name: string
  house_number: number | null
  pre_direction: string | null
  street_name: string | null
  street_type: string | null
  post_direction: string | null
  town: string
  lat: number
  lon: number
}
export type PlaceNameRow = Selectable<PlaceNamesTable>

export const GEOGRAPHY_LAYERS = [
  'address_points',
  'road_segments',
  'msag_ranges',
  'jurisdictions',
  'response_zones',
  'place_names',
] as const
export type GeographyLayer = (typeof GEOGRAPHY_LAYERS)[number]

export interface GeographyLayersTable {
  layer: GeographyLayer
  version: number
  imported_at: Date
  source_file: string
  rows_imported: number
  rows_rejected: number
}
