import { IdParams } from '@common/api/schemas.ts'
import {
  ListUnitEmergenciesQuery,
  StartUnitEmergencyBody,
  StopUnitEmergencyBody,
  UnitEmergency,
} from '@common/api/unit-emergencies.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  acknowledgeUnitEmergency,
  listUnitEmergencies,
  startUnitEmergency,
  stopUnitEmergency,
} from './unit-emergencies.service.ts'

export const unitEmergencyRoutes = [
  route({
    method: 'POST',
    url: '/api/units/:id/emergency',
    summary: "The unit's emergency button: alarms every dispatch position of its agency",
    tag: 'units',
    access: ['dispatcher', 'supervisor', 'integration'],
    params: IdParams,
    body: StartUnitEmergencyBody,
    response: UnitEmergency,
    status: 201,
    handle: ({ ctx, params, body }) => startUnitEmergency(ctx, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/unit-emergencies',
    summary: 'Unit emergencies (open=true: not yet stopped)',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    query: ListUnitEmergenciesQuery,
    response: z.array(UnitEmergency),
    handle: ({ ctx, query }) => listUnitEmergencies(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/unit-emergencies/:id/acknowledge',
    summary: 'A dispatcher has the unit emergency in hand',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    params: IdParams,
    response: UnitEmergency,
    handle: ({ ctx, params }) => acknowledgeUnitEmergency(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/unit-emergencies/:id/stop',
    summary: 'End a unit emergency, with the reason',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    params: IdParams,
    body: StopUnitEmergencyBody,
    response: UnitEmergency,
    handle: ({ ctx, params, body }) => stopUnitEmergency(ctx, params.id, body),
  }),
]
