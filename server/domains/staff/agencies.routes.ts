import { Agency, CreateAgencyBody, UpdateAgencyBody } from '@common/api/staff.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { createAgency, listAgencies, updateAgency } from './agencies.service.ts'

const ADMIN = ['administrator'] as const

export const agencyRoutes = [
  route({
    method: 'GET',
    url: '/api/agencies',
    summary: 'The agencies the center dispatches for',
    tag: 'staff',
    access: 'staff',
    response: z.array(Agency),
    handle: ({ ctx }) => listAgencies(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/agencies',
    summary: 'Add an agency',
    tag: 'staff',
    access: ADMIN,
    body: CreateAgencyBody,
    response: Agency,
    status: 201,
    handle: ({ ctx, body }) => createAgency(ctx, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/agencies/:id',
    summary: 'Change an agency',
    tag: 'staff',
    access: ADMIN,
    params: IdParams,
    body: UpdateAgencyBody,
    response: Agency,
    handle: ({ ctx, params, body }) => updateAgency(ctx, params.id, body),
  }),
]
