import {
  ReverseQuery,
  ReverseResult,
  VerifyBody,
  VerifyQuery,
  VerifyResult,
} from '@common/api/geography.ts'
import { route } from '../../http/route.ts'
import { reverseGeocode, verifyAddressLine, verifyCivicAddress } from './address-verify.service.ts'

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
]
