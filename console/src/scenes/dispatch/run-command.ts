import type { Incident } from '@common/api/incidents.ts'
import type { Unit } from '@common/api/units.ts'
import { UNIT_STATUS_LABELS } from '@common/domain/units.ts'
import { api } from '../../api/http.ts'
import type { FloorStore } from '../../live/floor-store.ts'
import type { ResolvedCommand } from './command-line.ts'

/** Dispatches units to an incident; the answer goes on the board before its event arrives. */
export async function dispatchUnits(
  store: FloorStore,
  incidentId: string,
  unitIds: string[],
): Promise<Incident> {
  const incident = await api.post<Incident>(`/api/incidents/${incidentId}/dispatch`, { unitIds })
  store.put('incidents', incident)
  return incident
}

async function changeStatus(
  store: FloorStore,
  unitId: string,
  body: { status: Unit['status']; reason?: string },
): Promise<Unit> {
  const unit = await api.post<Unit>(`/api/units/${unitId}/status`, body)
  store.put('units', unit)
  return unit
}

/**
 * Carries out a resolved command and says what happened in one line. Status changes for several
 * units run one after another so the line can say which unit a refusal was for.
 */
export async function runCommand(store: FloorStore, command: ResolvedCommand): Promise<string> {
  switch (command.kind) {
    case 'dispatch': {
      const incident = await dispatchUnits(
        store,
        command.incident.id,
        command.units.map((unit) => unit.id),
      )
      return `${command.units.map((unit) => unit.code).join(', ')} dispatched to ${incident.number}`
    }
    case 'status': {
      const done: string[] = []
      for (const unit of command.units) {
        try {
          await changeStatus(store, unit.id, { status: command.status })
          done.push(unit.code)
        } catch (error) {
          const before = done.length > 0 ? ` (${done.join(', ')} done)` : ''
          throw new Error(`${unit.code}: ${(error as Error).message}${before}`)
        }
      }
      return `${done.join(', ')} ${UNIT_STATUS_LABELS[command.status].toLowerCase()}`
    }
    case 'out_of_service':
      await changeStatus(store, command.unit.id, {
        status: 'out_of_service',
        reason: command.reason,
      })
      return `${command.unit.code} out of service: ${command.reason}`
    case 'clear': {
      const incident = await api.post<Incident>(
        `/api/incidents/${command.incident.id}/units/${command.unit.id}/clear`,
        {},
      )
      store.put('incidents', incident)
      return `${command.unit.code} cleared from ${incident.number}`
    }
    case 'note': {
      const incident = await api.post<Incident>(`/api/incidents/${command.incident.id}/notes`, {
        text: command.text,
      })
      store.put('incidents', incident)
      return `note added to ${incident.number}`
    }
  }
}
