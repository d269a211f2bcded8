import type { LiveEvent, LiveEventMap, LiveEventType } from '@common/api/events.ts'
import type { Unit } from '@common/api/units.ts'

type RecordKind = 'calls' | 'incidents' | 'units'
type ListKind = 'positions' | 'timerAlerts' | 'emergencies' | 'bolos'

/** What an event changes on the floor: records and lists to fetch again, a unit to patch now. */
export interface Effects {
  records: [RecordKind, string][]
  lists: ListKind[]
  unitPatch?: { unitId: string; patch: Partial<Unit> }
}

function payload<T extends LiveEventType>(event: LiveEvent, _type: T): LiveEventMap[T] {
  return event.payload as LiveEventMap[T]
}

/** Typed access to the ids most events carry. */
interface Ids {
  callId?: string
  incidentId?: string | null
  unitId?: string
}

export function effectsOf(event: LiveEvent): Effects {
  const ids = event.payload as Ids
  const records: [RecordKind, string][] = []
  const lists: ListKind[] = []
  if (ids.callId) records.push(['calls', ids.callId])
  if (ids.incidentId) records.push(['incidents', ids.incidentId])
  const type = event.type
  const domain = type.slice(0, type.indexOf('.'))
  switch (domain) {
    case 'position':
      lists.push('positions')
      break
    case 'bolo':
      lists.push('bolos')
      break
    case 'unit':
      if (type.startsWith('unit.timer_') || type === 'unit.checked_in') lists.push('timerAlerts')
      if (type.startsWith('unit.emergency_')) lists.push('emergencies')
      // Position fixes carry all they change; everything else is fetched again.
      if (ids.unitId && type !== 'unit.located') records.push(['units', ids.unitId])
      break
    case 'unit_timer_setting':
      lists.push('timerAlerts')
      break
  }
  const effects: Effects = { records, lists }
  if (type === 'unit.status_changed') {
    const change = payload(event, 'unit.status_changed')
    effects.unitPatch = {
      unitId: change.unitId,
      patch: {
        status: change.status,
        statusChangedAt: event.at,
        incidentId: change.incidentId,
        incidentNumber: change.number,
      },
    }
  } else if (type === 'unit.located') {
    const fix = payload(event, 'unit.located')
    effects.unitPatch = {
      unitId: fix.unitId,
      patch: {
        fix: {
          lat: fix.lat,
          lon: fix.lon,
          heading: fix.heading,
          speedKmh: null,
          at: fix.at,
          ageSeconds: 0,
        },
      },
    }
  }
  return effects
}
