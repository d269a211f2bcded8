import { IdParams } from '@common/api/schemas.ts'
import {
  ListUnitTimerAlertsQuery,
  PutUnitTimerSettingBody,
  UnitCheckIn,
  UnitTimerAlert,
  UnitTimerSetting,
} from '@common/api/unit-timers.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  acknowledgeUnitTimerAlert,
  checkInUnit,
  listUnitTimerAlerts,
  listUnitTimerSettings,
  putUnitTimerSetting,
} from './unit-timers.service.ts'

export const unitTimerRoutes = [
  route({
    method: 'GET',
    url: '/api/unit-timers',
    summary: 'Raised unit status timers (open=true: not yet acknowledged)',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    query: ListUnitTimerAlertsQuery,
    response: z.array(UnitTimerAlert),
    handle: ({ ctx, query }) => listUnitTimerAlerts(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/unit-timers/:id/acknowledge',
    summary: 'Acknowledge a raised status timer',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    params: IdParams,
    response: UnitTimerAlert,
    handle: ({ ctx, params }) => acknowledgeUnitTimerAlert(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/units/:id/check-in',
    summary: 'The unit answered its check-in: restart its status timer',
    tag: 'units',
    access: ['dispatcher', 'supervisor'],
    params: IdParams,
    response: UnitCheckIn,
    handle: ({ ctx, params }) => checkInUnit(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/unit-timer-settings',
    summary: 'Status timer thresholds per status and agency kind',
    tag: 'units',
    access: 'staff',
    response: z.array(UnitTimerSetting),
    handle: ({ ctx }) => listUnitTimerSettings(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/unit-timer-settings',
    summary: 'Set the warn and alert thresholds of a status for an agency kind (or all, *)',
    tag: 'units',
    access: ['administrator', 'supervisor'],
    body: PutUnitTimerSettingBody,
    response: UnitTimerSetting,
    handle: ({ ctx, body }) => putUnitTimerSetting(ctx, body),
  }),
]
