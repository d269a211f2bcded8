import {
  MapFeatureCollection,
  MapLayerParams,
  MapLayerQuery,
  ReverseQuery,
  ReverseResult,
  VerifyBody,
  VerifyQuery,
  VerifyResult,
} from '@common/api/geography.ts'
import { route } from '../../http/route.ts'
import { reverseGeocode, verifyAddressLine, verifyCivicAddress } from './address-verify.service.ts'
import { getMapLayer } from './map-layers.service.ts'

/** Verification and reverse geocoding: any member of staff, read only. */
export const geographyCoreRoutes = [
  route({
    method: 'GET',
    url: '/api/geography/verify',
    summary:
      'Verify a typed one-line address against the address points, the MSAG, the roads and place names',
    tag: 'geography',
    access: 'staff',
    query: VerifyQuery,
    response: VerifyResult,
    handle: ({ ctx, query }) => verifyAddressLine(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/geography/verify',
    summary: 'Verify an address given in parts (a civic address)',
    tag: 'geography',
    access: 'staff',
    body: VerifyBody,
    response: VerifyResult,
    handle: ({ ctx, body }) => verifyCivicAddress(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/geography/reverse',
    summary: 'The nearest address to a point, the town it lies in and its first-due stations',
    tag: 'geography',
    access: 'staff',
    query: ReverseQuery,
    response: ReverseResult,
    handle: ({ ctx, query }) => reverseGeocode(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/geography/layers/:layer',
    summary:
      'A map layer as GeoJSON (towns, roads, stations, response-zones), lon/lat to 5 decimals; ' +
      'ETag and If-None-Match; bbox=minLon,minLat,maxLon,maxLat keeps the features meeting it',
    tag: 'geography',
    access: 'staff',
    params: MapLayerParams,
    query: MapLayerQuery,
    response: MapFeatureCollection,
    handle: async ({ ctx, params, query, request, reply }) => {
      const { body, etag } = await getMapLayer(ctx, params.layer, query.bbox)
      // private: staff-only data; no-cache: the browser asks again, and a 304 costs nothing.
      reply.header('etag', etag).header('cache-control', 'private, no-cache')
      if (matchesETag(request.headers['if-none-match'], etag)) reply.code(304).send()
      else reply.code(200).type('application/geo+json').send(body)
      return null
    },
  }),
]

/** If-None-Match holds a list of tags, or `*` (RFC 9110 §13.1.2; weak comparison). */
function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag)
}
