import type { UnitEmergency } from '@common/api/unit-emergencies.ts'
import type { UnitTimerAlert } from '@common/api/unit-timers.ts'
import type { Unit } from '@common/api/units.ts'
import { memo, useMemo, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { UnitStatusBadge } from '../../incident/badges.tsx'
import { useFloor } from '../../live/floor-context.tsx'
import { Elapsed } from '../../ui/elapsed.tsx'

interface Alarm {
  timer: UnitTimerAlert | null
  emergency: UnitEmergency | null
}
const QUIET: Alarm = { timer: null, emergency: null }

/** The worst open timer alert and the open emergency of each unit that has one. */
function alarmsByUnit(
  timerAlerts: readonly UnitTimerAlert[],
  emergencies: readonly UnitEmergency[],
): Map<string, Alarm> {
  const byUnit = new Map<string, Alarm>()
  for (const alert of timerAlerts) {
    if (alert.acknowledgedAt !== null) continue
    const current = byUnit.get(alert.unitId) ?? { ...QUIET }
    if (!current.timer || (alert.level === 'alert' && current.timer.level === 'warn')) {
      current.timer = alert
    }
    byUnit.set(alert.unitId, current)
  }
  for (const emergency of emergencies) {
    if (emergency.stoppedAt !== null) continue
    const current = byUnit.get(emergency.unitId) ?? { ...QUIET }
    current.emergency = emergency
    byUnit.set(emergency.unitId, current)
  }
  return byUnit
}

/**
 * Every unit, grouped by agency. Rows are memoised on their unit record and alarm, and the
 * status timers tick on their own, so one unit's change re-renders one row of 500.
 */
export function UnitBoard({ onError }: { onError: (message: string) => void }) {
  const units = useFloor((state) => state.units)
  const timerAlerts = useFloor((state) => state.timerAlerts)
  const emergencies = useFloor((state) => state.emergencies)
  const [filter, setFilter] = useState('')

  const groups = useMemo(() => {
    const byAgency = new Map<string, Unit[]>()
    for (const unit of units.values()) {
      const list = byAgency.get(unit.agencyCode) ?? []
      list.push(unit)
      byAgency.set(unit.agencyCode, list)
    }
    return [...byAgency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agency, list]) => ({
        agency,
        units: list.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
      }))
  }, [units])
  const alarms = useMemo(() => alarmsByUnit(timerAlerts, emergencies), [timerAlerts, emergencies])
  const wanted = filter.trim().toUpperCase()

  return (
    <section className="panel unit-board" aria-label="Unit status board">
      <div className="panel-head">
        <h2>Units ({units.size})</h2>
        <label className="unit-filter">
          Filter
          <input
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="code, status, incident"
            aria-label="Filter units"
          />
        </label>
      </div>
      <div className="unit-board-scroll">
        <table>
          <thead>
            <tr>
              <th>Unit</th>
              <th>Type</th>
              <th>Status</th>
              <th>In status</th>
              <th>Incident</th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.agency} aria-label={`Agency ${group.agency}`}>
              <tr className="agency-row">
                <th colSpan={5} scope="rowgroup">
                  {group.agency}
                </th>
              </tr>
              {group.units
                .filter((unit) => !wanted || matches(unit, wanted))
                .map((unit) => (
                  <UnitRow
                    key={unit.id}
                    unit={unit}
                    alarm={alarms.get(unit.id) ?? QUIET}
                    onError={onError}
                  />
                ))}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  )
}

function matches(unit: Unit, wanted: string): boolean {
  return (
    unit.code.toUpperCase().includes(wanted) ||
    unit.status.toUpperCase().includes(wanted.replace(/\s+/g, '_')) ||
    (unit.incidentNumber?.toUpperCase().includes(wanted) ?? false)
  )
}

const UnitRow = memo(function UnitRow({
  unit,
  alarm,
  onError,
}: {
  unit: Unit
  alarm: Alarm
  onError: (message: string) => void
}) {
  const timer = alarm.timer
  const level = alarm.emergency ? 'emergency' : (timer?.level ?? null)
  return (
    <tr
      data-unit-code={unit.code}
      data-status={unit.status}
      className={level ? `unit-row unit-row-${level}` : 'unit-row'}
    >
      <td>
        <strong>{unit.code}</strong>
      </td>
      <td className="muted">{unit.unitType.replace('_', ' ')}</td>
      <td className="unit-status-cell">
        <UnitStatusBadge status={unit.status} />
        {unit.outOfServiceReason ? <span className="muted"> {unit.outOfServiceReason}</span> : null}
        {(alarm.emergency ?? timer) && (
          <div className="unit-alerts">
            {alarm.emergency && <strong className="emergency-flag">EMERGENCY</strong>}
            {timer && (
              <>
                <span className={timer.level === 'alert' ? 'age-alert' : 'age-warn'}>
                  {timer.level === 'alert' ? 'ALERT' : 'WARN'} {timer.label}
                </span>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    void api
                      .post(`/api/unit-timers/${timer.id}/acknowledge`)
                      .catch((error: unknown) =>
                        onError(`${unit.code}: ${(error as ApiError).message}`),
                      )
                  }}
                >
                  Acknowledge {unit.code} timer
                </button>
              </>
            )}
          </div>
        )}
      </td>
      <td>
        <Elapsed since={unit.statusChangedAt} label="in status" />
      </td>
      <td className="tabular">{unit.incidentNumber ?? ''}</td>
    </tr>
  )
})
