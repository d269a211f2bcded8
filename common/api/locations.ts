import { z } from 'zod'
import { LOCATION_SOURCES } from '../domain/calls.ts'

const Part = (max: number) => z.string().trim().min(1).max(max)

/**
 * A civic address in the parts PIDF-LO (RFC 5139) and the NENA GIS data model use: house number
 * and suffix, street with its pre- and post-direction and type, unit, town (A3), state (A1), ZIP.
 */
export const CivicAddress = z.object({
  houseNumber: Part(16).optional(),
  houseNumberSuffix: Part(8).optional(),
  preDirection: Part(8).optional(),
  street: Part(100),
  streetType: Part(16).optional(),
  postDirection: Part(8).optional(),
  unit: Part(32).optional(),
  building: Part(64).optional(),
  floor: Part(16).optional(),
  landmark: Part(100).optional(),
  town: Part(64),
  state: z.string().trim().length(2).toUpperCase().default('MA'),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'a 5-digit ZIP code')
    .optional(),
})
export type CivicAddress = z.infer<typeof CivicAddress>

/** A point in WGS-84 with the radius it is good to (from PIDF-LO circles or the handset). */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  uncertaintyM: z.number().min(0).max(100_000).optional(),
  confidencePct: z.number().int().min(0).max(100).optional(),
})
export type GeoPoint = z.infer<typeof GeoPoint>

/** A location as delivered with a call or added later: civic address, point, or both. */
export const LocationInput = z
  .object({
    source: z.enum(LOCATION_SOURCES),
    civic: CivicAddress.optional(),
    point: GeoPoint.optional(),
    /** Free text as the caller said it, when it is not (yet) an address. */
    text: z.string().trim().min(1).max(300).optional(),
  })
  .refine((l) => l.civic || l.point || l.text, {
    message: 'give a civic address, a point or a text',
    path: ['civic'],
  })
export type LocationInput = z.infer<typeof LocationInput>
