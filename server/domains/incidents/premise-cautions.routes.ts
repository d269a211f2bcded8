import {
  AddPremiseCautionBody,
  ListPremiseCautionsQuery,
  PremiseCaution,
  PremiseInfo,
  PremiseQuery,
  RemovePremiseCautionBody,
} from '@common/api/premises.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  addPremiseCaution,
  getPremiseInfo,
  listPremiseCautions,
  removePremiseCaution,
} from './premise-cautions.service.ts'

export const premiseCautionRoutes = [
  route({
    method: 'GET',
    url: '/api/premises',
    summary: 'Premise information for an address: cautions in force and prior incidents',
    tag: 'incidents',
    access: 'staff',
    query: PremiseQuery,
    response: PremiseInfo,
    handle: ({ ctx, query }) => getPremiseInfo(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/premise-cautions',
    summary: 'Premise cautions, by town; removed and expired ones when asked',
    tag: 'incidents',
    access: 'staff',
    query: ListPremiseCautionsQuery,
    response: z.array(PremiseCaution),
    handle: ({ ctx, query }) => listPremiseCautions(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/premise-cautions',
    summary: 'Add a caution or hazard at an address',
    tag: 'incidents',
    access: ['supervisor', 'administrator'],
    body: AddPremiseCautionBody,
    response: PremiseCaution,
    status: 201,
    handle: ({ ctx, body }) => addPremiseCaution(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/premise-cautions/:id/remove',
    summary: 'Remove a premise caution, with the reason',
    tag: 'incidents',
    access: ['supervisor', 'administrator'],
    params: IdParams,
    body: RemovePremiseCautionBody,
    response: PremiseCaution,
    handle: ({ ctx, params, body }) => removePremiseCaution(ctx, params.id, body),
  }),
]
