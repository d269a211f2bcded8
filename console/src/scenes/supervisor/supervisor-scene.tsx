import { useMemo } from 'react'
import { PriorityBadge, UnitStatusBadge, ageTone } from '../../incident/badges.tsx'
import { useFloor } from '../../live/floor-context.tsx'
import { useAnswerTargets } from '../../ui/answer-targets.ts'
import { LINE_LABELS } from '../../ui/call-labels.ts'
import { ringClass, ringLevel, ringWords } from '../../ui/ring-age.ts'
import { clockTime, formatDuration, secondsSince, useNow } from '../../ui/time.ts'
import { AnswerCompliance } from './answer-compliance.tsx'
import { useAnswerTimes } from './use-answer-times.ts'
import './supervisor.css'

/** A ringing call is the supervisor's business once it has rung this long. */
const RINGING_WATCH_S = 10
const STATE_WORDS: Record<string, string> = {
  ready: 'Ready',
  not_ready: 'Not ready',
  break: 'On break',
  signed_off: 'Signed off',
}

/**
 * The floor at a glance for a supervisor: calls ringing too long, incidents waiting, who sits
 * where, units past their timers, and today's answer-time compliance.
 */
export function SupervisorScene() {
  const answerTimes = useAnswerTimes()
  return (
    <section className="scene supervisor-scene" aria-label="supervisor">
      <div className="supervisor-column">
        <RingingCalls />
        <PendingIncidents />
        <UnitTimers />
      </div>
      <div className="supervisor-column">
        <AnswerCompliance state={answerTimes} />
        <Positions />
      </div>
    </section>
  )
}

function RingingCalls() {
  const thresholds = useAnswerTargets()
  const calls = useFloor((state) => state.calls)
  const now = useNow(500)
  const ringing = useMemo(
    () =>
      [...calls.values()]
        .filter((call) => call.status === 'ringing')
        .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt)),
    [calls],
  )
  const long = ringing.filter((call) => secondsSince(call.arrivedAt, now) > RINGING_WATCH_S)
  return (
    <section className="panel" aria-labelledby="ringing-title">
      <h2 id="ringing-title">
        Calls ringing longer than {RINGING_WATCH_S} s{' '}
        <span className={long.length ? 'count-alert' : 'muted'}>({long.length})</span>
      </h2>
      <p className="muted small">
        {ringing.length} ringing in all · targets: answer within {thresholds.answerSeconds} s (
        {thresholds.answerTargetPercent} %), {thresholds.limitSeconds} s (
        {thresholds.limitTargetPercent} %)
      </p>
      {long.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table aria-label="Calls ringing longer than 10 s">
          <thead>
            <tr>
              <th>Line</th>
              <th>Caller</th>
              <th>Arrived</th>
              <th>Ringing</th>
            </tr>
          </thead>
          <tbody>
            {long.map((call) => {
              const seconds = secondsSince(call.arrivedAt, now)
              const level = ringLevel(seconds, thresholds)
              return (
                <tr key={call.id}>
                  <td>{LINE_LABELS[call.line]}</td>
                  <td>{call.ani ?? 'no number'}</td>
                  <td className="tabular">{clockTime(call.arrivedAt)}</td>
                  <td className="tabular">
                    <span className={ringClass(level)}>{formatDuration(seconds)}</span>{' '}
                    <span className="small">{ringWords(level, thresholds)}</span>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

function PendingIncidents() {
  const incidents = useFloor((state) => state.incidents)
  const now = useNow()
  const pending = useMemo(
    () =>
      [...incidents.values()]
        .filter((incident) => incident.status === 'pending')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    [incidents],
  )
  return (
    <section className="panel" aria-labelledby="pending-title">
      <h2 id="pending-title">
        Pending incidents, oldest first <span className="muted">({pending.length})</span>
      </h2>
      {pending.length === 0 ? (
        <p className="muted">No incident is waiting for a unit.</p>
      ) : (
        <table aria-label="Pending incidents">
          <thead>
            <tr>
              <th>Waiting</th>
              <th>Priority</th>
              <th>Incident</th>
              <th>Nature</th>
              <th>Location</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((incident) => {
              const seconds = secondsSince(incident.createdAt, now)
              return (
                <tr key={incident.id}>
                  <td className="tabular">
                    <span className={ageTone(incident.priority, true)(seconds)}>
                      {formatDuration(seconds)}
                    </span>
                  </td>
                  <td>
                    <PriorityBadge priority={incident.priority} />
                  </td>
                  <td className="tabular">{incident.number}</td>
                  <td>{incident.natureCode}</td>
                  <td className="wrap">{incident.location.text}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Positions() {
  const positions = useFloor((state) => state.positions)
  const now = useNow()
  const sorted = useMemo(
    () =>
      [...positions].sort(
        (a, b) =>
          Number(a.userId === null) - Number(b.userId === null) || a.code.localeCompare(b.code),
      ),
    [positions],
  )
  const staffed = positions.filter((position) => position.userId !== null).length
  return (
    <section className="panel" aria-labelledby="positions-title">
      <h2 id="positions-title">
        Positions{' '}
        <span className="muted">
          ({staffed} staffed of {positions.length})
        </span>
      </h2>
      <table aria-label="Positions">
        <thead>
          <tr>
            <th>Position</th>
            <th>Who</th>
            <th>State</th>
            <th>For</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((position) => (
            <tr key={position.id} className={position.userId ? undefined : 'unstaffed'}>
              <td>
                <strong>{position.code}</strong> <span className="muted">{position.name}</span>
              </td>
              <td>{position.username ?? <span className="muted">nobody</span>}</td>
              <td>
                <span className={`position-state position-${position.state}`}>
                  {STATE_WORDS[position.state] ?? position.state}
                </span>
              </td>
              <td className="tabular muted">
                {position.userId ? formatDuration(secondsSince(position.stateChangedAt, now)) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function UnitTimers() {
  const alerts = useFloor((state) => state.timerAlerts)
  const now = useNow()
  const running = useMemo(
    () =>
      [...alerts].sort(
        (a, b) => Number(b.timerRunning) - Number(a.timerRunning) || b.secondsOver - a.secondsOver,
      ),
    [alerts],
  )
  return (
    <section className="panel" aria-labelledby="timers-title">
      <h2 id="timers-title">
        Units past their timers <span className="muted">({alerts.length})</span>
      </h2>
      {running.length === 0 ? (
        <p className="muted">No unit is past a status timer.</p>
      ) : (
        <table aria-label="Units past their timers">
          <thead>
            <tr>
              <th>Unit</th>
              <th>Status</th>
              <th>Timer</th>
              <th>Over by</th>
              <th>Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {running.map((alert) => {
              const over = alert.timerRunning
                ? Math.max(0, secondsSince(alert.timerStartedAt, now) - alert.thresholdSeconds)
                : alert.secondsOver
              return (
                <tr key={alert.id}>
                  <td>
                    <strong>{alert.unitCode}</strong>
                  </td>
                  <td>
                    <UnitStatusBadge status={alert.status} />
                  </td>
                  <td>
                    {alert.label}{' '}
                    <span className="muted">({formatDuration(alert.thresholdSeconds)})</span>
                  </td>
                  <td className="tabular">
                    <span className={alert.level === 'alert' ? 'age-alert' : 'age-warn'}>
                      {formatDuration(over)}
                    </span>
                    {alert.timerRunning ? '' : ' (ended)'}
                  </td>
                  <td className="muted">
                    {alert.acknowledgedAt ? clockTime(alert.acknowledgedAt) : 'not yet'}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
