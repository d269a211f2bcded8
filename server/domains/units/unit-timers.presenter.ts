import type { UnitTimerAlert, UnitTimerSetting } from '@common/api/unit-timers.ts'
import { iso, isoOrNull } from '../../http/present.ts'
import type { UnitTimerAlertView, UnitTimerSettingRow } from './unit-timers.repository.ts'

export function presentUnitTimerAlert(row: UnitTimerAlertView): UnitTimerAlert {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    agencyId: row.agency_id,
    incidentId: row.incident_id,
    status: row.status,
    level: row.level,
    label: row.label,
    thresholdSeconds: row.threshold_seconds,
    timerStartedAt: iso(row.timer_started_at),
    raisedAt: iso(row.raised_at),
    timerRunning: row.timer_running,
    secondsOver: row.seconds_over,
    acknowledgedAt: isoOrNull(row.acknowledged_at),
    acknowledgedByUserId: row.acknowledged_by_user_id,
  }
}

export function presentUnitTimerSetting(row: UnitTimerSettingRow): UnitTimerSetting {
  return {
    status: row.status,
    agencyKind: row.agency_kind,
    warnSeconds: row.warn_seconds,
    alertSeconds: row.alert_seconds,
    label: row.label,
  }
}
