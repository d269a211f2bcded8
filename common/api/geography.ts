import { z } from 'zod'
import { CivicAddress } from './locations.ts'

/** GET /api/geography/verify?q=...: a typed one-line address, optionally with its town. */
export const VerifyQuery = z.object({
  q: z.string().trim().min(1).max(300),
  town: z.string().trim().min(1).max(64).optional(),
})
export type VerifyQuery = z.infer<typeof VerifyQuery>

/** POST /api/geography/verify: an address already in parts (from a form or a PIDF-LO). */
export const VerifyBody = CivicAddress
export type VerifyBody = z.infer<typeof VerifyBody>

const Coordinate = (min: number, max: number) =>
  z.string().trim().min(1, 'required').transform(Number).pipe(z.number().min(min).max(max))

/** GET /api/geography/reverse?lat=&lon=[&radiusM=]: the nearest address to a point. */
export const ReverseQuery = z.object({
  lat: Coordinate(-90, 90),
  lon: Coordinate(-180, 180),
  /** How far to look for an address point; 250 m unless said. */
  radiusM: z
    .string()
    .trim()
    .min(1)
    .transform(Number)
    .pipe(z.number().int().min(1).max(5000))
    .optional(),
})
export type ReverseQuery = z.infer<typeof ReverseQuery>

export const VERIFY_STATUSES = ['verified', 'candidates', 'invalid', 'not_found'] as const
export type VerifyStatus = (typeof VERIFY_STATUSES)[number]

/**
 * Why a candidate matched: `exact` as typed (after St/Street, N/North normalisation);
 * `completed` a missing type or direction filled in; `typo_corrected` the street name differs by
 * a few letters; `town_corrected` the town did; `town_inferred` no town was typed; `alias` a
 * common place name; `intersection` two streets meeting; `address_point` the house is in the
 * address points; `range_interpolated` placed along a road segment's address range;
 * `msag_range` only known to lie within an MSAG range.
 */
export const MATCH_REASONS = [
  'exact',
  'completed',
  'typo_corrected',
  'town_corrected',
  'town_inferred',
  'alias',
  'intersection',
  'address_point',
  'range_interpolated',
  'msag_range',
] as const
export type MatchReason = (typeof MATCH_REASONS)[number]

export const LatLon = z.object({ lat: z.number(), lon: z.number() })
export type LatLon = z.infer<typeof LatLon>

/** The first-due station code of each discipline; null where no response zone covers it. */
export const FirstDueStations = z.object({
  fire: z.string().nullable(),
  police: z.string().nullable(),
  ems: z.string().nullable(),
})
export type FirstDueStations = z.infer<typeof FirstDueStations>

export const AddressCandidate = z.object({
  /** The normalised address as a dispatcher reads it. */
  text: z.string(),
  address: CivicAddress,
  point: LatLon.nullable(),
  /** The town the point lies in (its boundary), else the address's own town. */
  town: z.string(),
  firstDue: FirstDueStations,
  /** 0 to 1; 1 is an exact match. */
  score: z.number(),
  why: z.array(z.enum(MATCH_REASONS)),
  /** The same in words, e.g. "street COPAGE corrected to COPPAGE (1 edit)". */
  detail: z.string(),
})
export type AddressCandidate = z.infer<typeof AddressCandidate>

export const VerifyResult = z.object({
  status: z.enum(VERIFY_STATUSES),
  /** The address as understood, in one line. */
  input: z.string(),
  /** Why it is invalid or not found; null when verified or candidates. */
  reason: z.string().nullable(),
  /** The verified address: candidates[0] when status is verified, else null. */
  match: AddressCandidate.nullable(),
  /** Ranked, best first (at most 10). */
  candidates: z.array(AddressCandidate),
})
export type VerifyResult = z.infer<typeof VerifyResult>

export const ReverseResult = z.object({
  point: LatLon,
  town: z.string().nullable(),
  firstDue: FirstDueStations,
  nearest: z
    .object({
      text: z.string(),
      address: CivicAddress,
      point: LatLon,
      distanceM: z.number(),
    })
    .nullable(),
})
export type ReverseResult = z.infer<typeof ReverseResult>

/** The GeoJSON layers the console's map draws (no tile server exists offline). */
export const MAP_LAYERS = ['towns', 'roads', 'stations', 'response-zones'] as const
export type MapLayer = (typeof MAP_LAYERS)[number]

/** GET /api/geography/layers/:layer */
export const MapLayerParams = z.object({ layer: z.enum(MAP_LAYERS) })
export type MapLayerParams = z.infer<typeof MapLayerParams>

const DEGREES = /^-?\d+(\.\d+)?$/

/** A box in degrees, west/south/east/north, as GeoJSON's bbox member orders it. */
export interface BoundingBox {
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
}

/** `minLon,minLat,maxLon,maxLat`; every problem is reported on `bbox` itself. */
export const BoundingBoxText = z
  .string()
  .trim()
  .transform((text, ctx): BoundingBox => {
    const parts = text.split(',').map((part) => part.trim())
    const bad = (message: string) => {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    if (parts.length !== 4 || !parts.every((part) => DEGREES.test(part))) {
      return bad('four numbers minLon,minLat,maxLon,maxLat')
    }
    const [minLon, minLat, maxLon, maxLat] = parts.map(Number) as [number, number, number, number]
    if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) {
      return bad('longitudes lie within -180..180')
    }
    if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) {
      return bad('latitudes lie within -90..90')
    }
    if (minLon > maxLon || minLat > maxLat) return bad('min must not exceed max')
    return { minLon, minLat, maxLon, maxLat }
  })

/** GET /api/geography/layers/:layer[?bbox=minLon,minLat,maxLon,maxLat] */
export const MapLayerQuery = z.object({
  /** Only features whose extent meets this box (for the roads layer, mostly). */
  bbox: BoundingBoxText.optional(),
})
export type MapLayerQuery = z.infer<typeof MapLayerQuery>

/** [lon, lat], rounded to 5 decimals (about 1 m). */
const MapPosition = z.tuple([z.number(), z.number()])

const MapGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: MapPosition }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(MapPosition) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(MapPosition)) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(MapPosition))),
  }),
])

/**
 * Properties per layer: towns `{ town }`; roads `{ name, class? }` (class only where the data
 * has one); stations `{ code, name, agency }` (agency code, null when unknown); response zones
 * `{ station, discipline }` with the zone's id as the feature id.
 */
export const MapFeature = z.object({
  type: z.literal('Feature'),
  id: z.string().optional(),
  geometry: MapGeometry,
  properties: z.record(z.string(), z.string().nullable()),
})
export type MapFeature = z.infer<typeof MapFeature>

/** An RFC 7946 FeatureCollection, served as application/geo+json with an ETag. */
export const MapFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(MapFeature),
})
export type MapFeatureCollection = z.infer<typeof MapFeatureCollection>
