import type {
  AddressPointRow,
  MsagRangeRow,
  PlaceNameRow,
  Position,
  RoadSegmentRow,
} from './geography.table.ts'
import type { JurisdictionInput, ResponseZoneInput } from './jurisdiction-index.ts'

type StreetFields = 'pre_direction' | 'street_name' | 'street_type' | 'post_direction'
export type AddressPointInput = Pick<
  AddressPointRow,
  | StreetFields
  | 'house_number'
  | 'house_number_suffix'
  | 'unit'
  | 'town'
  | 'postal_code'
  | 'lat'
  | 'lon'
> & { state?: string }
export type RoadSegmentInput = Pick<
  RoadSegmentRow,
  StreetFields | 'from_left' | 'to_left' | 'from_right' | 'to_right' | 'town_left' | 'town_right'
> & { coordinates: Position[] }
export type MsagRangeInput = Pick<MsagRangeRow, StreetFields | 'town' | 'low' | 'high' | 'parity'>
export type PlaceNameInput = Omit<PlaceNameRow, 'id'>

/** The address layers as plain rows: what the index is built from (tables, files or a bench). */
export interface AddressIndexRows {
  addressPoints: AddressPointInput[]
  roadSegments: RoadSegmentInput[]
  msagRanges: MsagRangeInput[]
  placeNames: PlaceNameInput[]
  jurisdictions: JurisdictionInput[]
  responseZones: ResponseZoneInput[]
}
