import type { PositionState } from '../domain/positions.ts'
import type { AlertState, CapMsgType, CapStatus } from './alerts.ts'
import type { CadEventMap } from './cad-events.ts'
import type { Role } from '../domain/roles.ts'
import type { AgencyKind } from '../domain/agencies.ts'
import type { BoloKind, CautionKind } from '../domain/incidents.ts'
import type { UnitStatus } from '../domain/units.ts'
import type { TimerAgencyKind, UnitTimerLevel } from './unit-timers.ts'

/**
 * Every event type in the log and its payload. Server writers and console handlers are both
 * type-checked against this map. Names are `<domain>.<past tense>`.
 */
export interface LiveEventMap extends CadEventMap {
  'position.created': { positionId: string; code: string; name: string }
  'position.signed_on': { positionId: string; code: string; userId: string; username: string }
  'position.signed_off': { positionId: string; code: string; userId: string; reason: string }
  'position.state_changed': {
    positionId: string
    code: string
    state: PositionState
    previousState: PositionState
    reason: string | null
  }
  'user.created': { userId: string; username: string; roles: Role[] }
  'user.updated': { userId: string; username: string; changed: string[] }
  'agency.created': { agencyId: string; code: string; kind: AgencyKind; town: string }
  'agency.updated': { agencyId: string; code: string; changed: string[] }
  'premise_caution.added': {
    cautionId: string
    addressKey: string
    locationText: string
    town: string | null
    kind: CautionKind
    text: string
    expiresAt: string | null
  }
  'premise_caution.removed': { cautionId: string; addressKey: string; reason: string }
  'bolo.issued': {
    boloId: string
    kind: BoloKind
    plate: string | null
    plateState: string | null
    vehicle: string | null
    person: string | null
    details: string
    incidentId: string | null
    expiresAt: string
  }
  'bolo.cancelled': { boloId: string; incidentId: string | null; reason: string }
  /** `seconds`: time in the timer when raised; `thresholdSeconds`: the threshold it crossed. */
  'unit.timer_raised': {
    alertId: string
    unitId: string
    unitCode: string
    status: UnitStatus
    level: UnitTimerLevel
    label: string
    seconds: number
    thresholdSeconds: number
    incidentId: string | null
  }
  'unit.timer_acknowledged': {
    alertId: string
    unitId: string
    unitCode: string
    status: UnitStatus
    level: UnitTimerLevel
    incidentId: string | null
    acknowledgedByUserId: string | null
  }
  'unit.checked_in': {
    unitId: string
    unitCode: string
    status: UnitStatus
    incidentId: string | null
    timerStartedAt: string
    acknowledgedAlertIds: string[]
  }
  'unit_timer_setting.updated': {
    status: UnitStatus
    agencyKind: TimerAgencyKind
    warnSeconds: number
    alertSeconds: number
    label: string
  }
  'unit.emergency_started': {
    emergencyId: string
    unitId: string
    unitCode: string
    agencyId: string
    incidentId: string | null
    lat: number | null
    lon: number | null
    startedAt: string
  }
  'unit.emergency_acknowledged': {
    emergencyId: string
    unitId: string
    unitCode: string
    incidentId: string | null
    acknowledgedAt: string
    acknowledgedByUserId: string | null
  }
  'unit.emergency_stopped': {
    emergencyId: string
    unitId: string
    unitCode: string
    incidentId: string | null
    stoppedAt: string
    reason: string
  }
  /** A mass-notification alert was drafted, changed state, or was approved or rejected. */
  'alert.changed': {
    alertId: string
    identifier: string
    state: AlertState
    status: CapStatus
    msgType: CapMsgType
  }
  /** An alert's deliveries: `done` of `total` are sent, delivered or failed (`failed` of them). */
  'alert.delivery_progress': { alertId: string; done: number; total: number; failed: number }
}
export type LiveEventType = keyof LiveEventMap

/**
 * An event as a console receives it. `position` is an opaque cursor in the log: send it back in
 * an ack, or as `after` when reconnecting, to resume with no gap and no duplicate.
 */
export interface LiveEvent<T extends LiveEventType = LiveEventType> {
  position: string
  type: T
  stream: string
  payload: LiveEventMap[T]
  at: string
  actorUserId: string | null
  actorPositionId: string | null
}

/** Messages a console sends on /api/live. */
export type LiveClientMessage = { type: 'ack'; position: string }

/** Messages the server sends on /api/live. */
export type LiveServerMessage =
  | { type: 'hello'; resumeFrom: string }
  /** Catch-up is done: from here on events arrive as they commit. */
  | { type: 'live'; position: string }
  | { type: 'event'; event: LiveEvent }
  | { type: 'error'; code: string; message: string }

/** The position before the first event of the log. */
export const LOG_START = '0-0'
