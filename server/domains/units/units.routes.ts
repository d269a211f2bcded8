import {
  CreateUnitBody,
  ListUnitsQuery,
  Station,
  Unit,
  UnitLocationBody,
} from '@common/api/units.ts'
import { IdParams, Id } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  createUnit,
  getUnit,
  listStations,
  listUnits,
  recordUnitLocation,
} from './units.service.ts'

export const unitRegistryRoutes = [
  route({
    method: 'GET',
    url: '/api/units',
    summary: 'The unit status board',
    tag: 'units',
    access: 'staff',
    query: ListUnitsQuery,
    response: z.array(Unit),
    handle: ({ ctx, query }) => listUnits(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/units/:id',
    summary: 'One unit, with its assignment and last AVL fix',
    tag: 'units',
    access: 'staff',
    params: IdParams,
    response: Unit,
    handle: ({ ctx, params }) => getUnit(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/units',
    summary: 'Add a unit',
    tag: 'units',
    access: ['administrator'],
    body: CreateUnitBody,
    response: Unit,
    status: 201,
    handle: ({ ctx, body }) => createUnit(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/units/:id/location',
    summary:
      'An AVL fix for a unit (position, heading, time); an older fix than the stored one is not applied',
    tag: 'units',
    access: ['integration', 'dispatcher', 'supervisor'],
    params: IdParams,
    body: UnitLocationBody,
    response: z.object({ applied: z.boolean(), unit: Unit }),
    handle: ({ ctx, params, body }) => recordUnitLocation(ctx, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/stations',
    summary: 'Fire and police stations',
    tag: 'units',
    access: 'staff',
    query: z.object({ agencyId: Id.optional() }),
    response: z.array(Station),
    handle: ({ ctx, query }) => listStations(ctx, query.agencyId),
  }),
]
