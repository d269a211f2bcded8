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
