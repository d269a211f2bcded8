import type { Incident } from '@common/api/incidents.ts'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { IncidentDetail } from '../../incident/incident-detail.tsx'
import { useFloor, useFloorStore } from '../../live/floor-context.tsx'
import { BoloPanel } from './bolo-panel.tsx'
import { CommandPanel, logLine, type LogLine } from './command-panel.tsx'
import { EmergencyPanel } from './emergency-panel.tsx'
import { IncidentQueue, queueOrder } from './incident-queue.tsx'
import { RecommendationPanel, topChoice, useRecommendation } from './recommendation-panel.tsx'
import { dispatchUnits } from './run-command.ts'
import { UnitBoard } from './unit-board.tsx'
import './dispatch.css'

const LOG_LENGTH = 30

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')
  )
}

/**
 * The dispatch board: the incident queue and the selected incident with its recommendation on
 * the left, the unit status board on the right, the command line on top. Keyboard first:
 * F2 or / command line, F6 queue (arrows select), F7 narrative, F3 or Ctrl+Enter dispatch the
 * top recommended unit, Shift+F3 all recommended units.
 */
export function DispatchScene() {
  const incidentMap = useFloor((state) => state.incidents)
  const incidents = useMemo(() => [...incidentMap.values()].sort(queueOrder), [incidentMap])
  const [chosenId, setChosenId] = useState<string | null>(null)
  const selected = incidents.find((incident) => incident.id === chosenId) ?? incidents[0] ?? null
  const [log, setLog] = useState<LogLine[]>([])
  const commandRef = useRef<HTMLInputElement>(null)

  const onLog = useCallback(
    (line: LogLine) => setLog((previous) => [line, ...previous].slice(0, LOG_LENGTH)),
    [],
  )
  const onError = useCallback((message: string) => onLog(logLine(message, false)), [onLog])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2' || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault()
        commandRef.current?.focus()
      } else if (event.key === 'F6') {
        event.preventDefault()
        document.querySelector<HTMLElement>('[data-role="incident-queue"]')?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <section className="scene dispatch-scene" aria-label="dispatch">
      <CommandPanel ref={commandRef} log={log} onLog={onLog} />
      <div className="dispatch-left">
        <EmergencyPanel />
        <IncidentQueue
          incidents={incidents}
          selectedId={selected?.id ?? null}
          onSelect={setChosenId}
        />
        <BoloPanel incidentId={selected?.id ?? null} />
      </div>
      <div className="panel dispatch-detail">
        {selected ? (
          <SelectedIncident incident={selected} onLog={onLog} />
        ) : (
          <p className="muted">No open incident. New incidents appear in the queue.</p>
        )}
      </div>
      <UnitBoard onError={onError} />
    </section>
  )
}

function SelectedIncident({
  incident,
  onLog,
}: {
  incident: Incident
  onLog: (line: LogLine) => void
}) {
  const store = useFloorStore()
  const { recommendation, error } = useRecommendation(incident)

  const dispatch = useCallback(
    (unitIds: string[], codes: string[]) => {
      dispatchUnits(store, incident.id, unitIds).then(
        (answer) => onLog(logLine(`${codes.join(', ')} dispatched to ${answer.number}`, true)),
        (failure: unknown) =>
          onLog(logLine(`dispatch ${codes.join(', ')}: ${(failure as Error).message}`, false)),
      )
    },
    [store, incident.id, onLog],
  )

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return
      if (event.key === 'F7') {
        event.preventDefault()
        document.querySelector<HTMLElement>('[data-role="narrative-entry"]')?.focus()
      } else if (event.key === 'F3' || (event.key === 'Enter' && event.ctrlKey)) {
        event.preventDefault()
        const choices = event.shiftKey
          ? (recommendation?.lines.flatMap((line) => line.choices) ?? [])
          : [topChoice(recommendation)].filter((choice) => choice !== null)
        if (choices.length === 0) {
          onLog(logLine(`${incident.number}: no recommended unit to dispatch`, false))
          return
        }
        dispatch(
          choices.map((choice) => choice.unitId),
          choices.map((choice) => choice.code),
        )
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [recommendation, dispatch, incident.number, onLog])

  return (
    <IncidentDetail incident={incident}>
      <RecommendationPanel
        incident={incident}
        recommendation={recommendation}
        error={error}
        onDispatch={dispatch}
      />
    </IncidentDetail>
  )
}
