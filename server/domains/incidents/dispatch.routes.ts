import {
  ClearUnitBody,
  DispatchBody,
  Incident,
  Recommendation,
  UpgradeAlarmBody,
} from '@common/api/incidents.ts'
import { Id, IdParams } from '@common/api/schemas.ts'
import { ChangeUnitStatusBody, Unit } from '@common/api/units.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  changeUnitStatus,
  clearUnit,
  dispatchUnits,
  recommendUnits,
  upgradeAlarm,
} from './dispatch.service.ts'

const DISPATCH = ['dispatcher', 'supervisor'] as const

export const dispatchRoutes = [
  route({
    method: 'POST',
    url: '/api/incidents/:id/dispatch',
    summary: 'Send units (a committed unit is stacked only when allowStacking)',
    tag: 'dispatch',
    access: DISPATCH,
    params: IdParams,
    body: DispatchBody,
    response: Incident,
    handle: ({ ctx, params, body }) => dispatchUnits(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/units/:unitId/clear',
    summary: 'Clear a unit from the incident; it takes its next stacked incident, if any',
    tag: 'dispatch',
    access: DISPATCH,
    params: z.object({ id: Id, unitId: Id }),
    body: ClearUnitBody,
    response: Incident,
    handle: ({ ctx, params, body }) => clearUnit(ctx, params.id, params.unitId, body),
  }),
  route({
    method: 'GET',
    url: '/api/incidents/:id/recommendation',
    summary: 'What the run card still asks for, which free units could go, and any shortfall',
    tag: 'dispatch',
    access: 'staff',
    params: IdParams,
    response: Recommendation,
    handle: ({ ctx, params }) => recommendUnits(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/alarm',
    summary: 'Upgrade the alarm by one level: the next level of the run card is added',
    tag: 'dispatch',
    access: DISPATCH,
    params: IdParams,
    body: UpgradeAlarmBody,
    response: z.object({ incident: Incident, recommendation: Recommendation }),
    handle: ({ ctx, params, body }) => upgradeAlarm(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/units/:id/status',
    summary:
      'A unit status change (en route, on scene …); a skipped step needs an override with a reason',
    tag: 'dispatch',
    access: ['dispatcher', 'supervisor', 'integration'],
    params: IdParams,
    body: ChangeUnitStatusBody,
    response: Unit,
    handle: ({ ctx, params, body }) => changeUnitStatus(ctx, params.id, body),
  }),
]
