import type { Recommendation } from '@common/api/incidents.ts'
import type { UnitType } from '@common/domain/units.ts'
import type { Db } from '../../db/schema.ts'
import { assignments, listAssignableUnits } from '../units/index.ts'
import * as incidents from './incidents.repository.ts'
import type { IncidentRow } from './incidents.table.ts'

/**
 * The run card up to `level`, less what is already on the incident, filled with free units:
 * those based in the incident's town first, then mutual aid from the other towns, each group in
 * unit-code order. (Ordering by drive time replaces this once the road network is loaded.)
 * What cannot be filled is reported with its reason.
 */
export async function recommendFor(
  db: Db,
  incident: Pick<IncidentRow, 'id' | 'nature_code' | 'town'>,
  level: number,
): Promise<Recommendation> {
  const plan = (await incidents.listResponsePlan(db, incident.nature_code, incident.town)).filter(
    (line) => line.alarm_level <= level,
  )
  const wanted = new Map<UnitType, number>()
  for (const line of plan) {
    wanted.set(line.unit_type, (wanted.get(line.unit_type) ?? 0) + line.unit_count)
  }
  const onIncident = (await assignments.listIncidentAssignments(db, incident.id)).filter(
    (a) => a.state !== 'cleared',
  )
  const free = await listAssignableUnits(db, [...wanted.keys()])
  const town = incident.town?.toLowerCase() ?? null
  const lines = [...wanted.entries()].map(([unitType, count]) => {
    const alreadyAssigned = onIncident.filter((a) => a.unit_type === unitType).length
    const need = Math.max(0, count - alreadyAssigned)
    const candidates = free
      .filter((unit) => unit.unit_type === unitType)
      .sort(
        (a, b) =>
          Number(b.home_town.toLowerCase() === town) - Number(a.home_town.toLowerCase() === town),
      )
      .slice(0, need)
    const missing = need - candidates.length
    return {
      unitType,
      wanted: count,
      alreadyAssigned,
      recommendedUnitIds: candidates.map((unit) => unit.id),
      recommendedUnitCodes: candidates.map((unit) => unit.code),
      missing,
      reason:
        missing === 0
          ? null
          : candidates.length === 0
            ? `no ${unitType.replace('_', ' ')} is available in the region`
            : `only ${candidates.length} ${unitType.replace('_', ' ')} available of ${need} needed`,
    }
  })
  return { incidentId: incident.id, alarmLevel: level, lines }
}
